package dev.plumbline.engines.train;

/**
 * FP32 forms of the backward operations {@link Backward} defines in FP64, for the kernel-backed
 * trainer: the same formulas, float storage, double accumulation where a sum runs over a row.
 */
final class FloatOps {
    private static final float INV_SQRT2 = 0.70710678f;
    private static final float INV_SQRT_2PI = 0.39894228f;

    private FloatOps() {
    }

    /** erf to about 1.5e-7 (Abramowitz &amp; Stegun 7.1.26): enough for a gradient, and cheap. */
    static float erf(float x) {
        float ax = Math.abs(x);
        float t = 1f / (1f + 0.3275911f * ax);
        float y = 1f - (((((1.061405429f * t - 1.453152027f) * t) + 1.421413741f) * t - 0.284496736f) * t
                + 0.254829592f) * t * (float) Math.exp(-ax * ax);
        return Math.copySign(y, x);
    }

    /** {@code dx = dy · (Φ(u) + u·φ(u))} in place of {@code dy}. */
    static void geluBackward(float[] u, float[] dy, int n) {
        for (int i = 0; i < n; i++) {
            float cdf = 0.5f * (1 + erf(u[i] * INV_SQRT2));
            float pdf = INV_SQRT_2PI * (float) Math.exp(-0.5f * u[i] * u[i]);
            dy[i] *= cdf + u[i] * pdf;
        }
    }

    /** LayerNorm's saved state: {@code ẑ} per element and {@code 1/σ} per row. */
    record Norm(float[] normalized, float[] inverseStd) {
    }

    /** {@code y = LayerNorm(x + residual)·γ + β}, returning the state its backward pass needs. */
    static Norm addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta, float eps,
                             float[] y) {
        float[] zh = new float[rows * cols];
        float[] inv = new float[rows];
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
            inv[r] = (float) (1 / Math.sqrt(var / cols + eps));
            for (int c = 0; c < cols; c++) {
                double z = x[r * cols + c] + (residual == null ? 0 : residual[r * cols + c]);
                zh[r * cols + c] = (float) ((z - mean) * inv[r]);
                y[r * cols + c] = zh[r * cols + c] * gamma[c] + beta[c];
            }
        }
        return new Norm(zh, inv);
    }

    /** The gradient with respect to {@code x + residual} ({@link Backward#addLayerNormBackward} in FP32). */
    static float[] addLayerNormBackward(Norm n, int rows, int cols, float[] gamma, float[] dy) {
        float[] dz = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double meanG = 0;
            double meanGz = 0;
            for (int c = 0; c < cols; c++) {
                double g = dy[r * cols + c] * gamma[c];
                meanG += g;
                meanGz += g * n.normalized()[r * cols + c];
            }
            meanG /= cols;
            meanGz /= cols;
            for (int c = 0; c < cols; c++) {
                double g = dy[r * cols + c] * gamma[c];
                dz[r * cols + c] = (float) (n.inverseStd()[r] * (g - meanG - n.normalized()[r * cols + c] * meanGz));
            }
        }
        return dz;
    }

    /** {@code x[rows × cols]} transposed. */
    static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    /** Columns {@code [col, col + width)} of {@code x [rows × stride]} as a contiguous {@code rows × width}. */
    static float[] columns(float[] x, int rows, int stride, int col, int width) {
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * stride + col, out, r * width, width);
        }
        return out;
    }

    /** Writes {@code part [rows × width]} into columns {@code [col, col + width)} of {@code x}. */
    static void setColumns(float[] x, int rows, int stride, int col, int width, float[] part) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(part, r * width, x, r * stride + col, width);
        }
    }

    static float[] toFloat(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }
}
