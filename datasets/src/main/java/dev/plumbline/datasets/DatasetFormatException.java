package dev.plumbline.datasets;

import java.nio.file.Path;

/**
 * Input that does not follow its format. The message always starts with the location
 * ({@code file:line:}) and says what was expected, so a user can fix the file without
 * reading code.
 */
public class DatasetFormatException extends RuntimeException {
    private final Path file;
    private final long line;
    private final String problem;

    /**
     * @param file the input file, or {@code null} when the input was not a file
     * @param line 1-based line number, or 0 when the problem is not tied to one line
     * @param problem what is wrong and what was expected
     */
    public DatasetFormatException(Path file, long line, String problem) {
        super(describe(file, line, problem));
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The message for a problem at a location: {@code file:line: problem}, as this exception prints it. */
    public static String describe(Path file, long line, String problem) {
        return location(file, line) + problem;
    }

    private static String location(Path file, long line) {
        if (file == null) {
            return line > 0 ? "line " + line + ": " : "";
        }
        return line > 0 ? file + ":" + line + ": " : file + ": ";
    }

    /** The input file, or {@code null}. */
    public Path file() {
        return file;
    }

    /** What is wrong and what was expected, without the location. */
    public String problem() {
        return problem;
    }

    /** The 1-based line, or 0 when the problem concerns the whole input. */
    public long line() {
        return line;
    }
}
