package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an RFC 4180 CSV file with a header (as Python's {@code csv} and pandas write it; quoted
 * fields may span lines) with Commons CSV. The bytes go through a {@link LineReader} first, so
 * invalid UTF-8 is an error with its line, a BOM is skipped, and one record cannot grow past
 * twice the line limit (an unclosed quote does not swallow the file into memory). Records are
 * located by the line they start on.
 */
public final class CsvRecords {
    /** Receives each data record with the line it starts on; throws {@link RecordException} to reject it. */
    @FunctionalInterface
    public interface Handler {
        /** Handles one record. */
        void row(Row row, long line) throws IOException;
    }

    /**
     * One data record.
     *
     * @param header column name to index
     * @param values the values
     */
    public record Row(Map<String, Integer> header, List<String> values) {
        /** The value of a column, or {@code null} when there is no such column. */
        public String get(String column) {
            Integer i = header.get(column);
            return i == null || i >= values.size() ? null : values.get(i);
        }
    }

    private CsvRecords() {
    }

    /**
     * Reads every record of {@code in}.
     *
     * @param what what the file holds, for the empty-file message
     * @return data records read, including rejected ones; -1 when the file is missing (already reported)
     */
    public static long read(InputFile in, DatasetBuilder out, String what, Handler handler) throws IOException {
        return read(in, out, what, List.of(), handler);
    }

    /**
     * Reads every record of {@code in}, after checking that the header has the required columns
     * (a missing one is an error on line 1 and nothing more is read).
     */
    public static long read(InputFile in, DatasetBuilder out, String what, List<String> required, Handler handler)
            throws IOException {
        InputStream raw = in.openOrReport(out, what);
        if (raw == null) {
            return -1;
        }
        Path file = in.path();
        int max = out.options().maxLineBytes();
        long rows = 0;
        try (LineReader lines = new LineReader(raw, file, max);
             LinesReader reader = new LinesReader(lines, 2L * max + (1 << 16))) {
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                    .setAllowMissingColumnNames(true).get();
            CSVParser parser;
            try {
                parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            } catch (IllegalArgumentException e) {
                out.fileError(Check.COLUMN_COUNT, file, 1, "bad header: " + e.getMessage() + " (expected unique column names)");
                return 0;
            }
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                out.fileError(Check.EMPTY_FILE, file, 0, "empty file (expected " + what + ")");
                return 0;
            }
            List<String> names = parser.getHeaderNames();
            for (String column : required) {
                if (!header.containsKey(column)) {
                    out.fileError(Check.COLUMN_COUNT, file, 1, "header has no column " + column + " (expected "
                            + String.join(", ", required) + ")");
                    return 0;
                }
            }
            reader.nextRecordLine = parser.getCurrentLineNumber() + 1;
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    out.fileError(Check.INVALID_CSV, file, reader.nextRecordLine, "malformed CSV: "
                            + cause.getMessage() + " (expected RFC 4180 CSV; the rest of the file was not read)");
                    return rows;
                }
                rows++;
                long line = reader.lineAt(rec.getCharacterPosition());
                reader.recordStarted(rec.getCharacterPosition());
                reader.nextRecordLine = parser.getCurrentLineNumber() + 1;
                if (rec.size() != names.size()) {
                    out.recordError(Check.COLUMN_COUNT, file, line, rec.size() + " columns (expected " + names.size()
                            + ": " + String.join(", ", names) + ")");
                    continue;
                }
                try {
                    handler.row(new Row(header, rec.toList()), line);
                } catch (RecordException e) {
                    out.recordError(e.check(), file, line, e.getMessage());
                }
            }
            if (rows == 0) {
                out.fileError(Check.EMPTY_FILE, file, 0, "no rows after the header (expected " + what + ")");
            }
        } catch (RecordException e) {
            out.fileError(e.check(), file, e.check() == Check.ARCHIVE ? 0 : lineOf(e), e.getMessage());
        }
        out.fileRead(file, rows);
        return rows;
    }

    private static long lineOf(RecordException e) {
        return e instanceof LocatedException l ? l.line : 0;
    }

    /** A fatal problem met while feeding the CSV parser, with its line. */
    private static final class LocatedException extends RecordException {
        final long line;

        LocatedException(Check check, String message, long line) {
            super(check, message, true);
            this.line = line;
        }
    }

    /**
     * Feeds checked lines (each ended by {@code \n}) to the CSV parser, remembers which line each
     * character offset belongs to, and caps how far one record can run.
     */
    private static final class LinesReader extends Reader {
        private final LineReader lines;
        private final long budget;
        private final ArrayDeque<long[]> starts = new ArrayDeque<>();
        private String cur = "";
        private int curPos;
        private long delivered;
        private long recordStart;
        /** The line the record being parsed starts on (blank lines between records aside). */
        long nextRecordLine = 1;

        LinesReader(LineReader lines, long budget) {
            this.lines = lines;
            this.budget = budget;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (curPos == cur.length() && !advance()) {
                return -1;
            }
            int n = Math.min(len, cur.length() - curPos);
            cur.getChars(curPos, curPos + n, cbuf, off);
            curPos += n;
            delivered += n;
            if (delivered - recordStart > budget) {
                throw new LocatedException(Check.LINE_TOO_LONG, "CSV record longer than " + (budget - (1 << 16)) / 2
                        + " bytes (expected a closing quote: an unclosed quote runs to the end of the file)",
                        nextRecordLine);
            }
            return n;
        }

        private boolean advance() throws IOException {
            try {
                if (!lines.next()) {
                    return false;
                }
                lines.requireUtf8();
            } catch (RecordException e) {
                throw new LocatedException(e.check(), e.getMessage() + (e.check() == Check.ARCHIVE ? ""
                        : "; the rest of the file was not read"), e.check() == Check.ARCHIVE ? 0 : lines.lineNumber());
            }
            starts.addLast(new long[] {delivered, lines.lineNumber()});
            cur = lines.text() + "\n";
            curPos = 0;
            return true;
        }

        /** The line holding character offset {@code pos} (offsets before the last record start are forgotten). */
        long lineAt(long pos) {
            long line = starts.isEmpty() ? 1 : starts.peekFirst()[1];
            for (long[] s : starts) {
                if (s[0] > pos) {
                    break;
                }
                line = s[1];
            }
            return line;
        }

        void recordStarted(long pos) {
            recordStart = pos;
            while (starts.size() > 1) {
                long[] first = starts.pollFirst();
                if (starts.peekFirst()[0] > pos) {
                    starts.addFirst(first);
                    break;
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
