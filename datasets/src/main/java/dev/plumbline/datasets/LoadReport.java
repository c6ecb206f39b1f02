package dev.plumbline.datasets;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What loading found besides the data: problems (errors and warnings, each with {@code file:line}),
 * records skipped under {@code --on-error skip}, per-file record counts, and notes on records a
 * format's rules leave out on purpose. Nothing is dropped without appearing here.
 */
public final class LoadReport {
    /**
     * Records read from one file.
     *
     * @param file    the file
     * @param records records read (including skipped ones)
     * @param skipped records skipped as malformed
     */
    public record FileSummary(Path file, long records, long skipped) {
    }

    private final List<Problem> problems;
    private final long errors;
    private final long warnings;
    private final long skippedRecords;
    private final Map<Check, Long> byCheck;
    private final List<FileSummary> files;
    private final List<String> notes;

    LoadReport(List<Problem> problems, long errors, long warnings, long skippedRecords, Map<Check, Long> byCheck,
               List<FileSummary> files, List<String> notes) {
        this.problems = List.copyOf(problems);
        this.errors = errors;
        this.warnings = warnings;
        this.skippedRecords = skippedRecords;
        this.byCheck = byCheck.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(byCheck));
        this.files = List.copyOf(files);
        this.notes = List.copyOf(notes);
    }

    /** The problems in the order found, at most {@link LoadOptions#maxProblemsKept()} of them. */
    public List<Problem> problems() {
        return problems;
    }

    /** Number of errors, listed or not. */
    public long errors() {
        return errors;
    }

    /** Number of warnings, listed or not. */
    public long warnings() {
        return warnings;
    }

    /** Records skipped as malformed under {@code --on-error skip}. */
    public long skippedRecords() {
        return skippedRecords;
    }

    /** Problems (errors and warnings) per check, listed or not. */
    public Map<Check, Long> byCheck() {
        return byCheck;
    }

    /** Problems found but not in {@link #problems()} because of the bound. */
    public long unlisted() {
        return errors + warnings - problems.size();
    }

    /** Whether any error was found. */
    public boolean hasErrors() {
        return errors > 0;
    }

    /** Records read per file, in the order read. */
    public List<FileSummary> files() {
        return files;
    }

    /** Remarks such as records a format's rules leave out (e.g. BEIR queries without judgments). */
    public List<String> notes() {
        return notes;
    }

    /** One line: {@code 2 errors (2 records skipped), 1 warning}, or {@code no problems}. */
    public String summary() {
        if (errors == 0 && warnings == 0) {
            return "no problems";
        }
        StringBuilder s = new StringBuilder();
        s.append(errors).append(errors == 1 ? " error" : " errors");
        if (skippedRecords > 0) {
            s.append(" (").append(skippedRecords).append(skippedRecords == 1 ? " record" : " records").append(" skipped)");
        }
        s.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        return s.toString();
    }
}
