package dev.plumbline.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link Report} in one format. One implementation per format, found by
 * {@link ReportWriters} through {@link java.util.ServiceLoader}; register a new one in
 * {@code META-INF/services/dev.plumbline.reports.ReportWriter}.
 *
 * <p>Machine-readable formats must not depend on the default locale or time zone (golden tests
 * run them under several locales) and must write {@code \n} line ends.
 */
public interface ReportWriter {
    /** The format's name on the command line: {@code json}, {@code html}, ... */
    String format();

    /** One line for {@code --help}. */
    String description();

    /**
     * Writes the report into {@code dir} (created if needed).
     *
     * @return the files (or directories) written, for the command to list
     * @throws IOException when writing fails
     */
    List<Path> write(Report report, Path dir) throws IOException;
}
