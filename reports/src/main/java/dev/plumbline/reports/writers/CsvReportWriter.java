package dev.plumbline.reports.writers;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.compare.EngineComparison;
import dev.plumbline.reports.compare.MetricComparison;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.stats.Percentiles;
import dev.plumbline.reports.stats.Statistic;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code csv}: for a results report {@code summary.csv} (one row per engine × metric, and one per
 * run-level value) and {@code items.csv} (one row per engine × item × metric); for a comparison
 * {@code compare.csv}. RFC 4180 quoting, {@code \n} line ends, numbers as the shortest decimal
 * that reads back exactly, empty cells for undefined values.
 */
public final class CsvReportWriter implements ReportWriter {
    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String description() {
        return "summary.csv (engine x metric) and items.csv (engine x item x metric); compare.csv";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (report.resultsOnly()) {
            Path summary = dir.resolve("summary.csv");
            AtomicFiles.write(summary, w -> writeSummary(report.results(), w));
            written.add(summary);
            Path items = dir.resolve("items.csv");
            AtomicFiles.write(items, w -> writeItems(report.results(), w));
            written.add(items);
        }
        if (report.comparison() != null) {
            Path compare = dir.resolve("compare.csv");
            AtomicFiles.write(compare, w -> writeComparison(report.comparison().engines(), w));
            written.add(compare);
        }
        return written;
    }

    /** One row per engine × metric, then one per run-level value. */
    public static void writeSummary(Results results, Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("engine", "metric", "kind", "direction", "unit", "count", "defined",
                "undefined", "failed", "mean", "ci_low", "ci_high", "min", "max"));
        for (double p : Percentiles.REPORTED) {
            header.add(Statistic.percentile(p).name());
        }
        try (CsvPrinter csv = new CsvPrinter(out)) {
            csv.printRecord(header);
            for (EngineRun e : results.engines()) {
                for (Aggregate a : results.aggregates(e.engine()).values()) {
                    MetricInfo info = results.metrics().get(a.metric());
                    List<String> row = new ArrayList<>(List.of(e.engine(), a.metric(), "per_item",
                            info.direction().json(), info.unit(), Integer.toString(a.count()),
                            Integer.toString(a.defined()), Integer.toString(a.undefined()), Integer.toString(a.failed()),
                            Numbers.exact(a.mean()), Numbers.exact(a.ciLow()), Numbers.exact(a.ciHigh()),
                            Numbers.exact(a.min()), Numbers.exact(a.max())));
                    for (double p : Percentiles.REPORTED) {
                        Double v = a.percentiles().get(Statistic.percentile(p).name());
                        row.add(v == null ? "" : Numbers.exact(v));
                    }
                    csv.printRecord(row);
                }
                for (Map.Entry<String, Double> rv : e.runValues().entrySet()) {
                    List<String> row = new ArrayList<>(List.of(e.engine(), rv.getKey(), "run_level", "", "", "", "", "",
                            "", Numbers.exact(rv.getValue()), "", "", "", ""));
                    for (int i = 0; i < Percentiles.REPORTED.size(); i++) {
                        row.add("");
                    }
                    csv.printRecord(row);
                }
            }
        }
    }

    /** One row per engine × item × metric with status ok, undefined or failed. */
    public static void writeItems(Results results, Writer out) throws IOException {
        try (CsvPrinter csv = new CsvPrinter(out)) {
            csv.printRecord("engine", "item", "metric", "value", "status", "failure");
            for (EngineRun e : results.engines()) {
                for (int i = 0; i < e.itemIds().size(); i++) {
                    for (MetricValues m : e.metrics().values()) {
                        String status = m.failed(i) ? "failed" : m.undefined(i) ? "undefined" : "ok";
                        csv.printRecord(e.engine(), e.itemIds().get(i), m.name(), Numbers.exact(m.value(i)), status,
                                m.failed(i) ? m.failure(i) : "");
                    }
                }
            }
        }
    }

    /** One row per engine pair × metric. */
    public static void writeComparison(List<EngineComparison> engines, Writer out) throws IOException {
        try (CsvPrinter csv = new CsvPrinter(out)) {
            csv.printRecord("baseline_engine", "current_engine", "metric", "direction", "paired", "not_defined",
                    "baseline_mean", "current_mean", "difference", "ci_low", "ci_high", "p", "p_adjusted", "significant",
                    "verdict");
            for (EngineComparison e : engines) {
                for (MetricComparison m : e.metrics()) {
                    csv.printRecord(e.baselineEngine(), e.currentEngine(), m.metric(), m.direction().json(),
                            m.paired(), m.notDefined(), Numbers.exact(m.baselineMean()), Numbers.exact(m.currentMean()),
                            Numbers.exact(m.difference()), Numbers.exact(m.ciLow()), Numbers.exact(m.ciHigh()),
                            Numbers.exact(m.p()), Numbers.exact(m.pAdjusted()), m.significant(), m.verdict());
                }
            }
        }
    }
}
