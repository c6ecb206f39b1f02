package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which engine of a baseline is compared with which engine of a current run: the pairs named
 * explicitly ({@code compare --pair BASELINE=CURRENT}, for engines whose names differ, such as
 * {@code simd/minilm-l6} against {@code native/minilm-l6}), then engines with the same name; or,
 * when nothing is named and each document holds exactly one engine, those two whatever their
 * names (a renamed run file should still be comparable).
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

    /** Matches the engines of two documents by name. */
    public static EnginePairs of(Results baseline, Results current) {
        return of(baseline, current, Map.of());
    }

    /**
     * Matches the engines of two documents: {@code named} first (baseline engine → current engine),
     * then the remaining engines by name.
     *
     * @throws IllegalArgumentException when a named engine is missing from its document or named twice
     */
    public static EnginePairs of(Results baseline, Results current, Map<String, String> named) {
        List<Pair> pairs = new ArrayList<>();
        List<String> onlyBaseline = new ArrayList<>();
        List<String> onlyCurrent = new ArrayList<>();
        if (named.isEmpty() && baseline.engines().size() == 1 && current.engines().size() == 1) {
            pairs.add(new Pair(baseline.engines().getFirst(), current.engines().getFirst()));
            return new EnginePairs(pairs, onlyBaseline, onlyCurrent);
        }
        Set<String> usedBaseline = new HashSet<>();
        Set<String> usedCurrent = new HashSet<>();
        for (Map.Entry<String, String> n : named.entrySet()) {
            EngineRun b = baseline.engine(n.getKey());
            EngineRun c = current.engine(n.getValue());
            if (b == null || c == null) {
                throw new IllegalArgumentException("--pair " + n.getKey() + "=" + n.getValue() + ": no engine "
                        + (b == null ? n.getKey() + " in the baseline " + names(baseline)
                        : n.getValue() + " in the current results " + names(current)));
            }
            if (!usedCurrent.add(c.engine())) {
                throw new IllegalArgumentException("--pair: current engine " + c.engine() + " is paired twice");
            }
            usedBaseline.add(b.engine());
            pairs.add(new Pair(b, c));
        }
        for (EngineRun c : current.engines()) {
            if (usedCurrent.contains(c.engine())) {
                continue;
            }
            EngineRun b = usedBaseline.contains(c.engine()) ? null : baseline.engine(c.engine());
            if (b == null) {
                onlyCurrent.add(c.engine());
            } else {
                usedBaseline.add(b.engine());
                pairs.add(new Pair(b, c));
            }
        }
        for (EngineRun b : baseline.engines()) {
            if (!usedBaseline.contains(b.engine())) {
                onlyBaseline.add(b.engine());
            }
        }
        return new EnginePairs(pairs, onlyBaseline, onlyCurrent);
    }

    private static List<String> names(Results r) {
        return r.engines().stream().map(EngineRun::engine).toList();
    }

    /** Copies the lists. */
    public EnginePairs {
        pairs = List.copyOf(pairs);
        onlyBaseline = List.copyOf(onlyBaseline);
        onlyCurrent = List.copyOf(onlyCurrent);
    }
}
