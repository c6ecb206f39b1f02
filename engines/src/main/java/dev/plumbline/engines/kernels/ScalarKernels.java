package dev.plumbline.engines.kernels;

/**
 * The readable oracle: every kernel as a direct transcription of its definition, single-threaded,
 * accumulating in double. Fast backends are tested against it; it is not meant to be fast.
 */
public final class ScalarKernels implements Kernels {
    /** Creates the backend; it has no threads and nothing to release. */
    public ScalarKernels() {
    }

    /** A weight matrix kept as given ({@code [k × n]}, row-major). */
    record Plain(int k, int n, float[] w) implements PackedMatrix {
        @Override
        public long heapBytes() {
            return (long) w.length * Float.BYTES;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public PackedMatrix pack(float[] w, int k, int n) {
        KernelArgs.pack(w, k, n);
        return new Plain(k, n, java.util.Arrays.copyOf(w, k * n));
    }

    @Override
    public void gemm(float[] a, int m, PackedMatrix packed, float[] bias, float[] c) {
        Plain w = KernelArgs.own(packed, Plain.class, name());
        KernelArgs.gemm(a, m, w, bias, c);
        int k = w.k();
        int n = w.n();
        double[] acc = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    acc[j] += aip * w.w()[p * n + j];
                }
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] = (float) (acc[j] + (bias == null ? 0 : bias[j]));
            }
        }
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        KernelArgs.attention(q, k, v, offsets, lengths, heads, headDim, out);
        int hd = heads * headDim;
        double scale = 1.0 / Math.sqrt(headDim);
        for (int s = 0; s < offsets.length; s++) {
            int base = offsets[s];
            int len = lengths[s];
            for (int h = 0; h < heads; h++) {
                int col = h * headDim;
                for (int i = 0; i < len; i++) {
                    double[] p = new double[len];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < len; j++) {
                        double dot = 0;
                        for (int c = 0; c < headDim; c++) {
                            dot += (double) q[(base + i) * hd + col + c] * k[(base + j) * hd + col + c];
                        }
                        p[j] = dot * scale;
                        max = Math.max(max, p[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < len; j++) {
                        p[j] = Math.exp(p[j] - max);
                        sum += p[j];
                    }
                    for (int c = 0; c < headDim; c++) {
                        double o = 0;
                        for (int j = 0; j < len; j++) {
                            o += p[j] * v[(base + j) * hd + col + c];
                        }
                        out[(base + i) * hd + col + c] = (float) (o / sum);
                    }
                }
            }
        }
    }

    @Override
    public void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        KernelArgs.addLayerNorm(x, residual, rows, cols, gamma, beta, epsilon);
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                // Rounded to float, as the simd backend stores it: both normalise the same input.
                float sum = x[off + j] + (residual == null ? 0f : residual[off + j]);
                row[j] = sum;
                mean += sum;
            }
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            var /= cols;
            double inv = 1 / Math.sqrt(var + epsilon);
            for (int j = 0; j < cols; j++) {
                x[off + j] = (float) ((row[j] - mean) * inv * gamma[j] + beta[j]);
            }
        }
    }

    @Override
    public void gelu(float[] x, int n) {
        KernelArgs.gelu(x, n);
        for (int i = 0; i < n; i++) {
            x[i] = (float) ReferenceMath.gelu(x[i]);
        }
    }

    @Override
    public void close() {
        // No threads, nothing to release.
    }
}
