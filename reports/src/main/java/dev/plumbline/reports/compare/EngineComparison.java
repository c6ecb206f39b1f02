package dev.plumbline.reports.compare;

import java.util.List;

/**
 * All metrics of one engine compared between two results documents.
 *
 * @param baselineEngine engine name in the baseline
 * @param currentEngine  engine name in the current results
 * @param commonItems    items both runs have
 * @param onlyBaseline   items only the baseline has (not compared)
 * @param onlyCurrent    items only the current run has (not compared)
 * @param metrics        one entry per metric both runs have, in the current run's order
 * @param tested         how many metrics were tested (the Holm family size)
 */
public record EngineComparison(String baselineEngine, String currentEngine, int commonItems, int onlyBaseline,
                               int onlyCurrent, List<MetricComparison> metrics, int tested) {
    /** Copies the list. */
    public EngineComparison {
        metrics = List.copyOf(metrics);
    }
}
