package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.StatisticsConfig;

import java.util.List;

/**
 * A current results document compared with a baseline, engine by engine.
 *
 * @param baselineRunId the baseline's run id
 * @param currentRunId  the current run id
 * @param baselineFile  where the baseline was read from, empty if not from a file
 * @param currentFile   where the current results were read from, empty if not from a file
 * @param statistics    settings used (the current document's)
 * @param alpha         significance level
 * @param engines       engine pairs compared
 * @param notes         remarks for readers: unmatched engines, multiple comparisons, hardware
 */
public record Comparison(String baselineRunId, String currentRunId, String baselineFile, String currentFile,
                         StatisticsConfig statistics, double alpha, List<EngineComparison> engines,
                         List<String> notes) {
    /** The comparison document schema's name. */
    public static final String SCHEMA = "plumbline.comparison";
    /** The schema version written. */
    public static final int SCHEMA_VERSION = 1;

    /** Copies the lists. */
    public Comparison {
        engines = List.copyOf(engines);
        notes = List.copyOf(notes);
    }
}
