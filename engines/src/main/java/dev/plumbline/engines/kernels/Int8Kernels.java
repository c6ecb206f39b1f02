package dev.plumbline.engines.kernels;

/**
 * W8A8 kernels: every linear layer runs as an int8 GEMM ({@link Int8Gemm}) on weights quantized
 * per output column when packed and activations quantized per row on each call
 * ({@link Int8Quantization}); the rest is FP32 ({@link QuantizedKernels}).
 */
public final class Int8Kernels extends QuantizedKernels {
    /** {@link #numerics()} of W8A8: per-channel symmetric s8 weights, per-row asymmetric u8 activations. */
    public static final String NUMERICS = "int8-w8a8";

    private final Int8Gemm gemm;
    private byte[] codes = new byte[0];
    private int[] zeros = new int[0];
    private float[] scales = new float[0];

    /**
     * A linear layer: its packed s8 weights and per-column scales. {@code perSequence}: weights as
     * an ONNX Runtime int8 export ships them, whose activations are quantized per tensor; they get
     * one activation scale per sequence, which is that arithmetic on a batch of one sequence (so the
     * same weights compute the same function on both engines) and still batch-invariant.
     */
    record Quantized(Int8Gemm.Packed w, float[] scale, boolean perSequence) implements PackedMatrix {
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
            return w.heapBytes() + (long) scale.length * Float.BYTES;
        }
    }

    /**
     * @param name backend name, e.g. {@code native-int8}
     * @param fp32 the full-precision kernels for everything but the linear layers; closed with this
     * @param gemm the integer GEMM; closed with this
     */
    public Int8Kernels(String name, Kernels fp32, Int8Gemm gemm) {
        super(name, fp32);
        this.gemm = gemm;
    }

    /** The integer GEMM the linear layers run on (the contract tests hold it to {@link ScalarInt8Gemm}). */
    public Int8Gemm integerGemm() {
        return gemm;
    }

    @Override
    public String numerics() {
        return NUMERICS;
    }

    @Override
    public String describe() {
        return "int8 W8A8 GEMM (" + gemm.describe() + "), the rest on " + fp32.describe();
    }

    /** The activation codes, zero points and scales of the largest call so far, plus the FP32 backend's. */
    @Override
    public long scratchBytes() {
        return codes.length + (long) zeros.length * Integer.BYTES + (long) scales.length * Float.BYTES
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

    @Override
    public PackedMatrix pack(float[] w, int k, int n) {
        KernelArgs.pack(w, k, n);
        Int8Quantization.Weights q = Int8Quantization.weights(w, k, n);
        return new Quantized(gemm.pack(q.q(), k, n), q.scale(), false);
    }

    /** The shipped codes as they are (ONNX Runtime's exports use [-64, 64]: its reduced range). */
    @Override
    public PackedMatrix packQuantized(byte[] codes, float[] scales, int k, int n) {
        if (scales.length != n || (long) k * n != codes.length) {
            throw new IllegalArgumentException("int8 weights of " + k + " x " + n + " need " + (long) k * n
                    + " codes and " + n + " scales, got " + codes.length + " and " + scales.length);
        }
        return new Quantized(gemm.pack(codes, k, n), scales.clone(), true);
    }

    @Override
    protected void multiply(float[] a, int m, PackedMatrix packed, float[] bias, float[] c, boolean gelu) {
        Quantized w = KernelArgs.own(packed, Quantized.class, name());
        KernelArgs.gemm(a, m, w, bias, c);
        int k = w.k();
        if (codes.length < m * k) {
            codes = new byte[m * k];
        }
        if (zeros.length < m) {
            zeros = new int[m];
            scales = new float[m];
        }
        if (!w.perSequence()) {
            gemm.quantizeRows(a, m, k, codes, zeros, scales);
        } else if (batchOffsets != null && sum(batchLengths) == m) {
            Int8Quantization.rowGroups(a, k, batchOffsets, batchLengths, codes, zeros, scales);
        } else {
            Int8Quantization.rowGroups(a, k, new int[] {0}, new int[] {m}, codes, zeros, scales);
        }
        gemm.multiply(codes, m, zeros, scales, w.w(), w.scale(), bias, c, gelu);
    }

    private static int sum(int[] x) {
        int s = 0;
        for (int v : x) {
            s += v;
        }
        return s;
    }
}
