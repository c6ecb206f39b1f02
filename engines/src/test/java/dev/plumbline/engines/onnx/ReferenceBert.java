package dev.plumbline.engines.onnx;

import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;

/**
 * A plain scalar BERT forward pass in {@code double}, written straight from the BERT paper's
 * definitions, as the oracle for the weight mapping: if {@link BertOnnxMapper} put any tensor in
 * the wrong place, this disagrees with ONNX Runtime running the same file.
 */
final class ReferenceBert {
    private ReferenceBert() {
    }

    /** Last hidden states {@code [tokens][hidden]} of one unpadded sequence (token type 0). */
    static double[][] forward(BertWeights w, int[] ids) {
        BertConfig c = w.config();
        int n = ids.length;
        int h = c.hidden();
        double[][] x = new double[n][h];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < h; j++) {
                x[t][j] = (double) w.wordEmbeddings()[ids[t] * h + j] + w.positionEmbeddings()[t * h + j]
                        + w.tokenTypeEmbeddings()[j];
            }
        }
        layerNorm(x, w.embeddingLnGamma(), w.embeddingLnBeta(), c.layerNormEpsilon());
        for (BertWeights.Layer l : w.layers()) {
            double[][] q = linear(x, l.queryW(), l.queryB());
            double[][] k = linear(x, l.keyW(), l.keyB());
            double[][] v = linear(x, l.valueW(), l.valueB());
            double[][] context = attention(q, k, v, c.heads());
            double[][] attnOut = linear(context, l.attnOutW(), l.attnOutB());
            add(attnOut, x);
            layerNorm(attnOut, l.attnLnGamma(), l.attnLnBeta(), c.layerNormEpsilon());
            double[][] up = linear(attnOut, l.interW(), l.interB());
            for (double[] row : up) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = row[j] * 0.5 * (1 + erf(row[j] / Math.sqrt(2)));
                }
            }
            double[][] down = linear(up, l.outW(), l.outB());
            add(down, attnOut);
            layerNorm(down, l.outLnGamma(), l.outLnBeta(), c.layerNormEpsilon());
            x = down;
        }
        return x;
    }

    private static double[][] attention(double[][] q, double[][] k, double[][] v, int heads) {
        int n = q.length;
        int h = q[0].length;
        int d = h / heads;
        double[][] out = new double[n][h];
        for (int head = 0; head < heads; head++) {
            int off = head * d;
            for (int t = 0; t < n; t++) {
                double[] p = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < n; s++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += q[t][off + j] * k[s][off + j];
                    }
                    p[s] = dot / Math.sqrt(d);
                    max = Math.max(max, p[s]);
                }
                double sum = 0;
                for (int s = 0; s < n; s++) {
                    p[s] = Math.exp(p[s] - max);
                    sum += p[s];
                }
                for (int s = 0; s < n; s++) {
                    for (int j = 0; j < d; j++) {
                        out[t][off + j] += p[s] / sum * v[s][off + j];
                    }
                }
            }
        }
        return out;
    }

    /** {@code x · W + b} with W stored {@code [in × out]}. */
    private static double[][] linear(double[][] x, float[] w, float[] b) {
        int in = x[0].length;
        int out = b.length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                y[t][o] = b[o];
            }
            for (int i = 0; i < in; i++) {
                double xi = x[t][i];
                int row = i * out;
                for (int o = 0; o < out; o++) {
                    y[t][o] += xi * w[row + o];
                }
            }
        }
        return y;
    }

    private static void add(double[][] x, double[][] residual) {
        for (int t = 0; t < x.length; t++) {
            for (int j = 0; j < x[t].length; j++) {
                x[t][j] += residual[t][j];
            }
        }
    }

    private static void layerNorm(double[][] x, float[] gamma, float[] beta, double eps) {
        for (double[] row : x) {
            double mean = 0;
            for (double v : row) {
                mean += v;
            }
            mean /= row.length;
            double var = 0;
            for (double v : row) {
                var += (v - mean) * (v - mean);
            }
            var /= row.length;
            double inv = 1 / Math.sqrt(var + eps);
            for (int j = 0; j < row.length; j++) {
                row[j] = (row[j] - mean) * inv * gamma[j] + beta[j];
            }
        }
    }

    /** The error function to about 1e-15: Maclaurin series near 0, continued fraction for erfc beyond. */
    static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 2.5) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(a) = exp(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + …))))), evaluated bottom-up.
            double f = a;
            for (int k = 60; k >= 1; k--) {
                f = a + (k / 2.0) / f;
            }
            r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
