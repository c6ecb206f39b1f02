package dev.plumbline.engines.kernels;

/**
 * What every quantized backend shares: its linear layers run on an integer GEMM of the subclass,
 * and attention, LayerNorm, residuals, GELU outside a GEMM epilogue and pooling stay FP32 on the
 * {@code fp32} backend it wraps. The encoder runs on it unchanged, so a quantized engine is the
 * same forward pass with other numerics. Subclasses: {@link Int8Kernels} (W8A8) and
 * {@link Int4Kernels} (Q4_0 weights × Q8_0 activations).
 */
public abstract class QuantizedKernels implements Kernels {
    private final String name;
    /** The full-precision kernels for everything but the linear layers; closed with this. */
    protected final Kernels fp32;
    /** The current batch's sequence layout (from {@link #beginBatch}), or null: then all rows are one sequence. */
    protected int[] batchOffsets;
    /** Rows of each sequence of the current batch, or null. */
    protected int[] batchLengths;

    /**
     * @param name backend name, e.g. {@code native-int8}
     * @param fp32 the full-precision kernels for everything but the linear layers; closed with this
     */
    protected QuantizedKernels(String name, Kernels fp32) {
        this.name = name;
        this.fp32 = fp32;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int threads() {
        return fp32.threads();
    }

    @Override
    public boolean batchInvariant() {
        // Activation scales are per row (or per block of a row) and the integer sums exact: a row's
        // result never depends on the other rows of its batch, whatever the fp32 backend does elsewhere.
        return fp32.batchInvariant();
    }

    /** The integer GEMM's off-heap weights plus the FP32 backend's. */
    @Override
    public long offHeapBytes() {
        return fp32.offHeapBytes() + integerOffHeapBytes();
    }

    /** Off-heap bytes of the integer GEMM. */
    protected abstract long integerOffHeapBytes();

    /** Releases the integer GEMM (called by {@link #close()} before the FP32 backend is closed). */
    protected abstract void closeIntegerGemm();

    @Override
    public void gemm(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        multiply(a, m, w, bias, c, false);
    }

    @Override
    public void gemmGelu(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        multiply(a, m, w, bias, c, true);
    }

    /** {@code c = a · w + bias}, then GELU when {@code gelu}, in the subclass's arithmetic. */
    protected abstract void multiply(float[] a, int m, PackedMatrix w, float[] bias, float[] c, boolean gelu);

    @Override
    public void beginBatch(int[] offsets, int[] lengths) {
        batchOffsets = offsets.clone();
        batchLengths = lengths.clone();
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        fp32.attention(q, k, v, offsets, lengths, heads, headDim, out);
    }

    @Override
    public void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        fp32.addLayerNorm(x, residual, rows, cols, gamma, beta, epsilon);
    }

    @Override
    public void gelu(float[] x, int n) {
        fp32.gelu(x, n);
    }

    @Override
    public void close() {
        try {
            closeIntegerGemm();
        } finally {
            fp32.close();
        }
    }
}
