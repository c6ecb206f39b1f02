package dev.plumbline.engines.kernels;

/**
 * Int4 kernels: every linear layer's weights are stored as Q4_0 blocks (32 weights along k per
 * output column, one FP16 scale: 4.5 bits a weight) and multiplied by an {@link Int4Gemm} against
 * activations quantized to Q8_0-style blocks on each call; the embedding tables are Q4_0 too
 * ({@link EmbeddingTable.Q4_0Table}), since at int4 the word table would otherwise be most of
 * the model's memory. The rest is FP32 ({@link QuantizedKernels}).
 */
public final class Int4Kernels extends QuantizedKernels {
    /** {@link #numerics()}: Q4_0 weights and embeddings, Q8_0-style activation blocks. */
    public static final String NUMERICS = "int4-q4_0";

    private final Int4Gemm gemm;
    private byte[] codes = new byte[0];
    private float[] scales = new float[0];
    private int[] sums = new int[0];

    /** A linear layer packed by the int4 GEMM. */
    record Quantized(Int4Gemm.Packed w) implements PackedMatrix {
        @Override
        public int k() {
            return w.k();
        }

        @Override
        public int n() {
            return w.n();
        }

        @Override
        public long heapBytes() {
            return w.heapBytes();
        }
    }

    /**
     * @param name backend name, e.g. {@code native-int4}
     * @param fp32 the full-precision kernels for everything but the linear layers; closed with this
     * @param gemm the int4 GEMM; closed with this
     */
    public Int4Kernels(String name, Kernels fp32, Int4Gemm gemm) {
        super(name, fp32);
        this.gemm = gemm;
    }

    /** The int4 GEMM the linear layers run on (the contract tests hold it to {@link ScalarInt4Gemm}). */
    public Int4Gemm integerGemm() {
        return gemm;
    }

    @Override
    public String numerics() {
        return NUMERICS;
    }

    @Override
    public String describe() {
        return "int4 Q4_0 GEMM (" + gemm.describe() + "), the rest on " + fp32.describe();
    }

    /** The activation codes, scales and sums of the largest call so far, plus the FP32 backend's. */
    @Override
    public long scratchBytes() {
        return codes.length + (long) scales.length * Float.BYTES + (long) sums.length * Integer.BYTES
                + fp32.scratchBytes();
    }

    @Override
    protected long integerOffHeapBytes() {
        return gemm.offHeapBytes();
    }

    @Override
    protected void closeIntegerGemm() {
        gemm.close();
    }

    /** Quantizes {@code w [k × n]} column by column into Q4_0 rows (see {@link #quantizeColumns}). */
    @Override
    public PackedMatrix pack(float[] w, int k, int n) {
        KernelArgs.pack(w, k, n);
        return new Quantized(gemm.pack(quantizeColumns(w, k, n), k, n));
    }

    /**
     * The Q4_0 rows {@link Int4Gemm#pack} takes: column {@code j} of {@code w [k × n]} as one row
     * of blocks along k, zero-padded to whole blocks.
     */
    public static byte[] quantizeColumns(float[] w, int k, int n) {
        int padded = Q4_0.paddedLength(k);
        int rowBytes = (int) Q4_0.bytes(padded);
        byte[] q4 = new byte[Math.multiplyExact(n, rowBytes)];
        float[] column = new float[padded];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                column[p] = w[p * n + j];
            }
            Q4_0.quantizeRow(column, 0, padded, q4, j * rowBytes);
        }
        return q4;
    }

    /** Weights shipped as int8 codes cannot be re-quantized to int4 without the FP32 originals. */
    @Override
    public PackedMatrix packQuantized(byte[] codes, float[] scales, int k, int n) {
        throw new UnsupportedOperationException("backend '" + name() + "' quantizes FP32 weights to Q4_0 itself and "
                + "cannot run a model shipped as int8; use the model's FP32 export with it, or native-int8 / simd-int8 "
                + "for the int8 model");
    }

    @Override
    public EmbeddingTable packEmbeddings(float[] table, int rows, int cols) {
        return new EmbeddingTable.Q4_0Table(table, rows, cols);
    }

    @Override
    protected void multiply(float[] a, int m, PackedMatrix packed, float[] bias, float[] c, boolean gelu) {
        Quantized w = KernelArgs.own(packed, Quantized.class, name());
        KernelArgs.gemm(a, m, w, bias, c);
        int blocks = Q8_0.blocks(w.k());
        int need = m * blocks;
        if (scales.length < need) {
            scales = new float[need];
            sums = new int[need];
            codes = new byte[need * Q4_0.BLOCK];
        }
        gemm.quantizeRows(a, m, w.k(), codes, scales, sums);
        gemm.multiply(codes, m, scales, sums, w.w(), bias, c, gelu);
    }
}
