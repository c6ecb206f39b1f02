package dev.plumbline.datasets.trec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The retrieved documents of one topic in a run, in file order (trec_eval ignores the rank
 * column and re-ranks by score, so file order carries no meaning).
 *
 * <p>Docnos are kept as UTF-8 bytes in one array per topic rather than as {@code String}s:
 * a 7,000 × 1,000 run then costs about 20 bytes a line instead of about 80, and docno
 * comparisons are the byte comparisons trec_eval makes.
 */
public final class TopicRun {
    private final String qid;
    private final int size;
    private final double[] scores;
    private final byte[] docnoBytes;
    private final int[] docnoStart;

    TopicRun(String qid, int size, double[] scores, byte[] docnoBytes, int[] docnoStart) {
        this.qid = qid;
        this.size = size;
        this.scores = scores;
        this.docnoBytes = docnoBytes;
        this.docnoStart = docnoStart;
    }

    /** The topic (query) id. */
    public String qid() {
        return qid;
    }

    /** Number of retrieved documents. */
    public int size() {
        return size;
    }

    /** Score of the {@code i}-th document in file order. */
    public double score(int i) {
        return scores[i];
    }

    /** Docno of the {@code i}-th document in file order. */
    public String docno(int i) {
        return new String(docnoBytes, docnoStart[i], docnoStart[i + 1] - docnoStart[i], StandardCharsets.UTF_8);
    }

    /** Compares the docnos of documents {@code i} and {@code j} like {@code strcmp}. */
    public int compareDocnos(int i, int j) {
        return Arrays.compareUnsigned(docnoBytes, docnoStart[i], docnoStart[i + 1],
                docnoBytes, docnoStart[j], docnoStart[j + 1]);
    }

    /** Whether documents {@code i} and {@code j} have the same docno. */
    public boolean sameDocno(int i, int j) {
        return Arrays.equals(docnoBytes, docnoStart[i], docnoStart[i + 1],
                docnoBytes, docnoStart[j], docnoStart[j + 1]);
    }

    /** Hash of the docno bytes of document {@code i}; equal docnos hash equally. */
    public int docnoHash(int i) {
        return Hashing.hash(docnoBytes, docnoStart[i], docnoStart[i + 1]);
    }

    /** Whether the docno of document {@code i} equals the given byte range. */
    boolean docnoEquals(int i, byte[] other, int from, int to) {
        return Arrays.equals(docnoBytes, docnoStart[i], docnoStart[i + 1], other, from, to);
    }

    /** Total length of all docnos in bytes. */
    int docnoBytesLength() {
        return docnoStart[size];
    }

    /** Copies the docno bytes of document {@code i} to {@code dst[at, ...)}; returns their length. */
    int copyDocno(int i, byte[] dst, int at) {
        int len = docnoStart[i + 1] - docnoStart[i];
        System.arraycopy(docnoBytes, docnoStart[i], dst, at, len);
        return len;
    }

    /** Creates a builder for one topic; used by engines and tests that make runs in memory. */
    public static Builder builder(String qid) {
        return new Builder(qid);
    }

    /** Accumulates the documents of one topic. Not thread-safe. */
    public static final class Builder {
        private final String qid;
        private int size;
        private double[] scores = new double[16];
        private int[] starts = new int[17];
        private byte[] bytes = new byte[128];

        Builder(String qid) {
            this.qid = qid;
        }

        /** Adds a document with its score. */
        public Builder add(String docno, double score) {
            byte[] b = docno.getBytes(StandardCharsets.UTF_8);
            return add(b, 0, b.length, score);
        }

        Builder add(byte[] src, int from, int to, double score) {
            if (size == scores.length) {
                int n = Math.max(16, size + (size >> 1));
                scores = Arrays.copyOf(scores, n);
                starts = Arrays.copyOf(starts, n + 1);
            }
            int len = to - from;
            int end = starts[size];
            if (end + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(end + len, bytes.length + (bytes.length >> 1)));
            }
            System.arraycopy(src, from, bytes, end, len);
            scores[size] = score;
            starts[++size] = end + len;
            return this;
        }

        int size() {
            return size;
        }

        /** Drops spare capacity; called when a reader leaves this topic so idle topics stay small. */
        void trim() {
            if (scores.length != size) {
                scores = Arrays.copyOf(scores, size);
                starts = Arrays.copyOf(starts, size + 1);
            }
            if (bytes.length != starts[size]) {
                bytes = Arrays.copyOf(bytes, starts[size]);
            }
        }

        /** Builds the topic; the builder must not be used afterwards. */
        public TopicRun build() {
            trim();
            return new TopicRun(qid, size, scores, bytes, starts);
        }
    }
}
