package dev.plumbline.harness.cli;

import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.ReportWriters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a report in the requested formats and lists the files, shared by report, compare and gate. */
final class ReportOutput {
    private ReportOutput() {
    }

    /**
     * @param formats comma-separated format lists as given on the command line
     * @return the files written
     */
    static List<Path> write(Report report, List<String> formats, Path dir, PrintStream out) {
        List<ReportWriter> writers = ReportWriters.parse(formats);
        List<Path> written = new ArrayList<>();
        for (ReportWriter w : writers) {
            try {
                written.addAll(w.write(report, dir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the " + w.format() + " report into " + dir + ": "
                        + e.getMessage(), e);
            }
        }
        for (Path p : written) {
            out.println("wrote " + p);
        }
        return written;
    }

    /** The directory a file lies in, or the current directory. */
    static Path dirOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
