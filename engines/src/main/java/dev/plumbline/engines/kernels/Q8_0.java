package dev.plumbline.engines.kernels;

/**
 * Activation blocks for the int4 GEMM, in the style of llama.cpp's Q8_0: each row split into
 * blocks of {@value Q4_0#BLOCK} values (zero-padded to whole blocks), each block stored as s8 codes
 * with one scale {@code d = amax / 127} and {@code q = round(x / d)}, plus the codes' sum (which the
 * GEMM needs to turn Q4_0's unsigned nibbles into signed weights). Two departures from llama.cpp,
 * both because activations are transient: {@code d} stays FP32 (never stored, so FP16 buys
 * nothing), and rounding is to nearest with ties to even (what the SIMD conversion instructions
 * do, so the native quantizer is bit-identical to this one). The reference.
 */
public final class Q8_0 {
    private Q8_0() {
    }

    /** Blocks per row of {@code k} values. */
    public static int blocks(int k) {
        return Math.ceilDiv(k, Q4_0.BLOCK);
    }

    /**
     * Quantizes rows {@code [0, m)} of {@code x [m × k]}.
     *
     * @param q   codes {@code [m × blocks(k)·32]} (the padding codes are 0)
     * @param d   scales {@code [m × blocks(k)]}
     * @param sum code sums {@code [m × blocks(k)]}
     */
    public static void quantizeRows(float[] x, int m, int k, byte[] q, float[] d, int[] sum) {
        int blocks = blocks(k);
        int kp = blocks * Q4_0.BLOCK;
        for (int i = 0; i < m; i++) {
            for (int b = 0; b < blocks; b++) {
                int from = b * Q4_0.BLOCK;
                int to = Math.min(k, from + Q4_0.BLOCK);
                float amax = 0;
                for (int p = from; p < to; p++) {
                    amax = Math.max(amax, Math.abs(x[i * k + p]));
                }
                float scale = amax / 127f;
                float inverse = scale != 0 ? 1f / scale : 0f;
                int s = 0;
                for (int p = from; p < from + Q4_0.BLOCK; p++) {
                    int code = p < to ? (int) Math.rint(x[i * k + p] * inverse) : 0;
                    q[i * kp + p] = (byte) code;
                    s += code;
                }
                d[i * blocks + b] = scale;
                sum[i * blocks + b] = s;
            }
        }
    }
}
