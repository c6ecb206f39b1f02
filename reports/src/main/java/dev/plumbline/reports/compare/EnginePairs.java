package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.List;

/**
 * Which engine of a baseline is compared with which engine of a current run: engines with the
 * same name; or, when each document holds exactly one engine, those two whatever their names
 * (a renamed run file should still be comparable).
 *
 * @param pairs         matched engines, in the current document's order
 * @param onlyBaseline  baseline engines without a partner
 * @param onlyCurrent   current engines without a partner
 */
public record EnginePairs(List<Pair> pairs, List<String> onlyBaseline, List<String> onlyCurrent) {
    /**
     * Two engine runs to compare.
     *
     * @param baseline the baseline's run
     * @param current  the current run
     */
    public record Pair(EngineRun baseline, EngineRun current) {
    }

    /** Matches the engines of two documents. */
    public static EnginePairs of(Results baseline, Results current) {
        List<Pair> pairs = new ArrayList<>();
        List<String> onlyBaseline = new ArrayList<>();
        List<String> onlyCurrent = new ArrayList<>();
        if (baseline.engines().size() == 1 && current.engines().size() == 1) {
            pairs.add(new Pair(baseline.engines().getFirst(), current.engines().getFirst()));
            return new EnginePairs(pairs, onlyBaseline, onlyCurrent);
        }
        for (EngineRun c : current.engines()) {
            EngineRun b = baseline.engine(c.engine());
            if (b == null) {
                onlyCurrent.add(c.engine());
            } else {
                pairs.add(new Pair(b, c));
            }
        }
        for (EngineRun b : baseline.engines()) {
            if (current.engine(b.engine()) == null) {
                onlyBaseline.add(b.engine());
            }
        }
        return new EnginePairs(pairs, onlyBaseline, onlyCurrent);
    }

    /** Copies the lists. */
    public EnginePairs {
        pairs = List.copyOf(pairs);
        onlyBaseline = List.copyOf(onlyBaseline);
        onlyCurrent = List.copyOf(onlyCurrent);
    }
}
