package dev.plumbline.engines.kernels;

/**
 * The readable reference {@link Int8Gemm}: the defining sums, in int32, row by row; dequantized
 * in float as the interface defines, GELU in double ({@link ReferenceMath}).
 */
public final class ScalarInt8Gemm implements Int8Gemm {

    /** The weights as given ({@code [k × n]} row-major s8). */
    record Plain(int k, int n, byte[] w) implements Packed {
        @Override
        public long heapBytes() {
            return w.length;
        }
    }

    @Override
    public String describe() {
        return "scalar int32 reference";
    }

    @Override
    public Packed pack(byte[] w, int k, int n) {
        Int8Args.pack(w, k, n);
        return new Plain(k, n, java.util.Arrays.copyOf(w, k * n));
    }

    @Override
    public void accumulate(byte[] a, int m, int[] aZero, Packed packed, int[] acc) {
        Plain w = own(packed);
        Int8Args.multiply(a, m, aZero, w, acc.length);
        int k = w.k();
        int n = w.n();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += ((a[i * k + p] & 0xFF) - aZero[i]) * w.w()[p * n + j];
                }
                acc[i * n + j] = sum;
            }
        }
    }

    @Override
    public void multiply(byte[] a, int m, int[] aZero, float[] aScale, Packed packed, float[] wScale, float[] bias,
                         float[] c, boolean gelu) {
        Plain w = own(packed);
        Int8Args.dequantize(m, aScale, w, wScale, bias, c);
        int n = w.n();
        int[] acc = new int[m * n];
        accumulate(a, m, aZero, packed, acc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = (float) acc[i * n + j] * (aScale[i] * wScale[j]) + (bias == null ? 0f : bias[j]);
                c[i * n + j] = gelu ? (float) ReferenceMath.gelu(v) : v;
            }
        }
    }

    private static Plain own(Packed w) {
        if (!(w instanceof Plain p)) {
            throw new IllegalArgumentException("matrix was packed by another int8 GEMM ("
                    + w.getClass().getSimpleName() + "); pack it with this one");
        }
        return p;
    }

    @Override
    public void close() {
    }
}
