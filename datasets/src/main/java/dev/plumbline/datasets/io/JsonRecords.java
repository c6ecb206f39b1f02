package dev.plumbline.datasets.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads a file of JSON objects: JSON Lines (one object per line, blank lines ignored), or — for a
 * file not named {@code .jsonl} or {@code .ndjson} — a JSON array of objects when its first
 * non-blank character is {@code [}. Each line is checked
 * for UTF-8 and parsed straight from the line buffer by Jackson's streaming parser, so the raw
 * text is never held as a string; problems go to the {@link DatasetBuilder} with {@code file:line}.
 */
public final class JsonRecords {
    /** Receives each object with its 1-based line; throws {@link RecordException} to reject it. */
    @FunctionalInterface
    public interface Handler {
        /** Handles one record. */
        void record(JsonRecord record, long line) throws IOException;
    }

    private static final String ONE_PER_LINE = "one JSON object per line";

    private JsonRecords() {
    }

    /**
     * Reads every object of {@code in}.
     *
     * @param what what a record is, for the empty-file message (e.g. {@code one JSON object per line: _id, title, text})
     * @return records read, including rejected ones; -1 when the file is missing (already reported)
     */
    public static long read(InputFile in, DatasetBuilder out, String what, Handler handler) throws IOException {
        InputStream raw = in.openOrReport(out, what);
        if (raw == null) {
            return -1;
        }
        try (BufferedInputStream s = new BufferedInputStream(raw, 1 << 16)) {
            long n;
            try {
                n = mayBeArray(in.path()) && startsWithArray(s) ? readArray(s, in.path(), out, handler)
                        : readLines(s, in.path(), out, handler);
            } catch (RecordException e) {
                // Fatal for this file: UTF-16, or an archive over its size cap.
                out.fileError(e.check(), in.path(), 0, e.getMessage());
                return 0;
            }
            if (n == 0) {
                out.fileError(Check.EMPTY_FILE, in.path(), 0, "empty file (expected " + what + ")");
            }
            out.fileRead(in.path(), n);
            return n;
        }
    }

    /** A {@code .jsonl} or {@code .ndjson} file is JSON Lines whatever its first line holds. */
    private static boolean mayBeArray(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return !name.endsWith(".jsonl") && !name.endsWith(".ndjson");
    }

    /** Peeks past a BOM and blanks at the first character; the stream is reset. */
    private static boolean startsWithArray(BufferedInputStream s) throws IOException {
        s.mark(1 << 16);
        try {
            int i = 0;
            int c;
            while ((c = s.read()) >= 0 && i++ < (1 << 16) - 1) {
                if (i <= 3 && (c == 0xEF || c == 0xBB || c == 0xBF)) {
                    continue;
                }
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    return c == '[';
                }
            }
            return false;
        } finally {
            s.reset();
        }
    }

    private static long readLines(InputStream s, Path file, DatasetBuilder out, Handler handler) throws IOException {
        LineReader lines = new LineReader(s, file, out.options().maxLineBytes());
        long records = 0;
        while (true) {
            try {
                if (!lines.next()) {
                    break;
                }
            } catch (RecordException e) {
                if (e.stopsFile()) {
                    throw e;
                }
                records++;
                out.recordError(e.check(), file, lines.lineNumber(), e.getMessage());
                continue;
            }
            if (lines.isBlank()) {
                continue;
            }
            records++;
            long line = lines.lineNumber();
            try {
                lines.requireUtf8();
                JsonRecord r = parseLine(lines.buf(), lines.start(), lines.end());
                handler.record(r, line);
            } catch (RecordException e) {
                if (e.stopsFile()) {
                    throw e;
                }
                out.recordError(e.check(), file, line, e.getMessage());
            }
        }
        return records;
    }

    /** Parses one line that must hold exactly one JSON object. */
    static JsonRecord parseLine(byte[] b, int from, int to) throws IOException {
        try (JsonParser p = Json.parser(b, from, to)) {
            return parseObject(p);
        }
    }

    private static JsonRecord parseObject(JsonParser p) throws IOException {
        try {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new RecordException(Check.INVALID_JSON, "line is " + tokenName(t) + ", not a JSON object (expected "
                        + ONE_PER_LINE + ")");
            }
            JsonRecord r = JsonRecord.read(p);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new RecordException(Check.INVALID_JSON, "text after the JSON object at column "
                        + p.currentTokenLocation().getColumnNr() + " (expected " + ONE_PER_LINE + ")");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new RecordException(Check.INVALID_JSON, "invalid JSON at column " + column(e, p) + ": "
                    + jacksonMessage(e) + " (expected " + ONE_PER_LINE + ")");
        }
    }

    private static long readArray(InputStream s, Path file, DatasetBuilder out, Handler handler) throws IOException {
        JsonFactory f = Json.FACTORY.rebuild().streamReadConstraints(Json.constraints(out.options().maxLineBytes()))
                .build();
        long records = 0;
        JsonParser p = f.createParser(s);
        try {
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonEndException();
                }
                records++;
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    out.recordError(Check.INVALID_JSON, file, line, "array element is " + tokenName(t)
                            + ", not a JSON object (expected a JSON array of objects)");
                    continue;
                }
                JsonRecord r = JsonRecord.read(p);
                try {
                    handler.record(r, line);
                } catch (RecordException e) {
                    if (e.stopsFile()) {
                        throw e;
                    }
                    out.recordError(e.check(), file, line, e.getMessage());
                }
            }
            if (p.nextToken() != null) {
                out.fileError(Check.INVALID_JSON, file, p.currentTokenLocation().getLineNr(),
                        "text after the closing ] (expected one JSON array of objects)");
            }
        } catch (JsonEndException e) {
            out.fileError(Check.INVALID_JSON, file, 0,
                    "the JSON array is not closed (expected a JSON array of objects ending with ])");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            out.fileError(Check.INVALID_JSON, file, at == null ? 0 : at.getLineNr(), "invalid JSON at column "
                    + column(e, p) + ": " + jacksonMessage(e)
                    + " (expected a JSON array of objects; the rest of the file was not read)");
        } finally {
            p.close();
        }
        return records;
    }

    private static final class JsonEndException extends RuntimeException {
        JsonEndException() {
            super(null, null, false, false);
        }
    }

    /** The error's column, or where the parser stands when the error has none (a nesting-limit error). */
    private static int column(JsonProcessingException e, JsonParser p) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        return at == null ? 0 : at.getColumnNr();
    }

    /** Jackson's message without its source excerpt, and without a trailing location. */
    static String jacksonMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException && m.contains("nesting depth")) {
            // Jackson's text names its own API; say what the limit is for instead.
            return "arrays and objects nested more than " + Json.MAX_NESTING_DEPTH + " levels deep";
        }
        if (m.startsWith("Non-standard token '")) {
            // Jackson suggests a parser feature; the user's fix is in the data.
            int end = m.indexOf('\'', "Non-standard token '".length());
            return m.substring("Non-standard ".length(), end + 1) + " is not JSON (JSON has no NaN or Infinity; "
                    + "write a finite number, or null for a missing one)";
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    private static String tokenName(JsonToken t) {
        if (t == null) {
            return "empty";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
