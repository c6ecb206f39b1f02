package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tab-separated file with a header line: fields are split on TAB only, without CSV
 * quoting (as BEIR's qrels and BEGIN are read). Blank lines are ignored.
 */
public final class TsvRecords {
    /** Receives the header and the rows; throws {@link RecordException} to reject a line. */
    public interface Handler {
        /**
         * The first non-blank line. A {@link RecordException} that does not stop the file skips
         * the line (and the next line is not taken as the header).
         */
        void header(String[] fields, long line) throws IOException;

        /** Every later non-blank line. */
        void row(String[] fields, long line) throws IOException;
    }

    private TsvRecords() {
    }

    /**
     * Reads every line of {@code in}.
     *
     * @param what what the file holds, for the empty-file message
     * @return data rows read, including rejected ones; -1 when the file is missing (already reported)
     */
    public static long read(InputFile in, DatasetBuilder out, String what, Handler handler) throws IOException {
        InputStream raw = in.openOrReport(out, what);
        if (raw == null) {
            return -1;
        }
        Path file = in.path();
        long rows = 0;
        boolean header = true;
        try (LineReader lines = new LineReader(raw, file, out.options().maxLineBytes())) {
            while (true) {
                try {
                    if (!lines.next()) {
                        break;
                    }
                } catch (RecordException e) {
                    if (e.stopsFile()) {
                        out.fileError(e.check(), file, 0, e.getMessage());
                        return rows;
                    }
                    if (!header) {
                        rows++;
                    }
                    header = false;
                    out.recordError(e.check(), file, lines.lineNumber(), e.getMessage());
                    continue;
                }
                if (lines.isBlank()) {
                    continue;
                }
                long line = lines.lineNumber();
                boolean isHeader = header;
                header = false;
                if (!isHeader) {
                    rows++;
                }
                try {
                    lines.requireUtf8();
                    String[] fields = split(lines.text());
                    if (isHeader) {
                        handler.header(fields, line);
                    } else {
                        handler.row(fields, line);
                    }
                } catch (RecordException e) {
                    if (e.stopsFile()) {
                        out.fileError(e.check(), file, line, e.getMessage());
                        return rows;
                    }
                    out.recordError(e.check(), file, line, e.getMessage());
                }
            }
        } catch (RecordException e) {
            out.fileError(e.check(), file, 0, e.getMessage());
            return rows;
        }
        if (header) {
            out.fileError(Check.EMPTY_FILE, file, 0, "empty file (expected " + what + ")");
        } else if (rows == 0) {
            out.fileError(Check.EMPTY_FILE, file, 0, "no rows after the header (expected " + what + ")");
        }
        out.fileRead(file, rows);
        return rows;
    }

    /** Splits on every TAB; {@code "a\t\tb"} has three fields. */
    public static String[] split(String line) {
        List<String> f = new ArrayList<>(8);
        int from = 0;
        int tab;
        while ((tab = line.indexOf('\t', from)) >= 0) {
            f.add(line.substring(from, tab));
            from = tab + 1;
        }
        f.add(line.substring(from));
        return f.toArray(String[]::new);
    }
}
