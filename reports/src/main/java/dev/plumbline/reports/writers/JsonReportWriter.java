package dev.plumbline.reports.writers;

import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.results.ResultsJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code json}: for a results report {@code results.json} + {@code results.items.jsonl} (unless
 * the report was read from exactly that file); {@code compare.json} for a comparison;
 * {@code gate.json} for gate verdicts.
 */
public final class JsonReportWriter implements ReportWriter {
    @Override
    public String format() {
        return "json";
    }

    @Override
    public String description() {
        return "results.json + results.items.jsonl (versioned schema), compare.json, gate.json";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path results = dir.resolve("results.json");
        if (report.resultsOnly() && !isSource(report, results)) {
            written.addAll(ResultsJson.write(report.results(), results));
        }
        if (report.comparison() != null) {
            Path p = dir.resolve("compare.json");
            AtomicFiles.write(p, w -> ComparisonJson.write(report.comparison(), w));
            written.add(p);
        }
        if (report.gate() != null) {
            Path p = dir.resolve("gate.json");
            AtomicFiles.write(p, w -> GateJson.write(report.gate(), w));
            written.add(p);
        }
        return written;
    }

    private static boolean isSource(Report report, Path target) throws IOException {
        return report.source() != null && Files.exists(target) && Files.isSameFile(report.source(), target);
    }
}
