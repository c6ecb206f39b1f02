package dev.plumbline.engines.kernels;

/** Argument checks shared by every {@link Int8Gemm}, so a bad call fails the same way on each (and before native code). */
public final class Int8Args {
    private Int8Args() {
    }

    /** Checks a weight matrix before packing. */
    public static void pack(byte[] w, int k, int n) {
        if (k <= 0 || n <= 0 || (long) k * n > w.length) {
            throw new IllegalArgumentException("need k, n > 0 and k·n <= w.length, got k=" + k + ", n=" + n
                    + ", length " + w.length);
        }
        for (int i = 0; i < k * n; i++) {
            if (w[i] == Byte.MIN_VALUE) {
                throw new IllegalArgumentException("w[" + i + "] = -128; symmetric int8 weights lie in [-127, 127]");
            }
        }
    }

    /** Checks activations, zero points and the output length of an accumulation. */
    public static void multiply(byte[] a, int m, int[] aZero, Int8Gemm.Packed w, int outLength) {
        if (m < 0 || (long) m * w.k() > a.length || aZero.length < m || (long) m * w.n() > outLength) {
            throw new IllegalArgumentException("need m >= 0, a.length >= m·k, aZero.length >= m and output >= m·n; got m="
                    + m + ", k=" + w.k() + ", n=" + w.n() + ", a " + a.length + ", aZero " + aZero.length
                    + ", output " + outLength);
        }
        for (int i = 0; i < m; i++) {
            if (aZero[i] < 0 || aZero[i] > 255) {
                throw new IllegalArgumentException("aZero[" + i + "] = " + aZero[i] + " must be in [0, 255]");
            }
        }
    }

    /** Checks the dequantization arguments. */
    public static void dequantize(int m, float[] aScale, Int8Gemm.Packed w, float[] wScale, float[] bias, float[] c) {
        if (aScale.length < m || wScale.length < w.n() || (bias != null && bias.length < w.n())
                || (long) m * w.n() > c.length) {
            throw new IllegalArgumentException("aScale needs m = " + m + " entries, wScale and bias n = " + w.n()
                    + ", c m·n = " + (long) m * w.n());
        }
    }
}
