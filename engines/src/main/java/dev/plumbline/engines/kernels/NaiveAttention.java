package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.L;

import java.util.Arrays;

/**
 * The textbook attention, for benchmarks against the fused kernels: per head the whole
 * {@code len × len} score matrix {@code S = Q·Kᵀ} is materialized by a GEMM on the given backend,
 * softmax runs over each row (Vector API exp), and {@code O = P·V} is a second GEMM. Its extra
 * memory is quadratic in the length, which is what the fused kernels avoid; its arithmetic runs at
 * the backend's GEMM speed, so the comparison is about memory traffic, not about a slow loop.
 * Inputs are {@code [len × heads·headDim]} row-major.
 */
public final class NaiveAttention {
    private NaiveAttention() {
    }

    /** Bytes this form holds at once beyond its inputs: the padded score matrix plus one head's copies. */
    public static long extraBytes(int len, int headDim) {
        long pad = padded(len);
        return (pad * len + 2 * pad * headDim + 2L * len * headDim) * Float.BYTES;
    }

    /** Runs attention for every head; GEMMs use {@code kernels}' threads. */
    public static void attention(Kernels kernels, float[] q, float[] k, float[] v, float[] out, int len, int heads,
                                 int headDim) {
        KernelArgs.attention(q, k, v, new int[] {0}, new int[] {len}, heads, headDim, out);
        int stride = heads * headDim;
        int pad = padded(len);
        float scale = (float) (1 / Math.sqrt(headDim));
        float[] qh = new float[len * headDim];
        float[] kt = new float[headDim * pad];
        float[] vh = new float[pad * headDim];
        float[] scores = new float[len * pad];
        float[] oh = new float[len * headDim];
        for (int h = 0; h < heads; h++) {
            int col = h * headDim;
            for (int i = 0; i < len; i++) {
                System.arraycopy(q, i * stride + col, qh, i * headDim, headDim);
                System.arraycopy(v, i * stride + col, vh, i * headDim, headDim);
                for (int c = 0; c < headDim; c++) {
                    kt[c * pad + i] = k[i * stride + col + c];
                }
            }
            kernels.gemm(qh, len, kernels.pack(kt, headDim, pad), null, scores);
            float[] sums = new float[len];
            for (int i = 0; i < len; i++) {
                int off = i * pad;
                // Padding keys get −∞ so they weigh 0 and the exp loop runs on whole vectors.
                Arrays.fill(scores, off + len, off + pad, Float.NEGATIVE_INFINITY);
                sums[i] = SimdAttention.expRow(scores, off, pad, scale, SimdAttention.rowMax(scores, off, pad));
            }
            kernels.gemm(scores, len, kernels.pack(vh, pad, headDim), null, oh);
            for (int i = 0; i < len; i++) {
                float inv = 1 / sums[i];
                for (int c = 0; c < headDim; c++) {
                    out[i * stride + col + c] = oh[i * headDim + c] * inv;
                }
            }
        }
    }

    private static int padded(int len) {
        return (len + L - 1) / L * L;
    }
}
