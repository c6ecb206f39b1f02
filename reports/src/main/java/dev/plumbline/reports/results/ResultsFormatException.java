package dev.plumbline.reports.results;

import java.nio.file.Path;

/**
 * A results, comparison or rules file that does not follow its format. The message starts with
 * the location ({@code file:line:} or {@code file: json.path:}) and says what was expected.
 * It is an {@link IllegalArgumentException} so the CLI reports it as bad input (exit 2).
 */
public class ResultsFormatException extends IllegalArgumentException {
    /**
     * @param file    the file, or {@code null}
     * @param line    1-based line, or 0 when the problem is not tied to a line
     * @param problem what is wrong and what was expected
     */
    public ResultsFormatException(Path file, long line, String problem) {
        super(location(file, line) + problem);
    }

    /**
     * @param file    the file
     * @param path    where in the JSON document, e.g. {@code engines[0].aggregates}
     * @param problem what is wrong and what was expected
     */
    public ResultsFormatException(Path file, String path, String problem) {
        super((file == null ? "" : file + ": ") + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    private static String location(Path file, long line) {
        String f = file == null ? "input" : file.toString();
        return line > 0 ? f + ":" + line + ": " : f + ": ";
    }
}
