package dev.plumbline.engines.kernels;

/**
 * The int4 block format llama.cpp calls Q4_0: blocks of {@value #BLOCK} consecutive weights, each
 * stored as one FP16 scale {@code d} and {@value #BLOCK}/2 bytes of 4-bit codes; weight {@code j}
 * of a block is {@code (q_j − 8) · d}, with {@code q_j} the low nibble of byte {@code j} for
 * {@code j < 16} and the high nibble of byte {@code j − 16} otherwise. {@code d} is chosen so the
 * block's largest-magnitude weight maps to −8, as llama.cpp's {@code quantize_row_q4_0_ref} does
 * (the sign keeps the extra negative code for the extreme). The readable reference the int4
 * kernels are tested against.
 */
public final class Q4_0 {
    /** Weights per block. */
    public static final int BLOCK = 32;
    /** Bytes per block: {@code sizeof(block_q4_0)} = 2 (FP16 d) + 16 (nibbles). */
    public static final int BLOCK_BYTES = 2 + BLOCK / 2;

    static {
        if (BLOCK_BYTES != 18) {
            throw new AssertionError("block_q4_0 is 18 bytes in llama.cpp; got " + BLOCK_BYTES);
        }
    }

    private Q4_0() {
    }

    /** Bytes for {@code n} weights ({@code n} a multiple of {@value #BLOCK}). */
    public static long bytes(long n) {
        if (n % BLOCK != 0) {
            throw new IllegalArgumentException("Q4_0 holds whole blocks of " + BLOCK + " weights; got " + n);
        }
        return n / BLOCK * BLOCK_BYTES;
    }

    /** {@code n} rounded up to whole blocks (rows shorter than a block multiple are padded with zeros). */
    public static int paddedLength(int n) {
        return Math.ceilDiv(n, BLOCK) * BLOCK;
    }

    /** Quantizes {@code x[off, off + n)} into {@code out[outOff …]} ({@code n} a multiple of {@value #BLOCK}). */
    public static void quantizeRow(float[] x, int off, int n, byte[] out, int outOff) {
        bytes(n);
        for (int b = 0; b < n / BLOCK; b++) {
            int src = off + b * BLOCK;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < BLOCK; j++) {
                float v = x[src + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1f / d : 0f;
            int dst = outOff + b * BLOCK_BYTES;
            short h = Float.floatToFloat16(d);
            out[dst] = (byte) h;
            out[dst + 1] = (byte) (h >> 8);
            for (int j = 0; j < BLOCK / 2; j++) {
                // (int8_t)(x + 8.5f) truncates toward zero, as the C cast does; never above 15.
                int q0 = Math.min(15, (int) (x[src + j] * id + 8.5f));
                int q1 = Math.min(15, (int) (x[src + BLOCK / 2 + j] * id + 8.5f));
                out[dst + 2 + j] = (byte) (q0 | q1 << 4);
            }
        }
    }

    /** The block's scale {@code d} as a float. */
    public static float scale(byte[] q, int blockOff) {
        return Float.float16ToFloat((short) ((q[blockOff] & 0xFF) | (q[blockOff + 1] & 0xFF) << 8));
    }

    /** The code {@code q_j − 8} (in [−8, 7]) of weight {@code j} of the block at {@code blockOff}. */
    public static int code(byte[] q, int blockOff, int j) {
        int byteAt = blockOff + 2 + (j % (BLOCK / 2));
        int nibble = j < BLOCK / 2 ? q[byteAt] & 0x0F : (q[byteAt] >> 4) & 0x0F;
        return nibble - 8;
    }

    /** Dequantizes {@code n} weights from {@code q[qOff …]} into {@code out[off …]}. */
    public static void dequantizeRow(byte[] q, int qOff, int n, float[] out, int off) {
        bytes(n);
        for (int b = 0; b < n / BLOCK; b++) {
            int at = qOff + b * BLOCK_BYTES;
            float d = scale(q, at);
            for (int j = 0; j < BLOCK; j++) {
                out[off + b * BLOCK + j] = code(q, at, j) * d;
            }
        }
    }
}
