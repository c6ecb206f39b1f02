package dev.plumbline.reports;

import dev.plumbline.reports.compare.Comparison;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.results.Results;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link ReportWriter} renders: a results document and, when there is one, its
 * comparison with a baseline and a gate outcome. Writers render every part that is present.
 *
 * @param results    the (current) results
 * @param source     the results file these results were read from, or {@code null} when they
 *                   were computed in this process; the json writer never overwrites it
 * @param comparison comparison with a baseline, or {@code null}
 * @param gate       gate verdicts, or {@code null}
 */
public record Report(Results results, Path source, Comparison comparison, GateOutcome gate) {
    /** Requires the results. */
    public Report {
        Objects.requireNonNull(results, "results");
    }

    /** A report of results alone. */
    public static Report of(Results results, Path source) {
        return new Report(results, source, null, null);
    }

    /** Whether this is a report of results alone (no comparison, no gate). */
    public boolean resultsOnly() {
        return comparison == null && gate == null;
    }

    /**
     * The base name of single-file outputs: {@code gate} when there are gate verdicts, else
     * {@code compare} when there is a comparison, else {@code summary}.
     */
    public String baseName() {
        return gate != null ? "gate" : comparison != null ? "compare" : "summary";
    }
}
