package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.L;
import static dev.plumbline.engines.kernels.SimdTiles.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Java Vector API backend ({@code simd}): register-tiled, cache-blocked GEMM over packed
 * weight panels, fused per-head attention, vectorized layer norm and exact GELU, on its own
 * {@link WorkerPool}. Construct it through {@link KernelBackends#create}, which first checks that
 * {@code jdk.incubator.vector} is readable.
 */
final class SimdKernels implements Kernels {
    /** Below this many multiply-adds a GEMM runs on the calling thread: forking costs more. */
    private static final long PARALLEL_GEMM_MIN_FMAS = 1L << 18;
    /** Below this many elements GELU runs on the calling thread (~20 µs of work). */
    private static final int PARALLEL_GELU_MIN = 1 << 15;
    /** Below this many elements layer norm runs on the calling thread (~30 µs of work; 8× cheaper than GELU). */
    private static final int PARALLEL_LAYER_NORM_MIN = 1 << 17;

    private final WorkerPool pool;

    SimdKernels(int threads) {
        this.pool = new WorkerPool(threads, "plumbline-simd");
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public PackedMatrix pack(float[] w, int k, int n) {
        KernelArgs.pack(w, k, n);
        return SimdGemm.pack(w, k, n);
    }

    @Override
    public void gemm(float[] a, int m, PackedMatrix packed, float[] bias, float[] c) {
        gemm(a, m, packed, bias, c, false);
    }

    /** Fused: GELU runs on each output tile right after its last accumulation, while it is in L1. */
    @Override
    public void gemmGelu(float[] a, int m, PackedMatrix packed, float[] bias, float[] c) {
        gemm(a, m, packed, bias, c, true);
    }

    private void gemm(float[] a, int m, PackedMatrix packed, float[] bias, float[] c, boolean gelu) {
        SimdGemm.Packed w = KernelArgs.own(packed, SimdGemm.Packed.class, name());
        KernelArgs.gemm(a, m, w, bias, c);
        if ((long) m * w.k() * w.n() < PARALLEL_GEMM_MIN_FMAS) {
            SimdGemm.compute(a, w, bias, c, 0, m, 0, w.panels(), gelu);
        } else {
            SimdGemm.gemm(pool, a, m, w, bias, c, gelu);
        }
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        KernelArgs.attention(q, k, v, offsets, lengths, heads, headDim, out);
        SimdAttention.attention(pool, q, k, v, offsets, lengths, heads, headDim, out);
    }

    @Override
    public void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        KernelArgs.addLayerNorm(x, residual, rows, cols, gamma, beta, epsilon);
        if ((long) rows * cols < PARALLEL_LAYER_NORM_MIN || pool.threads() == 1) {
            SimdLayerNorm.rows(x, residual, 0, rows, cols, gamma, beta, epsilon);
            return;
        }
        int threads = pool.threads();
        pool.run(part -> SimdLayerNorm.rows(x, residual, rows * part / threads, rows * (part + 1) / threads,
                cols, gamma, beta, epsilon));
    }

    @Override
    public void gelu(float[] x, int n) {
        KernelArgs.gelu(x, n);
        if (n < PARALLEL_GELU_MIN || pool.threads() == 1) {
            geluRange(x, 0, n);
            return;
        }
        int threads = pool.threads();
        int vectors = (n + L - 1) / L;
        pool.run(part -> geluRange(x, (int) ((long) vectors * part / threads) * L,
                Math.min(n, (int) ((long) vectors * (part + 1) / threads) * L)));
    }

    /** GELU in place on {@code x[from, to)}. */
    static void geluRange(float[] x, int from, int to) {
        int i = from;
        // One GELU per step on purpose: a second copy in this loop exceeds C2's inlining node
        // budget, the copies become calls, and boxing makes it slower (measured 0.67 → 0.85 ns).
        for (int end = from + ((to - from) & -L); i < end; i += L) {
            SimdMath.gelu(FloatVector.fromArray(S, x, i)).intoArray(x, i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            SimdMath.gelu(FloatVector.fromArray(S, x, i, m)).intoArray(x, i, m);
        }
    }

    /** The worker threads, shared with the int8 GEMM of {@code simd-int8}. */
    WorkerPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
