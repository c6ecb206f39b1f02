package dev.plumbline.engines.train;

import java.util.SplittableRandom;

/**
 * A frozen linear layer with a trainable low-rank update (LoRA, Hu et al. 2021):
 * {@code y = x·W + b + (α/r)·(x·A)·B} with {@code W [k × n]} and {@code b} frozen,
 * {@code A [k × r]} initialised Gaussian ({@code σ = 1/√k}) and {@code B [r × n]} zero, so training
 * starts from the base model exactly. Only {@code A} and {@code B} receive gradients.
 */
public final class LoraLinear {
    private final int k;
    private final int n;
    private final int rank;
    private final double scale;
    private final double[] w;
    private final double[] b;
    /** Trainable {@code A [k × rank]}. */
    final double[] a;
    /** Trainable {@code B [rank × n]}. */
    final double[] bUp;
    /** Gradients of {@link #a} and {@link #bUp}, accumulated until {@link #zeroGrad()}. */
    final double[] gradA;
    final double[] gradB;

    /**
     * @param w     frozen {@code [k × n]} weights (not copied)
     * @param b     frozen bias {@code [n]}, or null
     * @param rank  r ≥ 1
     * @param alpha the LoRA scale numerator: updates are multiplied by {@code alpha / rank}
     * @param rng   draws {@code A}
     */
    public LoraLinear(double[] w, double[] b, int k, int n, int rank, double alpha, SplittableRandom rng) {
        if (k < 1 || n < 1 || rank < 1 || (long) k * n != w.length || (b != null && b.length != n)) {
            throw new IllegalArgumentException("LoRA layer " + k + " x " + n + " rank " + rank + ": weights of "
                    + w.length + " and bias of " + (b == null ? "none" : b.length) + " do not fit");
        }
        this.k = k;
        this.n = n;
        this.rank = rank;
        this.scale = alpha / rank;
        this.w = w;
        this.b = b;
        this.a = initialDown(k, rank, rng);
        this.bUp = new double[rank * n];
        this.gradA = new double[a.length];
        this.gradB = new double[bUp.length];
    }

    /**
     * LoRA's initial down-projection {@code A [k × rank]}: Gaussian with {@code σ = 1/√k}, drawn
     * from {@code rng} in row-major order (every trainer draws the same {@code A} for a seed).
     */
    static double[] initialDown(int k, int rank, SplittableRandom rng) {
        double[] a = new double[k * rank];
        double sigma = 1 / Math.sqrt(k);
        for (int i = 0; i < a.length; i++) {
            a[i] = nextGaussian(rng) * sigma;
        }
        return a;
    }

    /** Box–Muller from a SplittableRandom (its own sequence, fixed across JDKs, unlike Random's). */
    static double nextGaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Input columns. */
    public int k() {
        return k;
    }

    /** Output columns. */
    public int n() {
        return n;
    }

    /** What {@link #backward} needs from the forward pass: the input and its down-projection. */
    public record Cache(double[] x, double[] xa, int m) {
    }

    /** {@code y = x·W + b + (α/r)·(x·A)·B} for {@code x [m × k]}. */
    public double[] forward(double[] x, int m, Cache[] cache) {
        double[] y = Backward.linear(x, m, k, w, b, n);
        double[] xa = Backward.linear(x, m, k, a, null, rank);
        double[] up = Backward.linear(xa, m, rank, bUp, null, n);
        for (int i = 0; i < y.length; i++) {
            y[i] += scale * up[i];
        }
        if (cache != null) {
            cache[0] = new Cache(x, xa, m);
        }
        return y;
    }

    /**
     * Accumulates {@code dB += (α/r)·(x·A)ᵀ·dy} and {@code dA += (α/r)·xᵀ·(dy·Bᵀ)}; returns
     * {@code dx = dy·Wᵀ + (α/r)·(dy·Bᵀ)·Aᵀ}.
     */
    public double[] backward(Cache c, double[] dy) {
        int m = c.m();
        double[] scaled = new double[dy.length];
        for (int i = 0; i < dy.length; i++) {
            scaled[i] = scale * dy[i];
        }
        Backward.linearParamGrad(c.xa(), m, rank, scaled, n, gradB, null);
        double[] dxa = Backward.linearInputGrad(scaled, m, n, bUp, rank);
        Backward.linearParamGrad(c.x(), m, k, dxa, rank, gradA, null);
        double[] dx = Backward.linearInputGrad(dy, m, n, w, k);
        double[] fromA = Backward.linearInputGrad(dxa, m, rank, a, k);
        for (int i = 0; i < dx.length; i++) {
            dx[i] += fromA[i];
        }
        return dx;
    }

    /** Clears the accumulated gradients. */
    public void zeroGrad() {
        java.util.Arrays.fill(gradA, 0);
        java.util.Arrays.fill(gradB, 0);
    }
}
