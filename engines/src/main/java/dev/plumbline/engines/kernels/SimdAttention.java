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
 * <p>Sequences longer than {@link #KEY_BLOCK} keys stream instead (FlashAttention's schedule): a
 * tile of {@link #QUERY_TILE} queries walks K and V in blocks of {@code KEY_BLOCK} keys, keeping
 * per query the running maximum and sum of the online softmax and rescaling its output rows when
 * the maximum grows. A block's Kᵀ panels and V rows (2 × 64 KB at d = 64) stay in L2 while all the
 * tile's 12-row groups use them, so K and V are read from memory once per tile rather than once per
 * 12 queries; before this, the Java kernel fell behind the naive GEMM form beyond 4,096 tokens.
 *
 * <p>Pairs are handed out to threads dynamically, in the order given, because lengths differ
 * (callers that put long sequences first get a longest-first schedule). Each pair's arithmetic
 * depends only on its own rows and length, so a sequence's output is the same bits whatever it is
 * batched with and on any thread count.
 */
final class SimdAttention {
    /** Keys per streamed block; sequences up to this length take the single-block path. A multiple of {@link SimdTiles#NR}. */
    static final int KEY_BLOCK = 256;
    /** Queries per streaming tile: the 12-row groups that share each K/V block while it is in L2. */
    static final int QUERY_TILE = 8 * MR2;

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
        /** Streaming only: per query of the tile, the running maximum (raw score) and sum. */
        final float[] runMax;
        final float[] runSum;
        /** Streaming only: per row of a 12-row group, the rescale factor of the current block. */
        final float[] alpha = new float[MR2];

        Scratch(int seq, int headDim) {
            int kp = (seq + NR - 1) / NR;
            int vp = (headDim + NR2 - 1) / NR2;
            kPanels = new float[kp * headDim * NR];
            vPanels = headDim % NR2 == 0 ? new float[0] : new float[vp * seq * NR2];
            boolean streams = seq > KEY_BLOCK;
            scores = new float[MR2 * (streams ? KEY_BLOCK : kp * NR)];
            edge = new float[MR2 * NR2];
            runMax = new float[streams ? QUERY_TILE : 0];
            runSum = new float[streams ? QUERY_TILE : 0];
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
        if (len > KEY_BLOCK) {
            streamed(q, rowBase, hd, col0, d, len, vb, ldb, vInPlace, scale, out, s);
            return;
        }
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

    /**
     * The streaming schedule for one head of a long sequence (Kᵀ already packed in {@code s.kPanels};
     * V in place or in {@code s.vPanels}). Output rows accumulate unnormalised in {@code out} and are
     * divided by their softmax sums once the last block is in. Arithmetic depends on {@code len}
     * only, so results stay independent of batching and threads.
     */
    private static void streamed(float[] q, int rowBase, int hd, int col0, int d, int len, float[] vb, int ldb,
                                 boolean vInPlace, float scale, float[] out, Scratch s) {
        float[] kp = s.kPanels;
        float[] sc = s.scores;
        int vPanelCount = (d + NR2 - 1) / NR2;
        for (int t0 = 0; t0 < len; t0 += QUERY_TILE) {
            int tileRows = Math.min(QUERY_TILE, len - t0);
            Arrays.fill(s.runMax, Float.NEGATIVE_INFINITY);
            Arrays.fill(s.runSum, 0f);
            for (int r = 0; r < tileRows; r++) {
                int o = (rowBase + t0 + r) * hd + col0;
                Arrays.fill(out, o, o + d, 0f);
            }
            for (int j0 = 0; j0 < len; j0 += KEY_BLOCK) {
                int kn = Math.min(KEY_BLOCK, len - j0);
                int panels = (kn + NR - 1) / NR;
                int knVectors = (kn + L - 1) & -L;
                for (int g = 0; g < tileRows; g += MR2) {
                    int rows = Math.min(MR2, tileRows - g);
                    int i0 = t0 + g;
                    // Raw scores of this group against the block: rows of sc have stride KEY_BLOCK.
                    for (int half = 0; half < rows; half += MR) {
                        int aOff = (rowBase + i0 + half) * hd + col0;
                        int halfRows = Math.min(MR, rows - half);
                        for (int p = 0; p < panels; p++) {
                            SimdTiles.tile6x4(q, aOff, hd, halfRows, kp, (j0 / NR + p) * d * NR, d, sc,
                                    half * KEY_BLOCK + p * NR, KEY_BLOCK, null, 0, false);
                        }
                    }
                    for (int r = 0; r < rows; r++) {
                        Arrays.fill(sc, r * KEY_BLOCK + kn, r * KEY_BLOCK + knVectors, Float.NEGATIVE_INFINITY);
                    }
                    // Online softmax: new maximum, the factor that rescales what is accumulated so far
                    // (0 on the first block, where the old maximum is −∞), then this block's weights.
                    for (int r = 0; r < rows; r++) {
                        int at = g + r;
                        float old = s.runMax[at];
                        float max = Math.max(old, rowMax(sc, r * KEY_BLOCK, knVectors));
                        float alpha = (float) Math.exp((double) (old - max) * scale);
                        float blockSum = expRow(sc, r * KEY_BLOCK, knVectors, scale, max);
                        s.runSum[at] = s.runSum[at] * alpha + blockSum;
                        s.runMax[at] = max;
                        s.alpha[r] = alpha;
                    }
                    int outRow = (rowBase + i0) * hd + col0;
                    for (int p = 0; p < vPanelCount; p++) {
                        int width = Math.min(NR2, d - p * NR2);
                        int bOff = vInPlace ? (rowBase + j0) * hd + col0 + p * NR2 : p * len * NR2 + j0 * NR2;
                        SimdTiles.tile12x2(sc, 0, KEY_BLOCK, rows, vb, bOff, ldb, kn, s.edge, 0, NR2);
                        for (int r = 0; r < rows; r++) {
                            rescaleAdd(out, outRow + r * hd + p * NR2, s.alpha[r], s.edge, r * NR2, width);
                        }
                    }
                }
            }
            for (int r = 0; r < tileRows; r++) {
                scaleRow(out, (rowBase + t0 + r) * hd + col0, d, 1f / s.runSum[r]);
            }
        }
    }

    /** {@code x[off + j] = x[off + j]·alpha + y[yOff + j]} for {@code j < n}. */
    private static void rescaleAdd(float[] x, int off, float alpha, float[] y, int yOff, int n) {
        int j = 0;
        for (int full = n & -L; j < full; j += L) {
            FloatVector.fromArray(S, y, yOff + j).add(FloatVector.fromArray(S, x, off + j).mul(alpha))
                    .intoArray(x, off + j);
        }
        for (; j < n; j++) {
            x[off + j] = x[off + j] * alpha + y[yOff + j];
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
