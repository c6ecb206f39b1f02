package dev.plumbline.datasets.trec;

import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.io.LineReader;
import dev.plumbline.datasets.io.RecordException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a TREC run file as trec_eval 10.0 does ({@code get_trec_results.c}):
 * whitespace-separated {@code qid iter docno rank sim runid [ignored...]}; {@code iter} and
 * {@code rank} ignored; {@code sim} read with {@code atof}; blank lines and lines whose first
 * non-blank character is {@code #} skipped; the run id of the last line kept; {@code -} reads
 * standard input. Lines of a topic need not be adjacent.
 *
 * <p>One deliberate difference: a NaN score is an error. trec_eval sorts by score with
 * comparisons a NaN never satisfies, so where it ranks such a document depends on its sort's
 * internals and the file order: there is no answer to be identical to. Infinite scores rank
 * deterministically and are accepted, as trec_eval accepts them, unless the caller asks for
 * finite scores only (a dataset loaded by {@code datasets validate} or a {@code trec:} spec).
 */
public final class TrecRunReader {
    /** Longest accepted line; longer ones are an input error rather than unbounded memory. */
    static final int MAX_LINE_BYTES = 1 << 24;

    private TrecRunReader() {
    }

    /**
     * Reads a run file.
     *
     * @throws DatasetFormatException with {@code file:line} for a line with fewer than six fields
     *                                or an empty file
     * @throws UncheckedIOException   when the file cannot be read
     */
    public static Run read(Path file) {
        return read(file, false);
    }

    /**
     * Reads a run file.
     *
     * @param finiteScores whether infinite scores are an error too (NaN always is)
     * @throws DatasetFormatException with {@code file:line} for a line with fewer than six fields,
     *                                a NaN (or with {@code finiteScores} an infinite) score, or an empty file
     * @throws UncheckedIOException   when the file cannot be read
     */
    public static Run read(Path file, boolean finiteScores) {
        try (LineReader in = open(file)) {
            return read(in, finiteScores);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file, 0, "no such run file (expected a TREC run: qid Q0 docno rank score runid)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Run read(LineReader in, boolean finiteScores) throws IOException {
        Map<String, TopicRun.Builder> topics = new LinkedHashMap<>();
        Map<String, TopicRun.Builder> byQid = new HashMap<>();
        TopicRun.Builder current = null;
        byte[] currentQid = new byte[0];
        byte[] runId = null;
        int[] f = new int[12];
        while (next(in)) {
            byte[] b = in.buf();
            int end = in.end();
            if (!fields(b, in.start(), end, f)) {
                continue;
            }
            if (f[11] < 6) {
                throw new DatasetFormatException(in.file(), in.lineNumber(),
                        "malformed run line: " + f[11] + " fields (expected 6: qid Q0 docno rank score runid)");
            }
            if (current == null || !Arrays.equals(b, f[0], f[1], currentQid, 0, currentQid.length)) {
                if (current != null) {
                    current.trim();
                }
                currentQid = Arrays.copyOfRange(b, f[0], f[1]);
                String qid = new String(currentQid, StandardCharsets.UTF_8);
                current = byQid.get(qid);
                if (current == null) {
                    current = TopicRun.builder(qid);
                    byQid.put(qid, current);
                    topics.put(qid, current);
                }
            }
            double score = CNumbers.atof(b, f[8], f[9]);
            if (Double.isNaN(score) || finiteScores && Double.isInfinite(score)) {
                throw new DatasetFormatException(in.file(), in.lineNumber(), "score \""
                        + new String(b, f[8], f[9] - f[8], StandardCharsets.UTF_8) + "\" is "
                        + (Double.isNaN(score) ? "not a number" : "infinite") + " (expected a finite decimal score; "
                        + (Double.isNaN(score) ? "NaN has no place in a ranking, so trec_eval's order for it is arbitrary"
                        : "an infinite score usually means the system that wrote the run failed") + ")");
            }
            current.add(b, f[4], f[5], score);
            runId = reuse(runId, b, f[10], lastFieldEnd(b, f[10], end));
        }
        if (topics.isEmpty()) {
            throw new DatasetFormatException(in.file(), 0, "run file has no result lines (expected lines: qid Q0 docno rank score runid)");
        }
        Map<String, TopicRun> built = new LinkedHashMap<>();
        for (Map.Entry<String, TopicRun.Builder> e : topics.entrySet()) {
            built.put(e.getKey(), e.getValue().build());
        }
        return new Run(new String(runId, StandardCharsets.UTF_8), built);
    }

    /**
     * Opens a TREC file ({@code -} is standard input, left open) for reading line by line into a
     * reusable byte buffer, so a 270 MB run is parsed without creating a {@code String} per line.
     * A byte-order mark is read as content, as trec_eval reads it.
     */
    static LineReader open(Path file) throws IOException {
        InputStream in = file.toString().equals("-")
                ? new FilterInputStream(System.in) {
                    @Override
                    public void close() {
                    }
                }
                : Files.newInputStream(file);
        return new LineReader(in, file, MAX_LINE_BYTES, false);
    }

    /**
     * Advances to the next line; {@code false} at end of input.
     *
     * @throws DatasetFormatException with {@code file:line} for an over-long line
     */
    static boolean next(LineReader in) throws IOException {
        try {
            return in.next();
        } catch (RecordException e) {
            throw new DatasetFormatException(in.file(), in.lineNumber(), e.getMessage());
        }
    }

    private static int lastFieldEnd(byte[] b, int from, int end) {
        int i = from;
        while (i < end && !CNumbers.isSpace(b[i])) {
            i++;
        }
        return i;
    }

    /** Keeps the last line's run id without allocating when it does not change. */
    private static byte[] reuse(byte[] old, byte[] b, int from, int to) {
        if (old != null && Arrays.equals(old, 0, old.length, b, from, to)) {
            return old;
        }
        return Arrays.copyOfRange(b, from, to);
    }

    /**
     * Splits the first six whitespace-separated fields of {@code b[from, to)} into
     * {@code f[2k], f[2k+1]}; {@code f[11]} gets how many were found.
     *
     * @return {@code false} for a blank or comment line
     */
    static boolean fields(byte[] b, int from, int to, int[] f) {
        int i = from;
        while (i < to && CNumbers.isSpace(b[i])) {
            i++;
        }
        if (i == to || b[i] == '#') {
            return false;
        }
        int n = 0;
        while (n < 6 && i < to) {
            int s = i;
            while (i < to && !CNumbers.isSpace(b[i])) {
                i++;
            }
            f[2 * n] = s;
            f[2 * n + 1] = i;
            n++;
            while (i < to && CNumbers.isSpace(b[i])) {
                i++;
            }
        }
        // f[11] doubles as the count; the runid end is recomputed by the caller.
        f[11] = n;
        return true;
    }
}
