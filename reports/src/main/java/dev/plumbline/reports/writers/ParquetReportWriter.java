package dev.plumbline.reports.writers;

import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.parquet.ParquetTable;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parquet}: {@code items.parquet}, the long form of {@code items.csv} (one row per engine
 * × item × metric) with typed columns: {@code value} is a nullable double (null when undefined or
 * failed; {@code status} says which), texts and labels are nullable strings. For pandas, Polars,
 * DuckDB or Spark without parsing CSV.
 */
public final class ParquetReportWriter implements ReportWriter {
    @Override
    public String format() {
        return "parquet";
    }

    @Override
    public String description() {
        return "items.parquet: engine x item x metric with status, text and label (long form, typed)";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        if (!report.resultsOnly()) {
            return List.of();
        }
        Files.createDirectories(dir);
        Path p = dir.resolve("items.parquet");
        ParquetTable table = table(report.results());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        table.write(bytes);
        AtomicFiles.writeBytes(p, bytes.toByteArray());
        return List.of(p);
    }

    /** The items table. */
    public static ParquetTable table(Results results) {
        List<String> engine = new ArrayList<>();
        List<String> item = new ArrayList<>();
        List<String> metric = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        List<String> status = new ArrayList<>();
        List<String> failure = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<String> label = new ArrayList<>();
        for (EngineRun e : results.engines()) {
            for (int i = 0; i < e.itemIds().size(); i++) {
                ItemTexts t = ItemTexts.of(e.evidence(i));
                for (MetricValues m : e.metrics().values()) {
                    engine.add(e.engine());
                    item.add(e.itemIds().get(i));
                    metric.add(m.name());
                    value.add(Double.isNaN(m.value(i)) ? null : m.value(i));
                    status.add(m.failed(i) ? "failed" : m.undefined(i) ? "undefined" : "ok");
                    failure.add(m.failed(i) ? m.failure(i) : null);
                    text.add(t.text().isEmpty() ? null : t.text());
                    label.add(t.label().isEmpty() ? null : t.label());
                }
            }
        }
        return new ParquetTable()
                .column("engine", ParquetTable.Type.STRING, false, engine)
                .column("item", ParquetTable.Type.STRING, false, item)
                .column("metric", ParquetTable.Type.STRING, false, metric)
                .column("value", ParquetTable.Type.DOUBLE, true, value)
                .column("status", ParquetTable.Type.STRING, false, status)
                .column("failure", ParquetTable.Type.STRING, true, failure)
                .column("text", ParquetTable.Type.STRING, true, text)
                .column("label", ParquetTable.Type.STRING, true, label);
    }
}
