package dev.plumbline.datasets.trec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The judgments of one topic: docnos in {@code strcmp} order with their relevance values, and
 * a hash index so a run's docnos can be looked up without building strings.
 *
 * <p>Negative relevance means "in the pool but not judged" (trec_eval's RELVALUE_UNJUDGED).
 */
public final class TopicQrels {
    /** Returned by {@link #relevanceOf} for a docno that is not in the qrels (trec_eval's nonpool). */
    public static final long NOT_IN_QRELS = Long.MIN_VALUE;

    private final String qid;
    private final int size;
    private final byte[] bytes;
    private final int[] starts;
    private final long[] rels;
    private final int[] table;
    private final String duplicateDocno;

    private TopicQrels(String qid, int size, byte[] bytes, int[] starts, long[] rels, String duplicateDocno) {
        this.qid = qid;
        this.size = size;
        this.bytes = bytes;
        this.starts = starts;
        this.rels = rels;
        this.duplicateDocno = duplicateDocno;
        this.table = buildTable();
    }

    private int[] buildTable() {
        int cap = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
        int[] t = new int[cap];
        Arrays.fill(t, -1);
        int mask = cap - 1;
        for (int i = 0; i < size; i++) {
            int slot = Hashing.hash(bytes, starts[i], starts[i + 1]) & mask;
            while (t[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = i;
        }
        return t;
    }

    /** The topic id. */
    public String qid() {
        return qid;
    }

    /** Number of judgment lines (including negative, unjudged ones). */
    public int size() {
        return size;
    }

    /** The {@code i}-th docno in {@code strcmp} order. */
    public String docno(int i) {
        return new String(bytes, starts[i], starts[i + 1] - starts[i], StandardCharsets.UTF_8);
    }

    /** The relevance value of the {@code i}-th docno. */
    public long relevance(int i) {
        return rels[i];
    }

    /** A docno judged twice for this topic, or {@code null}. trec_eval rejects such a topic when it is evaluated. */
    public String duplicateDocno() {
        return duplicateDocno;
    }

    /** The relevance of document {@code i} of the run topic, or {@link #NOT_IN_QRELS}. */
    public long relevanceOf(TopicRun run, int i) {
        int mask = table.length - 1;
        int slot = run.docnoHash(i) & mask;
        int idx;
        while ((idx = table[slot]) >= 0) {
            if (run.docnoEquals(i, bytes, starts[idx], starts[idx + 1])) {
                return rels[idx];
            }
            slot = (slot + 1) & mask;
        }
        return NOT_IN_QRELS;
    }

    /** The relevance of a docno, or {@link #NOT_IN_QRELS}. */
    public long relevanceOf(String docno) {
        TopicRun one = TopicRun.builder(qid).add(docno, 0).build();
        return relevanceOf(one, 0);
    }

    /** Creates a builder for one topic's judgments. */
    public static Builder builder(String qid) {
        return new Builder(qid);
    }

    /** Accumulates judgments in any order; {@link #build()} sorts them by docno. */
    public static final class Builder {
        private final String qid;
        private final TopicRun.Builder docs;
        private long[] rels = new long[16];

        Builder(String qid) {
            this.qid = qid;
            this.docs = TopicRun.builder(qid);
        }

        /** Adds one judgment. */
        public Builder add(String docno, long relevance) {
            byte[] b = docno.getBytes(StandardCharsets.UTF_8);
            return add(b, 0, b.length, relevance);
        }

        Builder add(byte[] src, int from, int to, long relevance) {
            int n = docs.size();
            if (n == rels.length) {
                rels = Arrays.copyOf(rels, n * 2);
            }
            rels[n] = relevance;
            docs.add(src, from, to, 0.0);
            return this;
        }

        /**
         * Sorts by docno and indexes the judgments. The docno bytes are copied as read, not
         * through {@code String}, so the index holds exactly the bytes a run's docnos are matched
         * against (as trec_eval's {@code strcmp} matches them, even when they are not UTF-8).
         */
        public TopicQrels build() {
            TopicRun d = docs.build();
            int n = d.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Stable, so judgments of the same docno keep their file order.
            Arrays.sort(order, d::compareDocnos);
            byte[] bytes = new byte[d.docnoBytesLength()];
            int[] starts = new int[n + 1];
            long[] sortedRels = new long[n];
            String duplicate = null;
            int pos = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                pos += d.copyDocno(i, bytes, pos);
                starts[k + 1] = pos;
                sortedRels[k] = rels[i];
                if (k > 0 && duplicate == null && d.sameDocno(order[k - 1], i)) {
                    duplicate = d.docno(i);
                }
            }
            return new TopicQrels(qid, n, bytes, starts, sortedRels, duplicate);
        }
    }
}
