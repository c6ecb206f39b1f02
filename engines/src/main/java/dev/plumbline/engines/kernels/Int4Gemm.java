package dev.plumbline.engines.kernels;

/**
 * An int4 GEMM: weights as Q4_0 blocks ({@link Q4_0}: 32 consecutive weights of one output column
 * along k, one FP16 scale), activations as Q8_0-style blocks ({@link Q8_0}). Every implementation
 * computes, for each output, the same float arithmetic in the same order:
 * <pre>
 *   acc = 0
 *   for each block b of k:   s = Σ_t nibble[j][b][t] · a[i][b][t] − 8 · aSum[i][b]      (exact int32)
 *                            acc = fma((float) s, dW[j][b] · dA[i][b], acc)
 *   c[i][j] = acc + bias[j]                                                 (then GELU when asked)
 * </pre>
 * so the outputs before GELU are bit-identical to {@link ScalarInt4Gemm}'s, the reference. Used by
 * {@link Int4Kernels}; one caller at a time, like {@link Kernels}.
 */
public interface Int4Gemm extends AutoCloseable {

    /** Weights in the implementation's layout. */
    interface Packed {
        /** Rows of the original matrix (the depth of the product). */
        int k();

        /** Columns of the original matrix (output features). */
        int n();

        /** Bytes of this matrix held on the Java heap (off-heap bytes count in {@link #offHeapBytes()}). */
        long heapBytes();
    }

    /** Short name for descriptions, e.g. {@code vnni}. */
    String describe();

    /**
     * Packs a {@code k × n} matrix given as Q4_0 rows, one per output column: column {@code j}'s
     * {@code Q8_0.blocks(k)} blocks at {@code q4[j · blocks · 18 …]} (its weights along k, padded
     * with zeros to whole blocks).
     */
    Packed pack(byte[] q4, int k, int n);

    /**
     * The product {@code c[m × n]}, GELU applied when {@code gelu}.
     *
     * @param a     activation codes {@code [m × blocks·32]} from {@link #quantizeRows}
     * @param aScale activation block scales {@code [m × blocks]}
     * @param aSum  activation block code sums {@code [m × blocks]}
     * @param bias  per output column, or null
     */
    void multiply(byte[] a, int m, float[] aScale, int[] aSum, Packed w, float[] bias, float[] c, boolean gelu);

    /**
     * Quantizes activation rows exactly as {@link Q8_0#quantizeRows} does (bit for bit);
     * implementations override it with a faster form.
     */
    default void quantizeRows(float[] x, int m, int k, byte[] q, float[] d, int[] sum) {
        Q8_0.quantizeRows(x, m, k, q, d, sum);
    }

    /** Exact bytes held off the Java heap (packed weights of native implementations). */
    default long offHeapBytes() {
        return 0;
    }

    @Override
    void close();
}
