package dev.plumbline.engines.index;

/**
 * FP32 rescoring of candidates: each query's candidates (the top {@code k × oversample} by a
 * quantized score) are scored again against the full-precision vectors and cut to k. Scores are
 * {@link FlatIndex#sequentialDot}'s, so a rescored hit carries exactly the score {@code flat} gives it.
 */
final class Rescoring {
    private Rescoring() {
    }

    /**
     * @param rows       the FP32 vectors by ordinal
     * @param candidates per query, the candidates kept by the quantized scan
     * @param k          hits to return per query (at most the candidates there are)
     */
    static SearchResults rescore(float[][] rows, float[][] queries, TopK[] candidates, int k, int threads) {
        int nq = queries.length;
        int[][] ids = new int[nq][];
        float[][] scores = new float[nq][];
        int parts = Math.max(1, Math.min(threads, nq));
        Parallel.run(parts, part -> {
            int q0 = Parallel.split(nq, parts, part);
            int q1 = Parallel.split(nq, parts, part + 1);
            float[] out = new float[4];
            for (int q = q0; q < q1; q++) {
                int[] cand = candidates[q].ids();
                TopK top = new TopK(Math.max(1, Math.min(k, cand.length)));
                float[] query = queries[q];
                int c = 0;
                // Four candidates at a time: four independent FMA chains hide the FMA latency
                // that a single sequential chain would wait on.
                for (; c + 4 <= cand.length; c += 4) {
                    dot4(query, rows[cand[c]], rows[cand[c + 1]], rows[cand[c + 2]], rows[cand[c + 3]], out);
                    for (int j = 0; j < 4; j++) {
                        top.offer(out[j], cand[c + j]);
                    }
                }
                for (; c < cand.length; c++) {
                    top.offer(FlatIndex.sequentialDot(query, rows[cand[c]]), cand[c]);
                }
                top.drainInto(ids, scores, q);
            }
        });
        return new SearchResults(ids, scores);
    }

    /** {@link FlatIndex#sequentialDot} of {@code q} with four rows at once; same bits as four calls. */
    private static void dot4(float[] q, float[] r0, float[] r1, float[] r2, float[] r3, float[] out) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < q.length; i++) {
            float x = q[i];
            s0 = Math.fma(x, r0[i], s0);
            s1 = Math.fma(x, r1[i], s1);
            s2 = Math.fma(x, r2[i], s2);
            s3 = Math.fma(x, r3[i], s3);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** Merges per-part candidate heaps into the first part's, query by query. */
    static TopK[] merge(TopK[][] heaps) {
        TopK[] merged = heaps[0];
        for (int p = 1; p < heaps.length; p++) {
            for (int q = 0; q < merged.length; q++) {
                merged[q].offerAll(heaps[p][q]);
            }
        }
        return merged;
    }

    /** Drains merged heaps into results (no rescoring). */
    static SearchResults drain(TopK[] heaps) {
        int[][] ids = new int[heaps.length][];
        float[][] scores = new float[heaps.length][];
        for (int q = 0; q < heaps.length; q++) {
            heaps[q].drainInto(ids, scores, q);
        }
        return new SearchResults(ids, scores);
    }
}
