package dev.plumbline.engines.train;

import dev.plumbline.engines.kernels.Kernels;

import java.util.SplittableRandom;

/**
 * {@link LoraLinear} on a kernel backend in FP32: the frozen {@code W} is packed twice, as
 * {@code W} for the forward product and as {@code Wᵀ} for the input gradient {@code dy·Wᵀ}, so both
 * big products run on the backend's GEMM, as do the rank-r update and its gradients.
 * Trainable arrays stay FP64 (the optimizer's), packed in FP32 by {@link #refresh()} before use.
 */
final class KernelLoraLinear {
    private final Kernels kernels;
    private final int k;
    private final int n;
    private final int rank;
    private final float scale;
    private final Kernels.PackedMatrix w;
    private final Kernels.PackedMatrix wt;
    private final float[] bias;
    final double[] a;
    final double[] bUp;
    final double[] gradA;
    final double[] gradB;
    /** {@code A}, {@code B} and their transposes, packed in FP32 by {@link #refresh()}. */
    private Kernels.PackedMatrix down;
    private Kernels.PackedMatrix up;
    private Kernels.PackedMatrix downT;
    private Kernels.PackedMatrix upT;

    /** What the backward pass needs: the input and its down-projection. */
    record Cache(float[] x, float[] xa, int m) {
    }

    KernelLoraLinear(Kernels kernels, float[] w, float[] bias, int k, int n, int rank, double alpha,
                     SplittableRandom rng) {
        this.kernels = kernels;
        this.k = k;
        this.n = n;
        this.rank = rank;
        this.scale = (float) (alpha / rank);
        this.w = kernels.pack(w, k, n);
        this.wt = kernels.pack(FloatOps.transpose(w, k, n), n, k);
        this.bias = bias;
        this.a = LoraLinear.initialDown(k, rank, rng);
        this.bUp = new double[rank * n];
        this.gradA = new double[a.length];
        this.gradB = new double[bUp.length];
        refresh();
    }

    /**
     * Packs the trainable FP64 arrays, in FP32, for the four small products: {@code A}, {@code B}
     * and their transposes (once per optimizer step, not per example).
     */
    void refresh() {
        float[] af = FloatOps.toFloat(a);
        float[] bf = FloatOps.toFloat(bUp);
        down = kernels.pack(af, k, rank);
        up = kernels.pack(bf, rank, n);
        downT = kernels.pack(FloatOps.transpose(af, k, rank), rank, k);
        upT = kernels.pack(FloatOps.transpose(bf, rank, n), n, rank);
    }

    // Every product, the rank-r ones included, runs on the backend's GEMM: as plain loops the
    // rank-8 updates took 40% of a training step (the JIT vectorizes no float reduction).

    float[] forward(float[] x, int m, Cache[] cache) {
        float[] y = new float[m * n];
        kernels.gemm(x, m, w, bias, y);
        float[] xa = new float[m * rank];
        kernels.gemm(x, m, down, null, xa);
        float[] scaled = xa.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= scale;
        }
        float[] update = new float[m * n];
        kernels.gemm(scaled, m, up, null, update);
        for (int i = 0; i < y.length; i++) {
            y[i] += update[i];
        }
        if (cache != null) {
            cache[0] = new Cache(x, xa, m);
        }
        return y;
    }

    float[] backward(Cache c, float[] dy) {
        int m = c.m();
        // dB = (α/r)·(x·A)ᵀ·dy;  dxa = (α/r)·dy·Bᵀ;  dA = xᵀ·dxa;  dx = dy·Wᵀ + dxa·Aᵀ.
        Kernels.PackedMatrix dyPacked = kernels.pack(dy, m, n);
        float[] gb = new float[rank * n];
        kernels.gemm(FloatOps.transpose(c.xa(), m, rank), rank, dyPacked, null, gb);
        float[] dxa = new float[m * rank];
        kernels.gemm(dy, m, upT, null, dxa);
        for (int i = 0; i < dxa.length; i++) {
            dxa[i] *= scale;
        }
        float[] ga = new float[k * rank];
        kernels.gemm(FloatOps.transpose(c.x(), m, k), k, kernels.pack(dxa, m, rank), null, ga);
        float[] dx = new float[m * k];
        kernels.gemm(dy, m, wt, null, dx);
        float[] fromA = new float[m * k];
        kernels.gemm(dxa, m, downT, null, fromA);
        for (int i = 0; i < dx.length; i++) {
            dx[i] += fromA[i];
        }
        for (int i = 0; i < gb.length; i++) {
            gradB[i] += scale * gb[i];
        }
        for (int i = 0; i < ga.length; i++) {
            gradA[i] += ga[i];
        }
        return dx;
    }
}
