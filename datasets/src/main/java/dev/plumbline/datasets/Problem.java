package dev.plumbline.datasets;

import java.nio.file.Path;

/**
 * One problem found while loading, located as {@code file:line}.
 *
 * @param severity error (the record was skipped, or the load failed) or warning (kept, but suspicious)
 * @param check    which check found it
 * @param file     the input file, or {@code null}
 * @param line     1-based line, or 0 when the problem concerns the whole file
 * @param message  what is wrong and what was expected
 */
public record Problem(Severity severity, Check check, Path file, long line, String message) {
    /** How bad a problem is. */
    public enum Severity {
        /** The record was skipped ({@code --on-error skip}) or the load stopped. */
        ERROR,
        /** The data was kept, but deserves a look. */
        WARNING
    }

    /** {@code file:line: message}, the same text a {@link DatasetFormatException} for it carries. */
    @Override
    public String toString() {
        return DatasetFormatException.describe(file, line, message);
    }

    /** The exception that reports this problem under {@code --on-error fail}. */
    public DatasetFormatException toException() {
        return new DatasetFormatException(file, line, message);
    }
}
