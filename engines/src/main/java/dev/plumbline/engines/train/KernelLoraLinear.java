package dev.plumbline.engines.train;

import dev.plumbline.engines.kernels.Kernels;

import java.util.SplittableRandom;

/**
 * {@link LoraLinear} on a kernel backend in FP32: the frozen {@code W} is packed twice, as
 * {@code W} for the forward product and as {@code Wᵀ} for the input gradient {@code dy·Wᵀ}, so both
 * big products run on the backend's GEMM; the rank-r update and its gradients are small loops.
 * Trainable arrays stay FP64 (the optimizer's), copied to FP32 by {@link #refresh()} before use.
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
    private float[] af;
    private float[] bf;

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

    /** Copies the trainable FP64 arrays to the FP32 ones the products use. */
    void refresh() {
        af = FloatOps.toFloat(a);
        bf = FloatOps.toFloat(bUp);
    }

    float[] forward(float[] x, int m, Cache[] cache) {
        float[] y = new float[m * n];
        kernels.gemm(x, m, w, bias, y);
        float[] xa = new float[m * rank];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float xv = x[i * k + p];
                for (int r = 0; r < rank; r++) {
                    xa[i * rank + r] += xv * af[p * rank + r];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < rank; r++) {
                float v = scale * xa[i * rank + r];
                for (int j = 0; j < n; j++) {
                    y[i * n + j] += v * bf[r * n + j];
                }
            }
        }
        if (cache != null) {
            cache[0] = new Cache(x, xa, m);
        }
        return y;
    }

    float[] backward(Cache c, float[] dy) {
        int m = c.m();
        float[] dxa = new float[m * rank];
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < rank; r++) {
                double s = 0;
                float xa = c.xa()[i * rank + r];
                for (int j = 0; j < n; j++) {
                    float g = dy[i * n + j];
                    gradB[r * n + j] += scale * xa * g;
                    s += g * bf[r * n + j];
                }
                dxa[i * rank + r] = (float) (scale * s);
            }
        }
        float[] dx = new float[m * k];
        kernels.gemm(dy, m, wt, null, dx);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float xv = c.x()[i * k + p];
                double s = 0;
                for (int r = 0; r < rank; r++) {
                    float g = dxa[i * rank + r];
                    gradA[p * rank + r] += xv * g;
                    s += g * af[p * rank + r];
                }
                dx[i * k + p] += (float) s;
            }
        }
        return dx;
    }
}
