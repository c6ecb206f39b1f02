package dev.plumbline.ffm;

/** The textbook attention in double precision, with an optional causal mask: the oracle of the C kernels. */
final class AttentionReference {
    private AttentionReference() {
    }

    /** {@code out = softmax(q·kᵀ/√d) · v} per head over {@code [len × heads·headDim]} row-major inputs. */
    static double[] attention(float[] q, float[] k, float[] v, int len, int heads, int headDim, boolean causal) {
        int stride = heads * headDim;
        double scale = 1 / Math.sqrt(headDim);
        double[] out = new double[len * stride];
        double[] p = new double[len];
        for (int h = 0; h < heads; h++) {
            int col = h * headDim;
            for (int i = 0; i < len; i++) {
                int keys = causal ? i + 1 : len;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    double dot = 0;
                    for (int c = 0; c < headDim; c++) {
                        dot += (double) q[i * stride + col + c] * k[j * stride + col + c];
                    }
                    p[j] = dot * scale;
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < keys; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int c = 0; c < headDim; c++) {
                    double o = 0;
                    for (int j = 0; j < keys; j++) {
                        o += p[j] * v[j * stride + col + c];
                    }
                    out[i * stride + col + c] = o / sum;
                }
            }
        }
        return out;
    }

    /** Largest |got − want| over the largest |want|: the relative error the issue bounds. */
    static double relativeError(float[] got, double[] want) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < want.length; i++) {
            err = Math.max(err, Math.abs(got[i] - want[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return err / scale;
    }
}
