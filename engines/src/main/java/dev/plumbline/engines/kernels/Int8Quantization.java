package dev.plumbline.engines.kernels;

/**
 * The W8A8 quantizers, shared by every {@link Int8Gemm} so that all backends see the same codes.
 *
 * <p>Weights: symmetric per output column, {@code scale_j = max_k |w[k][j]| / 127},
 * {@code q = round(w / scale_j)} in [-127, 127] (−128 is never produced, which the u8×s8
 * zero-point correction needs). Activations: asymmetric u8 per row over the row's range widened
 * to include 0 (so 0 is exact, as padding and ReLU-like zeros need),
 * {@code scale = (max − min) / 255}, {@code zero = round(−min / scale)},
 * {@code q = clamp(round(x / scale) + zero, 0, 255)}. Rounding is to nearest, ties to even, done
 * by adding and subtracting 1.5·2²³ in float so the scalar and vector forms give identical codes.
 */
public final class Int8Quantization {
    /** 1.5 · 2^23: {@code (x + R) − R} rounds a float of magnitude below 2^22 to an integer, ties to even. */
    static final float ROUNDER = 12582912f;

    private Int8Quantization() {
    }

    /** Per-column symmetric s8 weights and their scales. */
    public record Weights(byte[] q, float[] scale) {
    }

    /** Rounds to the nearest integer, ties to even (|x| < 2^22). */
    static float round(float x) {
        return (x + ROUNDER) - ROUNDER;
    }

    /** A row's scale from its range (widened to include 0); 1 for an all-zero row. */
    static float rowScale(float lo, float hi) {
        return hi > lo ? (hi - lo) / 255f : 1f;
    }

    /** A row's zero point, {@code round(−lo / scale)} in [0, 255]. */
    static int zeroPoint(float lo, float inv) {
        return Math.max(0, Math.min(255, (int) round(-lo * inv)));
    }

    /**
     * As {@link #rows}, but with one range, scale and zero point per group of rows (a sequence):
     * ONNX Runtime's {@code DynamicQuantizeLinear}, which quantizes a whole activation tensor with
     * one scale, on a batch of one sequence. Group {@code g} is rows
     * {@code [offsets[g], offsets[g] + lengths[g])}; every row gets its group's zero point and scale.
     */
    public static void rowGroups(float[] x, int k, int[] offsets, int[] lengths, byte[] q, int[] zero, float[] scale) {
        for (int g = 0; g < offsets.length; g++) {
            int from = offsets[g] * k;
            int to = (offsets[g] + lengths[g]) * k;
            float lo = 0;
            float hi = 0;
            for (int p = from; p < to; p++) {
                lo = Math.min(lo, x[p]);
                hi = Math.max(hi, x[p]);
            }
            float s = rowScale(lo, hi);
            float inv = 1f / s;
            int z = zeroPoint(lo, inv);
            for (int r = offsets[g]; r < offsets[g] + lengths[g]; r++) {
                scale[r] = s;
                zero[r] = z;
            }
            for (int p = from; p < to; p++) {
                q[p] = (byte) Math.max(0, Math.min(255, (int) round(x[p] * inv) + z));
            }
        }
    }

    /** Quantizes {@code w[k × n]} (row-major) per output column. */
    public static Weights weights(float[] w, int k, int n) {
        float[] scale = new float[n];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                scale[j] = Math.max(scale[j], Math.abs(w[p * n + j]));
            }
        }
        float[] inv = new float[n];
        for (int j = 0; j < n; j++) {
            scale[j] = scale[j] == 0 ? 1f : scale[j] / 127f;
            inv[j] = 1f / scale[j];
        }
        byte[] q = new byte[k * n];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                float r = round(w[p * n + j] * inv[j]);
                q[p * n + j] = (byte) Math.max(-127, Math.min(127, (int) r));
            }
        }
        return new Weights(q, scale);
    }

    /**
     * Quantizes rows {@code [0, m)} of {@code x[m × k]} into {@code q} (u8 bit patterns), with each
     * row's zero point and scale. An all-zero row gets scale 1 and zero point 0.
     */
    public static void rows(float[] x, int m, int k, byte[] q, int[] zero, float[] scale) {
        for (int i = 0; i < m; i++) {
            int off = i * k;
            float lo = 0;
            float hi = 0;
            for (int p = 0; p < k; p++) {
                lo = Math.min(lo, x[off + p]);
                hi = Math.max(hi, x[off + p]);
            }
            float s = rowScale(lo, hi);
            float inv = 1f / s;
            int z = zeroPoint(lo, inv);
            scale[i] = s;
            zero[i] = z;
            for (int p = 0; p < k; p++) {
                int v = (int) round(x[off + p] * inv) + z;
                q[off + p] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
