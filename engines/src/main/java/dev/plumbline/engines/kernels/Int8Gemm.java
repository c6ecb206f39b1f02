package dev.plumbline.engines.kernels;

/**
 * An integer GEMM for W8A8 quantization: activations asymmetric u8 with a zero point and a scale
 * per row, weights symmetric s8 in {@code [-127, 127]} with a scale per output column. Every
 * implementation computes the same exact int32 accumulators
 * {@code acc[i][j] = Σ_k (a[i][k] − aZero[i]) · w[k][j]} and dequantizes them as
 * {@code c[i][j] = (float) acc[i][j] · (aScale[i] · wScale[j]) + bias[j]}, then GELU when asked.
 * {@link ScalarInt8Gemm} is the reference the others match bit for bit in their accumulators.
 * Used by {@link Int8Kernels}; one caller at a time, like {@link Kernels}.
 */
public interface Int8Gemm extends AutoCloseable {

    /** Weights in the implementation's layout. */
    interface Packed {
        /** Rows of the original matrix (the depth of the product). */
        int k();

        /** Columns of the original matrix (output features). */
        int n();

        /** Bytes of this matrix held on the Java heap (off-heap bytes count in {@link #offHeapBytes()}). */
        long heapBytes();
    }

    /** Short name for descriptions, e.g. {@code vnni} or {@code vector-api}. */
    String describe();

    /** Packs {@code w[k × n]} (row-major s8, every value in [-127, 127]). */
    Packed pack(byte[] w, int k, int n);

    /** The int32 accumulators {@code acc[m × n]} (for tests against the reference). */
    void accumulate(byte[] a, int m, int[] aZero, Packed w, int[] acc);

    /**
     * The dequantized product {@code c[m × n]}, GELU applied when {@code gelu}.
     *
     * @param a     u8 activations {@code [m × k]} as their bit patterns
     * @param bias  per output column, or null
     */
    void multiply(byte[] a, int m, int[] aZero, float[] aScale, Packed w, float[] wScale, float[] bias, float[] c,
                  boolean gelu);

    /**
     * Quantizes activation rows exactly as {@link Int8Quantization#rows} does (the same codes, zero
     * points and scales, bit for bit); implementations override it with a faster form.
     */
    default void quantizeRows(float[] x, int m, int k, byte[] q, int[] zero, float[] scale) {
        Int8Quantization.rows(x, m, k, q, zero, scale);
    }

    /** Exact bytes held off the Java heap (packed weights of native implementations). */
    default long offHeapBytes() {
        return 0;
    }

    @Override
    void close();
}
