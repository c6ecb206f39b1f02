package dev.plumbline.engines.rerank;

import dev.plumbline.engines.kernels.KernelBackends;

/**
 * MaxSim scores of candidates against one query: a candidate scores the sum over query tokens of
 * the best dot product with any of its tokens (a candidate without tokens scores 0). Token vectors
 * are {@code [tokens][hidden]}, row-major, one array per text.
 *
 * <p>{@link #reference} is the readable definition, plain loops in FP64. {@link #scores} runs
 * {@link MaxSimVector} (the Java Vector API, FP32 fused multiply-adds) when
 * {@code jdk.incubator.vector} is readable, the same check the {@code simd} kernel backend makes,
 * and the reference otherwise; {@link MaxSimVector} loads only in the first case, so without the
 * module {@code maxsim} still runs, slowly. The fast path scores every candidate on its own with a
 * fixed order of operations, so a candidate's score does not depend on the other candidates of
 * the call or their order, and is the same bits on every run on the same machine (the vector width
 * is the machine's preferred one); it differs from the reference only by FP32 rounding.
 */
final class MaxSimScoring {
    /** Whether {@link #scores} runs on the Vector API here. */
    static final boolean VECTORIZED = KernelBackends.unavailableReason(KernelBackends.SIMD).isEmpty();

    private MaxSimScoring() {
    }

    /** {@code vector} or {@code reference}: which path {@link #scores} takes in this JVM. */
    static String path() {
        return VECTORIZED ? "vector" : "reference";
    }

    /** The score of every candidate ({@code docs[c]}) against {@code query}, on the fast path where it runs. */
    static double[] scores(float[] query, float[][] docs, int hidden) {
        return VECTORIZED ? MaxSimVector.scores(query, docs, hidden) : reference(query, docs, hidden);
    }

    /** {@link #reference(float[], float[], int)} of every candidate. */
    static double[] reference(float[] query, float[][] docs, int hidden) {
        checkHidden(hidden);
        double[] out = new double[docs.length];
        for (int c = 0; c < docs.length; c++) {
            out[c] = reference(query, docs[c], hidden);
        }
        return out;
    }

    /**
     * The reference: for each query token the largest FP64 dot product with any candidate token,
     * summed over query tokens in order; 0 for a candidate without tokens.
     */
    static double reference(float[] q, float[] doc, int h) {
        checkHidden(h);
        double sum = 0;
        int nd = doc.length / h;
        for (int qt = 0; qt < q.length / h; qt++) {
            double best = nd == 0 ? 0 : Double.NEGATIVE_INFINITY;
            for (int dt = 0; dt < nd; dt++) {
                double dot = 0;
                for (int j = 0; j < h; j++) {
                    dot += (double) q[qt * h + j] * doc[dt * h + j];
                }
                best = Math.max(best, dot);
            }
            sum += best;
        }
        return sum;
    }

    static void checkHidden(int hidden) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        }
    }
}
