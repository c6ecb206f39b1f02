package dev.plumbline.engines.rerank;

import dev.plumbline.engines.kernels.SimdTiles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path of {@link MaxSimScoring}: each dot product is FP32 fused multiply-adds over the
 * hidden dimension, one accumulator vector per dot (the tail of a hidden size that is not a
 * multiple of the lanes read through a mask, its missing lanes zero), the lanes summed by the
 * kernels' fixed pairwise tree ({@link SimdTiles#sumLanes}); the best dot of each query token is
 * FP32, their sum FP64 in query-token order.
 *
 * <p>Four candidate tokens are taken per query token ({@link #max4}): the query's slice is loaded
 * once for four FMAs, and the four candidate tokens (6 KiB at hidden 384) stay in L1 while every
 * query token passes over them. A candidate's last {@code tokens % 4} tokens go one at a time
 * through {@link #dot}, which performs the same operations in the same order as one column of
 * {@link #max4}, so a dot product has the same bits whichever kernel computes it and the maximum
 * does not depend on how the tokens fall into blocks.
 *
 * <p>Touches {@code jdk.incubator.vector}: load it only once the module is known to be readable
 * ({@link MaxSimScoring#VECTORIZED}). The species is a {@code static final} constant: passed as a
 * value the JIT does not vectorize.
 */
final class MaxSimVector {
    /** The preferred species, as {@link SimdTiles#sumLanes} requires. */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector (16 on AVX-512). */
    static final int L = S.length();
    /** Candidate tokens per {@link #max4}. */
    static final int BLOCK = 4;

    private MaxSimVector() {
    }

    /** The score of every candidate against {@code q}, each computed on its own. */
    static double[] scores(float[] q, float[][] docs, int h) {
        MaxSimScoring.checkHidden(h);
        double[] out = new double[docs.length];
        float[] best = new float[q.length / h];
        for (int c = 0; c < docs.length; c++) {
            out[c] = score(q, docs[c], h, best);
        }
        return out;
    }

    /** One candidate's score; {@code best} is scratch of one float per query token. */
    static double score(float[] q, float[] d, int h, float[] best) {
        int nq = q.length / h;
        int nd = d.length / h;
        if (nd == 0) {
            return 0;
        }
        java.util.Arrays.fill(best, 0, nq, Float.NEGATIVE_INFINITY);
        int dt = 0;
        for (; dt + BLOCK <= nd; dt += BLOCK) {
            for (int qt = 0; qt < nq; qt++) {
                best[qt] = Math.max(best[qt], max4(q, qt * h, d, dt * h, h));
            }
        }
        for (; dt < nd; dt++) {
            for (int qt = 0; qt < nq; qt++) {
                best[qt] = Math.max(best[qt], dot(q, qt * h, d, dt * h, h));
            }
        }
        double sum = 0;
        for (int qt = 0; qt < nq; qt++) {
            sum += best[qt];
        }
        return sum;
    }

    /** The largest of the dot products of {@code q[qo, qo + h)} with the four tokens from {@code d[d0]}. */
    static float max4(float[] q, int qo, float[] d, int d0, int h) {
        int d1 = d0 + h;
        int d2 = d1 + h;
        int d3 = d2 + h;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int j = 0;
        for (int end = h & -L; j < end; j += L) {
            FloatVector x = FloatVector.fromArray(S, q, qo + j);
            a0 = FloatVector.fromArray(S, d, d0 + j).fma(x, a0);
            a1 = FloatVector.fromArray(S, d, d1 + j).fma(x, a1);
            a2 = FloatVector.fromArray(S, d, d2 + j).fma(x, a2);
            a3 = FloatVector.fromArray(S, d, d3 + j).fma(x, a3);
        }
        if (j < h) {
            VectorMask<Float> m = S.indexInRange(j, h);
            FloatVector x = FloatVector.fromArray(S, q, qo + j, m);
            a0 = FloatVector.fromArray(S, d, d0 + j, m).fma(x, a0);
            a1 = FloatVector.fromArray(S, d, d1 + j, m).fma(x, a1);
            a2 = FloatVector.fromArray(S, d, d2 + j, m).fma(x, a2);
            a3 = FloatVector.fromArray(S, d, d3 + j, m).fma(x, a3);
        }
        return Math.max(Math.max(SimdTiles.sumLanes(a0), SimdTiles.sumLanes(a1)),
                Math.max(SimdTiles.sumLanes(a2), SimdTiles.sumLanes(a3)));
    }

    /** The dot product of {@code q[qo, qo + h)} and {@code d[d0, d0 + h)}: one column of {@link #max4}. */
    static float dot(float[] q, int qo, float[] d, int d0, int h) {
        FloatVector a = FloatVector.zero(S);
        int j = 0;
        for (int end = h & -L; j < end; j += L) {
            a = FloatVector.fromArray(S, d, d0 + j).fma(FloatVector.fromArray(S, q, qo + j), a);
        }
        if (j < h) {
            VectorMask<Float> m = S.indexInRange(j, h);
            a = FloatVector.fromArray(S, d, d0 + j, m).fma(FloatVector.fromArray(S, q, qo + j, m), a);
        }
        return SimdTiles.sumLanes(a);
    }
}
