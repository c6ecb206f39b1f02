package dev.plumbline.engines.kernels;

/** Argument checks shared by every {@link Int4Gemm}, so a bad call fails the same way on each (and before native code). */
public final class Int4Args {
    private Int4Args() {
    }

    /** Checks Q4_0 column rows before packing. */
    public static void pack(byte[] q4, int k, int n) {
        if (k <= 0 || n <= 0 || (long) n * Q4_0.bytes((long) Q8_0.blocks(k) * Q4_0.BLOCK) != q4.length) {
            throw new IllegalArgumentException("Q4_0 weights of " + k + " x " + n + " need " + n + " rows of "
                    + Q8_0.blocks(k) + " blocks of " + Q4_0.BLOCK_BYTES + " bytes, got " + q4.length + " bytes");
        }
    }

    /** Checks activations, their scales and sums, the bias and the output of a product. */
    public static void multiply(byte[] a, int m, float[] aScale, int[] aSum, Int4Gemm.Packed w, float[] bias,
                                float[] c) {
        int blocks = Q8_0.blocks(w.k());
        long rowsBlocks = (long) m * blocks;
        if (m < 0 || rowsBlocks * Q4_0.BLOCK > a.length || rowsBlocks > aScale.length || rowsBlocks > aSum.length
                || (bias != null && bias.length < w.n()) || (long) m * w.n() > c.length) {
            throw new IllegalArgumentException("need m >= 0, a of m·blocks·32 = " + rowsBlocks * Q4_0.BLOCK
                    + ", aScale and aSum of m·blocks = " + rowsBlocks + ", bias of n = " + w.n() + " and c of m·n = "
                    + (long) m * w.n() + "; got m=" + m + ", a " + a.length + ", aScale " + aScale.length + ", aSum "
                    + aSum.length + ", c " + c.length);
        }
    }
}
