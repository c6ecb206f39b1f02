package dev.plumbline.engines.train;

import dev.plumbline.engines.kernels.ReferenceMath;

/**
 * The encoder's operations and their gradients in double precision, row-major arrays, written for
 * clarity: the reference every faster backward kernel will be tested against, as
 * {@code ScalarKernels} is for the forward pass. Each {@code *Backward} takes what its forward
 * pass saw and the gradient of the loss with respect to its output, and returns (or accumulates)
 * the gradients with respect to its inputs and parameters. {@code BackwardTest} checks every one
 * against central finite differences.
 */
public final class Backward {
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private Backward() {
    }

    /** {@code y[m × n] = x[m × k] · w[k × n] + b} ({@code b} may be null). */
    public static double[] linear(double[] x, int m, int k, double[] w, double[] b, int n) {
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = b == null ? 0 : b[j];
                for (int p = 0; p < k; p++) {
                    s += x[i * k + p] * w[p * n + j];
                }
                y[i * n + j] = s;
            }
        }
        return y;
    }

    /** {@code dx = dy · wᵀ} for {@link #linear}. */
    public static double[] linearInputGrad(double[] dy, int m, int n, double[] w, int k) {
        double[] dx = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += dy[i * n + j] * w[p * n + j];
                }
                dx[i * k + p] = s;
            }
        }
        return dx;
    }

    /** {@code dw += xᵀ · dy} and, when {@code db} is not null, {@code db += Σ_rows dy}. */
    public static void linearParamGrad(double[] x, int m, int k, double[] dy, int n, double[] dw, double[] db) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double g = dy[i * n + j];
                if (db != null) {
                    db[j] += g;
                }
                for (int p = 0; p < k; p++) {
                    dw[p * n + j] += x[i * k + p] * g;
                }
            }
        }
    }

    /** Exact GELU, {@code x · Φ(x)}, element-wise. */
    public static double[] gelu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = ReferenceMath.gelu(x[i]);
        }
        return y;
    }

    /** {@code dx = dy · (Φ(x) + x · φ(x))}, the derivative of {@code x · Φ(x)}. */
    public static double[] geluBackward(double[] x, double[] dy) {
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double cdf = 0.5 * (1 + ReferenceMath.erf(x[i] * INV_SQRT2));
            double pdf = INV_SQRT_2PI * Math.exp(-0.5 * x[i] * x[i]);
            dx[i] = dy[i] * (cdf + x[i] * pdf);
        }
        return dx;
    }

    /**
     * What a LayerNorm's forward pass keeps for its backward pass.
     *
     * @param normalized {@code ẑ = (z − μ) / σ} per row, {@code z = x + residual}
     * @param inverseStd {@code 1 / σ} per row, {@code σ = √(var + ε)} with the biased variance
     */
    public record LayerNormCache(double[] normalized, double[] inverseStd) {
    }

    /** {@code y = LayerNorm(x + residual) · γ + β} row by row; {@code residual} may be null. */
    public static double[] addLayerNorm(double[] x, double[] residual, int rows, int cols, double[] gamma,
                                        double[] beta, double epsilon, LayerNormCache[] cache) {
        double[] y = new double[rows * cols];
        double[] zh = new double[rows * cols];
        double[] inv = new double[rows];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int c = 0; c < cols; c++) {
                mean += x[r * cols + c] + (residual == null ? 0 : residual[r * cols + c]);
            }
            mean /= cols;
            double var = 0;
            for (int c = 0; c < cols; c++) {
                double d = x[r * cols + c] + (residual == null ? 0 : residual[r * cols + c]) - mean;
                var += d * d;
            }
            inv[r] = 1 / Math.sqrt(var / cols + epsilon);
            for (int c = 0; c < cols; c++) {
                double z = x[r * cols + c] + (residual == null ? 0 : residual[r * cols + c]);
                zh[r * cols + c] = (z - mean) * inv[r];
                y[r * cols + c] = zh[r * cols + c] * gamma[c] + beta[c];
            }
        }
        if (cache != null) {
            cache[0] = new LayerNormCache(zh, inv);
        }
        return y;
    }

    /**
     * The gradient with respect to {@code z = x + residual} (so both {@code x} and the residual
     * receive it), with {@code dγ += Σ dy · ẑ} and {@code dβ += Σ dy} when they are not null:
     * {@code dz = (1/σ) · (ĝ − mean(ĝ) − ẑ · mean(ĝ · ẑ))} with {@code ĝ = dy · γ}.
     */
    public static double[] addLayerNormBackward(LayerNormCache cache, int rows, int cols, double[] gamma,
                                                double[] dy, double[] dGamma, double[] dBeta) {
        double[] dz = new double[rows * cols];
        double[] zh = cache.normalized();
        for (int r = 0; r < rows; r++) {
            double meanG = 0;
            double meanGz = 0;
            for (int c = 0; c < cols; c++) {
                double g = dy[r * cols + c] * gamma[c];
                meanG += g;
                meanGz += g * zh[r * cols + c];
                if (dGamma != null) {
                    dGamma[c] += dy[r * cols + c] * zh[r * cols + c];
                }
                if (dBeta != null) {
                    dBeta[c] += dy[r * cols + c];
                }
            }
            meanG /= cols;
            meanGz /= cols;
            for (int c = 0; c < cols; c++) {
                double g = dy[r * cols + c] * gamma[c];
                dz[r * cols + c] = cache.inverseStd()[r] * (g - meanG - zh[r * cols + c] * meanGz);
            }
        }
        return dz;
    }

    /**
     * Self-attention of one sequence over all heads: {@code q, k, v [len × heads·d]}, head h in
     * columns {@code [h·d, (h+1)·d)}; {@code out = softmax(q·kᵀ/√d) · v} per head. When
     * {@code probabilities} is not null it receives each head's softmax {@code [heads][len × len]}.
     */
    public static double[] attention(double[] q, double[] k, double[] v, int len, int heads, int d,
                                     double[][] probabilities) {
        int w = heads * d;
        double scale = 1 / Math.sqrt(d);
        double[] out = new double[len * w];
        for (int h = 0; h < heads; h++) {
            double[] p = new double[len * len];
            for (int i = 0; i < len; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        s += q[i * w + h * d + c] * k[j * w + h * d + c];
                    }
                    p[i * len + j] = s * scale;
                    max = Math.max(max, p[i * len + j]);
                }
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    p[i * len + j] = Math.exp(p[i * len + j] - max);
                    sum += p[i * len + j];
                }
                for (int j = 0; j < len; j++) {
                    p[i * len + j] /= sum;
                }
                for (int c = 0; c < d; c++) {
                    double s = 0;
                    for (int j = 0; j < len; j++) {
                        s += p[i * len + j] * v[j * w + h * d + c];
                    }
                    out[i * w + h * d + c] = s;
                }
            }
            if (probabilities != null) {
                probabilities[h] = p;
            }
        }
        return out;
    }

    /** The gradients of {@link #attention} with respect to q, k and v. */
    public record AttentionGrads(double[] dq, double[] dk, double[] dv) {
    }

    /**
     * {@code dV = Pᵀ·dO}, {@code dP = dO·Vᵀ}, {@code dS = P ∘ (dP − rowsum(dP ∘ P))},
     * {@code dQ = dS·K/√d}, {@code dK = dSᵀ·Q/√d}, per head.
     */
    public static AttentionGrads attentionBackward(double[] q, double[] k, double[] v, double[][] probabilities,
                                                   int len, int heads, int d, double[] dOut) {
        int w = heads * d;
        double scale = 1 / Math.sqrt(d);
        double[] dq = new double[len * w];
        double[] dk = new double[len * w];
        double[] dv = new double[len * w];
        for (int h = 0; h < heads; h++) {
            double[] p = probabilities[h];
            double[] ds = new double[len * len];
            for (int i = 0; i < len; i++) {
                double rowDot = 0;
                for (int j = 0; j < len; j++) {
                    double dp = 0;
                    for (int c = 0; c < d; c++) {
                        dp += dOut[i * w + h * d + c] * v[j * w + h * d + c];
                    }
                    ds[i * len + j] = dp;
                    rowDot += dp * p[i * len + j];
                }
                for (int j = 0; j < len; j++) {
                    ds[i * len + j] = p[i * len + j] * (ds[i * len + j] - rowDot);
                }
            }
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < len; j++) {
                    double pij = p[i * len + j];
                    double sij = ds[i * len + j] * scale;
                    for (int c = 0; c < d; c++) {
                        dv[j * w + h * d + c] += pij * dOut[i * w + h * d + c];
                        dq[i * w + h * d + c] += sij * k[j * w + h * d + c];
                        dk[j * w + h * d + c] += sij * q[i * w + h * d + c];
                    }
                }
            }
        }
        return new AttentionGrads(dq, dk, dv);
    }

    /** Mean over rows of {@code x [rows × cols]}. */
    public static double[] meanPool(double[] x, int rows, int cols) {
        double[] y = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                y[c] += x[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            y[c] /= rows;
        }
        return y;
    }

    /** {@code dx[r][c] = dy[c] / rows}. */
    public static double[] meanPoolBackward(double[] dy, int rows, int cols) {
        double[] dx = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dx[r * cols + c] = dy[c] / rows;
            }
        }
        return dx;
    }

    /** The first row ([CLS]) of {@code x}: its gradient is {@code dy} in row 0 and zero elsewhere. */
    public static double[] clsPoolBackward(double[] dy, int rows, int cols) {
        double[] dx = new double[rows * cols];
        System.arraycopy(dy, 0, dx, 0, cols);
        return dx;
    }

    /** Softmax cross-entropy of {@code logits} against class {@code label}: the loss and {@code dlogits = p − onehot}. */
    public record CrossEntropy(double loss, double[] dLogits, double[] probabilities) {
    }

    /** {@code loss = −log softmax(logits)[label]}, computed with the maximum subtracted. */
    public static CrossEntropy crossEntropy(double[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        double[] p = new double[logits.length];
        double[] d = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] - max) / sum;
            d[c] = p[c] - (c == label ? 1 : 0);
        }
        return new CrossEntropy(-(logits[label] - max - Math.log(sum)), d, p);
    }
}
