package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.L;
import static dev.plumbline.engines.kernels.SimdTiles.MR;
import static dev.plumbline.engines.kernels.SimdTiles.MR2;
import static dev.plumbline.engines.kernels.SimdTiles.NR;
import static dev.plumbline.engines.kernels.SimdTiles.NR2;
import static dev.plumbline.engines.kernels.SimdTiles.S;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused multi-head attention for the {@code simd} backend, one (sequence, head) pair at a time.
 *
 * <p>A sequence is addressed by its first row and its length, so packed batches (sequences back to
 * back) and padded ones are the same to this code. For a pair it packs Kᵀ into
 * {@link SimdTiles#NR}-wide panels (over the sequence's own rows only), then walks the queries in
 * blocks of 12 rows: raw scores {@code Q·Kᵀ} with the GEMM micro-kernel reading Q in place,
 * {@code e^((s − max)/√d)} in place, {@code P·V} with the 12 × 2-vector kernel (reading V in place
 * when the head is a whole number of its panels), and finally the division by the softmax sum on
 * the d outputs of each row. The working set (Kᵀ and V of one head, 12 rows of scores) is
 * {@code ~2·len·d + 12·len} floats, 40 KB at 128 tokens and head size 32, so it stays in L1/L2 and
 * the score matrix is never materialised.
 *
 * <p>Pairs are handed out to threads dynamically, in the order given, because lengths differ
 * (callers that put long sequences first get a longest-first schedule). Each pair's arithmetic
 * depends only on its own rows and length, so a sequence's output is the same bits whatever it is
 * batched with and on any thread count.
 */
final class SimdAttention {
    private SimdAttention() {
    }

    static void attention(WorkerPool pool, float[] q, float[] k, float[] v, int[] offsets, int[] lengths,
                          int heads, int headDim, float[] out) {
        int tasks = offsets.length * heads;
        int longest = 0;
        for (int len : lengths) {
            longest = Math.max(longest, len);
        }
        int maxLen = longest;
        AtomicInteger next = new AtomicInteger();
        pool.run(part -> {
            Scratch s = new Scratch(maxLen, headDim);
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                int seq = t / heads;
                head(q, k, v, offsets[seq], heads, headDim, t % heads, lengths[seq], out, s);
            }
        });
    }

    /** Per-thread buffers sized for the longest sequence of the call. */
    private static final class Scratch {
        final float[] kPanels;
        final float[] vPanels;
        final float[] scores;
        final float[] sums = new float[MR2];
        final float[] edge;

        Scratch(int seq, int headDim) {
            int kp = (seq + NR - 1) / NR;
            int vp = (headDim + NR2 - 1) / NR2;
            kPanels = new float[kp * headDim * NR];
            vPanels = headDim % NR2 == 0 ? new float[0] : new float[vp * seq * NR2];
            scores = new float[MR2 * kp * NR];
            edge = new float[MR2 * NR2];
        }
    }

    /** Head {@code h} of the sequence at rows {@code [rowBase, rowBase + len)}. */
    private static void head(float[] q, float[] k, float[] v, int rowBase, int heads, int d, int h, int len,
                             float[] out, Scratch s) {
        int hd = heads * d;
        int col0 = h * d;
        int kPanelCount = (len + NR - 1) / NR;
        int ldS = kPanelCount * NR;
        int lenVectors = (len + L - 1) & -L;
        int vPanelCount = (d + NR2 - 1) / NR2;

        // Kᵀ in NR-wide panels, zero past len: written sequentially, read down K's columns.
        float[] kp = s.kPanels;
        for (int p = 0; p < kPanelCount; p++) {
            int j0 = p * NR;
            int width = Math.min(NR, len - j0);
            for (int c = 0; c < d; c++) {
                int dst = (p * d + c) * NR;
                int src = (rowBase + j0) * hd + col0 + c;
                for (int t = 0; t < width; t++) {
                    kp[dst + t] = k[src + t * hd];
                }
                Arrays.fill(kp, dst + width, dst + NR, 0f);
            }
        }
        // V is read in place when the head is a whole number of NR2 panels (head size 32 on AVX-512);
        // otherwise it is copied into zero-padded panels.
        boolean vInPlace = d % NR2 == 0;
        float[] vb = vInPlace ? v : s.vPanels;
        int ldb = vInPlace ? hd : NR2;
        if (!vInPlace) {
            for (int p = 0; p < vPanelCount; p++) {
                int width = Math.min(NR2, d - p * NR2);
                int base = p * len * NR2;
                for (int j = 0; j < len; j++) {
                    System.arraycopy(v, (rowBase + j) * hd + col0 + p * NR2, vb, base + j * NR2, width);
                    Arrays.fill(vb, base + j * NR2 + width, base + (j + 1) * NR2, 0f);
                }
            }
        }

        float scale = (float) (1.0 / Math.sqrt(d));
        float[] sc = s.scores;
        for (int i0 = 0; i0 < len; i0 += MR2) {
            int rows = Math.min(MR2, len - i0);
            // Raw scores Q·Kᵀ, Q read in place; the 1/√d scale is applied inside the exponent.
            for (int half = 0; half < rows; half += MR) {
                int aOff = (rowBase + i0 + half) * hd + col0;
                int halfRows = Math.min(MR, rows - half);
                for (int p = 0; p < kPanelCount; p++) {
                    SimdTiles.tile6x4(q, aOff, hd, halfRows, kp, p * d * NR, d, sc, half * ldS + p * NR, ldS,
                            null, 0, false);
                }
            }
            // −∞ past len up to the vector boundary: the max and exp loops then run on whole vectors
            // with no tail code (a second inlined exp would push C2 past its inlining budget).
            for (int r = 0; r < rows; r++) {
                Arrays.fill(sc, r * ldS + len, r * ldS + lenVectors, Float.NEGATIVE_INFINITY);
            }
            // Two passes over the block rather than max-then-exp per row: the rows' maxima (and then
            // their exponentials) are independent, so the core overlaps them instead of waiting on
            // each row's reduction.
            for (int r = 0; r < rows; r++) {
                s.sums[r] = rowMax(sc, r * ldS, lenVectors);
            }
            for (int r = 0; r < rows; r++) {
                s.sums[r] = expRow(sc, r * ldS, lenVectors, scale, s.sums[r]);
            }
            // Score rows past `rows` hold an earlier block's values or zeros: finite, never stored.
            int outRow = (rowBase + i0) * hd + col0;
            for (int p = 0; p < vPanelCount; p++) {
                int width = Math.min(NR2, d - p * NR2);
                int bOff = vInPlace ? rowBase * hd + col0 + p * NR2 : p * len * NR2;
                if (width == NR2) {
                    SimdTiles.tile12x2(sc, 0, ldS, rows, vb, bOff, ldb, len, out, outRow + p * NR2, hd);
                } else {
                    SimdTiles.tile12x2(sc, 0, ldS, rows, vb, bOff, ldb, len, s.edge, 0, NR2);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(s.edge, r * NR2, out, outRow + r * hd + p * NR2, width);
                    }
                }
            }
            // Softmax's normalisation, applied to d outputs per row instead of len weights.
            for (int r = 0; r < rows; r++) {
                scaleRow(out, outRow + r * hd, d, 1f / s.sums[r]);
            }
        }
    }

    /** The largest of {@code x[off .. off+n)}, {@code n} a multiple of the vector length. */
    static float rowMax(float[] x, int off, int n) {
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < n; j += L) {
            m = m.max(FloatVector.fromArray(S, x, off + j));
        }
        return m.reduceLanes(VectorOperators.MAX);
    }

    /**
     * In place, {@code x[j] = e^((x[j] − max)·scale)} over {@code j < n} ({@code n} a multiple of the
     * vector length; −∞ entries become 0), returning their sum, the softmax denominator. With
     * {@code max} the row's maximum every exponent is ≤ 0.
     */
    static float expRow(float[] x, int off, int n, float scale, float max) {
        FloatVector vscale = FloatVector.broadcast(S, scale);
        FloatVector shift = FloatVector.broadcast(S, -max * scale);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < n; j += L) {
            FloatVector e = SimdMath.expNonPositive(FloatVector.fromArray(S, x, off + j).fma(vscale, shift));
            e.intoArray(x, off + j);
            sum = sum.add(e);
        }
        return SimdTiles.sumLanes(sum);
    }

    private static void scaleRow(float[] x, int off, int n, float factor) {
        int j = 0;
        for (int full = n & -L; j < full; j += L) {
            FloatVector.fromArray(S, x, off + j).mul(factor).intoArray(x, off + j);
        }
        for (; j < n; j++) {
            x[off + j] *= factor;
        }
    }
}
