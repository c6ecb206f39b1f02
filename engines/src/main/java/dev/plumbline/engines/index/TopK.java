package dev.plumbline.engines.index;

/**
 * A bounded min-heap that keeps the k best (score, ordinal) pairs seen: higher score wins, and
 * on equal scores the lower ordinal wins, so the kept set does not depend on the order in which
 * documents are offered.
 */
final class TopK {
    private final int k;
    private final float[] scores;
    private final int[] ids;
    private int size;

    TopK(int k) {
        this.k = k;
        this.scores = new float[k];
        this.ids = new int[k];
    }

    /** The score a new candidate must beat once the heap is full (−∞ before). */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /** Candidates kept so far. */
    int size() {
        return size;
    }

    /** Offers every candidate {@code other} holds (merging per-thread heaps). */
    void offerAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.ids[i]);
        }
    }

    /** The ordinals kept, in no particular order (candidates for rescoring). */
    int[] ids() {
        return java.util.Arrays.copyOf(ids, size);
    }

    /** Drains into new arrays in rank order (best first). */
    void drainInto(int[][] outIds, float[][] outScores, int row) {
        outIds[row] = new int[size];
        outScores[row] = new float[size];
        drainInto(outIds[row], outScores[row]);
    }

    /** Offers a candidate. */
    void offer(float score, int id) {
        if (size < k) {
            int i = size++;
            scores[i] = score;
            ids[i] = id;
            siftUp(i);
        } else if (better(score, id, scores[0], ids[0])) {
            scores[0] = score;
            ids[0] = id;
            siftDown(0);
        }
    }

    /** a ranks before b. The heap root is the worst kept candidate. */
    private static boolean better(float sa, int ia, float sb, int ib) {
        return sa > sb || (sa == sb && ia < ib);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (better(scores[parent], ids[parent], scores[i], ids[i])) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && better(scores[l], ids[l], scores[r], ids[r])) {
                worst = r;
            }
            if (better(scores[i], ids[i], scores[worst], ids[worst])) {
                swap(i, worst);
                i = worst;
            } else {
                return;
            }
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int t = ids[a];
        ids[a] = ids[b];
        ids[b] = t;
    }

    /** Drains into rank order (best first). */
    void drainInto(int[] outIds, float[] outScores) {
        int n = size;
        for (int r = n - 1; r >= 0; r--) {
            outIds[r] = ids[0];
            outScores[r] = scores[0];
            size--;
            if (size > 0) {
                scores[0] = scores[size];
                ids[0] = ids[size];
                siftDown(0);
            }
        }
    }
}
