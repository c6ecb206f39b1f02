package dev.plumbline.reports.writers;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 records with {@code \n} line ends: a field is quoted when it holds a comma, quote,
 * line break or leading/trailing space, and quotes inside are doubled. Values are written with
 * {@link String#valueOf}; callers format numbers locale-free first.
 */
final class CsvPrinter implements AutoCloseable {
    private final Writer out;

    CsvPrinter(Writer out) {
        this.out = out;
    }

    void printRecord(Object... fields) throws IOException {
        printRecord(List.of(fields));
    }

    void printRecord(List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(String.valueOf(fields.get(i))));
        }
        out.write('\n');
    }

    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
