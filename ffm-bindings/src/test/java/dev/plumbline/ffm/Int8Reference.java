package dev.plumbline.ffm;

/**
 * The integer oracle of the W8A8 GEMM: plain loops, {@code acc = Σ (a − zero) · w} in int32, and
 * the dequantizing epilogue written exactly as {@code plumbline.h} specifies it.
 */
final class Int8Reference {
    private Int8Reference() {
    }

    static int[] accumulate(byte[] a, int m, int[] aZero, byte[] w, int k, int n) {
        int[] acc = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int p = 0; p < k; p++) {
                    s += (Byte.toUnsignedInt(a[i * k + p]) - aZero[i]) * w[p * n + j];
                }
                acc[i * n + j] = s;
            }
        }
        return acc;
    }

    static float[] dequantize(int[] acc, int m, int n, float[] aScale, float[] wScale, float[] bias) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float scale = aScale[i] * wScale[j];
                float v = (float) acc[i * n + j] * scale;
                c[i * n + j] = bias == null ? v : v + bias[j];
            }
        }
        return c;
    }
}
