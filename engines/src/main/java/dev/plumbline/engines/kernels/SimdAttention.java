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
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused multi-head attention for the {@code simd} backend, one (sequence, head) pair at a time.
 *
 * <p>For a pair it packs Kᵀ into {@link SimdTiles#NR}-wide panels and V into
 * {@link SimdTiles#NR2}-wide panels (both only over the sequence's real length, so padding costs
 * nothing), then walks the queries in blocks of 12 rows: scores {@code Q·Kᵀ/√d} with the GEMM
 * micro-kernel, a stable softmax in place, and {@code P·V} with the 12 × 2-vector kernel. The
 * working set (Kᵀ and V of one head, 12 rows of scores) is {@code ~2·len·d + 12·len} floats, 40 KB at
 * 128 tokens and head size 32, so it stays in L1/L2 and the score matrix is never materialised.
 * Pairs are handed out to threads dynamically because real lengths differ.
 */
final class SimdAttention {
    private SimdAttention() {
    }

    static void attention(WorkerPool pool, float[] q, float[] k, float[] v, int batch, int seq, int heads,
                          int headDim, int[] lengths, float[] out) {
        int tasks = batch * heads;
        AtomicInteger next = new AtomicInteger();
        pool.run(part -> {
            Scratch s = new Scratch(seq, headDim);
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                head(q, k, v, t / heads, seq, heads, headDim, t % heads, lengths[t / heads], out, s);
            }
        });
    }

    /** Per-thread buffers sized for the longest sequence of the call. */
    private static final class Scratch {
        final float[] kPanels;
        final float[] vPanels;
        final float[] qBlock;
        final float[] scores;
        final float[] edge;
        final float[] lanes = new float[L];

        Scratch(int seq, int headDim) {
            int kp = (seq + NR - 1) / NR;
            int vp = (headDim + NR2 - 1) / NR2;
            kPanels = new float[kp * headDim * NR];
            vPanels = new float[vp * seq * NR2];
            qBlock = new float[MR2 * headDim];
            scores = new float[MR2 * kp * NR];
            edge = new float[MR2 * NR2];
        }
    }

    private static void head(float[] q, float[] k, float[] v, int b, int seq, int heads, int d, int h, int len,
                             float[] out, Scratch s) {
        int hd = heads * d;
        int rowBase = b * seq;
        int col0 = h * d;
        int kPanelCount = (len + NR - 1) / NR;
        int ldS = kPanelCount * NR;
        int vPanelCount = (d + NR2 - 1) / NR2;

        float[] kp = s.kPanels;
        Arrays.fill(kp, 0, kPanelCount * d * NR, 0f);
        for (int j = 0; j < len; j++) {
            int src = (rowBase + j) * hd + col0;
            int dst = (j / NR) * d * NR + (j % NR);
            for (int c = 0; c < d; c++) {
                kp[dst + c * NR] = k[src + c];
            }
        }
        float[] vp = s.vPanels;
        for (int p = 0; p < vPanelCount; p++) {
            int width = Math.min(NR2, d - p * NR2);
            int base = p * len * NR2;
            for (int j = 0; j < len; j++) {
                System.arraycopy(v, (rowBase + j) * hd + col0 + p * NR2, vp, base + j * NR2, width);
                if (width < NR2) {
                    Arrays.fill(vp, base + j * NR2 + width, base + (j + 1) * NR2, 0f);
                }
            }
        }

        float scale = (float) (1.0 / Math.sqrt(d));
        float[] qb = s.qBlock;
        float[] sc = s.scores;
        for (int i0 = 0; i0 < len; i0 += MR2) {
            int rows = Math.min(MR2, len - i0);
            for (int r = 0; r < MR2; r++) {
                if (r < rows) {
                    int src = (rowBase + i0 + r) * hd + col0;
                    for (int c = 0; c < d; c++) {
                        qb[r * d + c] = q[src + c] * scale;
                    }
                } else {
                    Arrays.fill(qb, r * d, (r + 1) * d, 0f);
                }
            }
            for (int half = 0; half < rows; half += MR) {
                for (int p = 0; p < kPanelCount; p++) {
                    SimdTiles.tile6x4(qb, half * d, d, MR, kp, p * d * NR, d, sc, half * ldS + p * NR, ldS,
                            null, 0, false);
                }
            }
            for (int r = 0; r < rows; r++) {
                softmax(sc, r * ldS, len, s.lanes);
            }
            // Score rows past `rows` hold zeros or an earlier block's probabilities: finite, not stored.
            int outRow = (rowBase + i0) * hd + col0;
            for (int p = 0; p < vPanelCount; p++) {
                int width = Math.min(NR2, d - p * NR2);
                if (width == NR2) {
                    SimdTiles.tile12x2(sc, 0, ldS, rows, vp, p * len * NR2, len, out, outRow + p * NR2, hd);
                } else {
                    SimdTiles.tile12x2(sc, 0, ldS, rows, vp, p * len * NR2, len, s.edge, 0, NR2);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(s.edge, r * NR2, out, outRow + r * hd + p * NR2, width);
                    }
                }
            }
        }
        for (int i = len; i < seq; i++) {
            Arrays.fill(out, (rowBase + i) * hd + col0, (rowBase + i) * hd + col0 + d, 0f);
        }
    }

    /**
     * In place, {@code x[j] = e^(x[j] − max) / Σ e^(x[i] − max)} over {@code j < len}; lanes past
     * {@code len} up to the next vector boundary are set to 0 (the row buffer is that long).
     *
     * @param lanes scratch of {@link SimdTiles#L} floats for the ordered sum
     */
    static void softmax(float[] x, int off, int len, float[] lanes) {
        int full = len & -L;
        FloatVector negInf = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        VectorMask<Float> tail = S.indexInRange(full, len);
        FloatVector vmax = negInf;
        for (int j = 0; j < full; j += L) {
            vmax = vmax.max(FloatVector.fromArray(S, x, off + j));
        }
        if (full < len) {
            vmax = vmax.max(negInf.blend(FloatVector.fromArray(S, x, off + full), tail));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        FloatVector vsum = FloatVector.zero(S);
        for (int j = 0; j < full; j += L) {
            FloatVector e = SimdMath.expNonPositive(FloatVector.fromArray(S, x, off + j).sub(max));
            e.intoArray(x, off + j);
            vsum = vsum.add(e);
        }
        if (full < len) {
            FloatVector e = SimdMath.expNonPositive(negInf.blend(FloatVector.fromArray(S, x, off + full), tail)
                    .sub(max));
            e.intoArray(x, off + full);
            vsum = vsum.add(e);
        }
        float inv = 1f / SimdTiles.sumLanes(vsum, lanes);
        int end = full < len ? full + L : full;
        for (int j = 0; j < end; j += L) {
            FloatVector.fromArray(S, x, off + j).mul(inv).intoArray(x, off + j);
        }
    }
}
