package dev.plumbline.datasets.trec;

import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.io.LineReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a TREC qrels file as trec_eval 10.0 does ({@code get_qrels.c}): exactly
 * {@code qid iter docno rel} per line, relevance read with {@code atol}, lines starting with
 * {@code #} skipped. A negative relevance marks a pooled but unjudged document.
 *
 * <p>One deliberate difference: blank lines are skipped (trec_eval calls them malformed).
 */
public final class TrecQrelsReader {
    private TrecQrelsReader() {
    }

    /**
     * Reads a qrels file.
     *
     * @throws DatasetFormatException with {@code file:line} for a line without exactly four fields
     *                                or an empty file
     */
    public static Qrels read(Path file) {
        try (LineReader in = TrecRunReader.open(file)) {
            return read(in);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file, 0, "no such qrels file (expected a TREC qrels file: qid 0 docno relevance)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read qrels file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Qrels read(LineReader in) throws IOException {
        Map<String, TopicQrels.Builder> topics = new HashMap<>();
        TopicQrels.Builder current = null;
        byte[] currentQid = new byte[0];
        int[] f = new int[12];
        while (TrecRunReader.next(in)) {
            byte[] b = in.buf();
            if (!TrecRunReader.fields(b, in.start(), in.end(), f)) {
                continue;
            }
            if (f[11] != 4) {
                throw new DatasetFormatException(in.file(), in.lineNumber(),
                        "malformed qrels line: " + (f[11] > 4 ? "more than 4" : String.valueOf(f[11]))
                                + " fields (expected 4: qid iteration docno relevance)");
            }
            if (current == null || !Arrays.equals(b, f[0], f[1], currentQid, 0, currentQid.length)) {
                currentQid = Arrays.copyOfRange(b, f[0], f[1]);
                current = topics.computeIfAbsent(new String(currentQid, StandardCharsets.UTF_8), TopicQrels::builder);
            }
            current.add(b, f[4], f[5], CNumbers.atol(b, f[6], f[7]));
        }
        if (topics.isEmpty()) {
            throw new DatasetFormatException(in.file(), 0, "qrels file has no judgment lines (expected lines: qid 0 docno relevance)");
        }
        Map<String, TopicQrels> built = new HashMap<>();
        topics.forEach((qid, builder) -> built.put(qid, builder.build()));
        return new Qrels(built);
    }
}
