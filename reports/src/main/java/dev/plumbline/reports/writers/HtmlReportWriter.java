package dev.plumbline.reports.writers;

import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.html.HtmlReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code html}: {@code report.html}, one self-contained page (see {@link HtmlReport}). */
public final class HtmlReportWriter implements ReportWriter {
    @Override
    public String format() {
        return "html";
    }

    @Override
    public String description() {
        return "report.html: self-contained page with tables, Pareto, latency and interval plots, worst items, provenance";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("report.html");
        AtomicFiles.writeString(p, HtmlReport.render(report));
        return List.of(p);
    }
}
