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
 * run-level value), {@code items.csv} (long: one row per engine × item × metric, with the item's
 * text and label) and {@code items-wide.csv} (one row per engine × item, one column per metric, with
 * texts and labels: what {@code pandas.read_csv} wants); for a comparison {@code compare.csv}. RFC 4180 quoting, {@code \n} line ends, numbers as the shortest decimal
 * that reads back exactly, empty cells for undefined values.
 */
public final class CsvReportWriter implements ReportWriter {
    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String description() {
        return "summary.csv (engine x metric), items.csv (engine x item x metric) and items-wide.csv"
                + " (engine x item, a column per metric), with texts and labels; compare.csv";
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
            Path wide = dir.resolve("items-wide.csv");
            AtomicFiles.write(wide, w -> writeWideItems(report.results(), w));
            written.add(wide);
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

    /**
     * One row per engine × item × metric with status ok, undefined or failed, and the item's text
     * (query or question) and label from its evidence (empty when it has none).
     */
    public static void writeItems(Results results, Writer out) throws IOException {
        try (CsvPrinter csv = new CsvPrinter(out)) {
            csv.printRecord("engine", "item", "metric", "value", "status", "failure", "text", "label");
            for (EngineRun e : results.engines()) {
                for (int i = 0; i < e.itemIds().size(); i++) {
                    ItemTexts t = ItemTexts.of(e.evidence(i));
                    for (MetricValues m : e.metrics().values()) {
                        String status = m.failed(i) ? "failed" : m.undefined(i) ? "undefined" : "ok";
                        csv.printRecord(e.engine(), e.itemIds().get(i), m.name(), Numbers.exact(m.value(i)), status,
                                m.failed(i) ? m.failure(i) : "", t.text(), t.label());
                    }
                }
            }
        }
    }

    /**
     * One row per engine × item: texts and labels, then one column per metric of the document
     * (empty when undefined, failed or not the engine's), then the failures as
     * {@code metric: reason} joined by {@code "; "}.
     */
    public static void writeWideItems(Results results, Writer out) throws IOException {
        List<String> metrics = new ArrayList<>(results.metrics().keySet());
        List<String> header = new ArrayList<>(List.of("engine", "item", "text", "answer", "label", "hallucination_type",
                "judge_flagged", "top_documents"));
        header.addAll(metrics);
        header.add("failures");
        try (CsvPrinter csv = new CsvPrinter(out)) {
            csv.printRecord(header);
            for (EngineRun e : results.engines()) {
                for (int i = 0; i < e.itemIds().size(); i++) {
                    ItemTexts t = ItemTexts.of(e.evidence(i));
                    List<String> row = new ArrayList<>(List.of(e.engine(), e.itemIds().get(i), t.text(), t.answer(),
                            t.label(), t.hallucinationType(), t.flagged(), t.topDocuments()));
                    List<String> failures = new ArrayList<>();
                    for (String name : metrics) {
                        MetricValues m = e.metric(name);
                        row.add(m == null ? "" : Numbers.exact(m.value(i)));
                        if (m != null && m.failed(i)) {
                            failures.add(name + ": " + m.failure(i));
                        }
                    }
                    row.add(String.join("; ", failures));
                    csv.printRecord(row);
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
