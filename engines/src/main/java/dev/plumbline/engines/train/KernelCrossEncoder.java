package dev.plumbline.engines.train;

import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@link CrossEncoder} on a kernel backend in FP32: every product with a frozen matrix (the
 * six projections of each layer forward, and their transposes for the input gradients) and every
 * attention product (scores, {@code P·V}, and the four products of its backward pass) runs on the
 * backend's GEMM; LayerNorm, GELU, softmax and the rank-r LoRA updates are plain loops. For a seed
 * it draws the same LoRA and head initialisation as the FP64 model, whose gradients it is tested
 * against with a named tolerance. Same API: {@link #parameters()}, {@link #lossAndBackward},
 * {@link #predict}, so {@link Trainer} trains either.
 */
public final class KernelCrossEncoder implements TrainableModel {
    private final Kernels kernels;
    private final BertConfig config;
    private final Pooling pooling;
    private final int classes;
    private final float[] word;
    private final float[] position;
    private final float[] tokenType;
    private final float[] embGamma;
    private final float[] embBeta;
    private final List<Layer> layers = new ArrayList<>();
    private final double[] headW;
    private final double[] headB;
    private final double[] gradHeadW;
    private final double[] gradHeadB;

    private record Layer(KernelLoraLinear query, KernelLoraLinear key, KernelLoraLinear value, KernelLoraLinear attnOut,
                         float[] attnGamma, float[] attnBeta, KernelLoraLinear inter, KernelLoraLinear out,
                         float[] outGamma, float[] outBeta) {
        List<KernelLoraLinear> adapted() {
            return List.of(query, key, value, attnOut, inter, out);
        }
    }

    private record LayerTape(KernelLoraLinear.Cache query, KernelLoraLinear.Cache key, KernelLoraLinear.Cache value,
                             float[] q, float[] k, float[] v, float[][] probabilities, KernelLoraLinear.Cache attnOut,
                             FloatOps.Norm attnNorm, KernelLoraLinear.Cache inter, float[] preGelu,
                             KernelLoraLinear.Cache out, FloatOps.Norm outNorm) {
    }

    /**
     * @param kernels the backend for the products (not closed by this model)
     * @see CrossEncoder#CrossEncoder the same parameters, the same initialisation for a seed
     */
    public KernelCrossEncoder(BertWeights weights, Kernels kernels, Pooling pooling, int classes, int rank,
                              double alpha, long seed) {
        if (pooling != Pooling.CLS && pooling != Pooling.MEAN) {
            throw new IllegalArgumentException("a cross-encoder pools CLS or MEAN, not " + pooling);
        }
        this.kernels = kernels;
        this.config = weights.config();
        this.pooling = pooling;
        this.classes = classes;
        this.word = weights.wordEmbeddings();
        this.position = weights.positionEmbeddings();
        this.tokenType = weights.tokenTypeEmbeddings();
        this.embGamma = weights.embeddingLnGamma();
        this.embBeta = weights.embeddingLnBeta();
        SplittableRandom rng = new SplittableRandom(seed);
        int h = config.hidden();
        int in = config.intermediate();
        for (BertWeights.Layer l : weights.layers()) {
            layers.add(new Layer(new KernelLoraLinear(kernels, l.queryW(), l.queryB(), h, h, rank, alpha, rng),
                    new KernelLoraLinear(kernels, l.keyW(), l.keyB(), h, h, rank, alpha, rng),
                    new KernelLoraLinear(kernels, l.valueW(), l.valueB(), h, h, rank, alpha, rng),
                    new KernelLoraLinear(kernels, l.attnOutW(), l.attnOutB(), h, h, rank, alpha, rng),
                    l.attnLnGamma(), l.attnLnBeta(),
                    new KernelLoraLinear(kernels, l.interW(), l.interB(), h, in, rank, alpha, rng),
                    new KernelLoraLinear(kernels, l.outW(), l.outB(), in, h, rank, alpha, rng),
                    l.outLnGamma(), l.outLnBeta()));
        }
        this.headW = LoraLinear.initialDown(h, classes, rng);
        this.headB = new double[classes];
        this.gradHeadW = new double[headW.length];
        this.gradHeadB = new double[classes];
    }

    @Override
    public List<double[][]> parameters() {
        List<double[][]> p = new ArrayList<>();
        for (Layer l : layers) {
            for (KernelLoraLinear a : l.adapted()) {
                p.add(new double[][] {a.a, a.gradA});
                p.add(new double[][] {a.bUp, a.gradB});
            }
        }
        p.add(new double[][] {headW, gradHeadW});
        p.add(new double[][] {headB, gradHeadB});
        return p;
    }

    /** Re-packs the LoRA arrays for the backend: after every change to {@link #parameters()}. */
    @Override
    public void parametersUpdated() {
        for (Layer l : layers) {
            l.adapted().forEach(KernelLoraLinear::refresh);
        }
    }

    @Override
    public double[] predict(int[] ids, int[] types) {
        return Backward.crossEntropy(logits(forward(ids, types, null)), 0).probabilities();
    }

    @Override
    public double lossAndBackward(int[] ids, int[] types, int label) {
        List<LayerTape> tape = new ArrayList<>();
        double[] pooled = forward(ids, types, tape);
        Backward.CrossEntropy ce = Backward.crossEntropy(logits(pooled), label);
        int h = config.hidden();
        Backward.linearParamGrad(pooled, 1, h, ce.dLogits(), classes, gradHeadW, gradHeadB);
        double[] dPooled = Backward.linearInputGrad(ce.dLogits(), 1, classes, headW, h);
        float[] dx = new float[ids.length * h];
        for (int r = 0; r < (pooling == Pooling.CLS ? 1 : ids.length); r++) {
            for (int c = 0; c < h; c++) {
                dx[r * h + c] = (float) (pooling == Pooling.CLS ? dPooled[c] : dPooled[c] / ids.length);
            }
        }
        backward(ids.length, tape, dx);
        return ce.loss();
    }

    private double[] logits(double[] pooled) {
        return Backward.linear(pooled, 1, config.hidden(), headW, headB, classes);
    }

    /** The forward pass up to the pooled vector (FP64 for the head). */
    private double[] forward(int[] ids, int[] types, List<LayerTape> tape) {
        int len = ids.length;
        int h = config.hidden();
        int heads = config.heads();
        int d = h / heads;
        float eps = config.layerNormEpsilon();
        if (len < 1 || len > config.maxPositions() || types.length != len) {
            throw new IllegalArgumentException("sequence of " + len + " tokens (" + types.length
                    + " types); the model takes 1.." + config.maxPositions());
        }
        float[] x = new float[len * h];
        for (int t = 0; t < len; t++) {
            for (int c = 0; c < h; c++) {
                x[t * h + c] = word[ids[t] * h + c] + position[t * h + c] + tokenType[types[t] * h + c];
            }
        }
        float[] y = new float[len * h];
        FloatOps.addLayerNorm(x, null, len, h, embGamma, embBeta, eps, y);
        x = y;
        float scale = (float) (1 / Math.sqrt(d));
        for (Layer l : layers) {
            KernelLoraLinear.Cache[] cq = new KernelLoraLinear.Cache[1];
            KernelLoraLinear.Cache[] ck = new KernelLoraLinear.Cache[1];
            KernelLoraLinear.Cache[] cv = new KernelLoraLinear.Cache[1];
            float[] q = l.query.forward(x, len, cq);
            float[] k = l.key.forward(x, len, ck);
            float[] v = l.value.forward(x, len, cv);
            float[][] probs = new float[heads][];
            float[] ctx = new float[len * h];
            for (int hd = 0; hd < heads; hd++) {
                float[] qh = FloatOps.columns(q, len, h, hd * d, d);
                float[] kh = FloatOps.columns(k, len, h, hd * d, d);
                float[] vh = FloatOps.columns(v, len, h, hd * d, d);
                float[] s = new float[len * len];
                kernels.gemm(qh, len, kernels.pack(FloatOps.transpose(kh, len, d), d, len), null, s);
                softmaxRows(s, len, scale);
                probs[hd] = s;
                float[] oh = new float[len * d];
                kernels.gemm(s, len, kernels.pack(vh, len, d), null, oh);
                FloatOps.setColumns(ctx, len, h, hd * d, d, oh);
            }
            KernelLoraLinear.Cache[] co = new KernelLoraLinear.Cache[1];
            float[] o = l.attnOut.forward(ctx, len, co);
            float[] h1 = new float[len * h];
            FloatOps.Norm n1 = FloatOps.addLayerNorm(o, x, len, h, l.attnGamma, l.attnBeta, eps, h1);
            KernelLoraLinear.Cache[] ci = new KernelLoraLinear.Cache[1];
            float[] u = l.inter.forward(h1, len, ci);
            float[] f = u.clone();
            kernels.gelu(f, f.length);
            KernelLoraLinear.Cache[] cf = new KernelLoraLinear.Cache[1];
            float[] g = l.out.forward(f, len, cf);
            float[] next = new float[len * h];
            FloatOps.Norm n2 = FloatOps.addLayerNorm(g, h1, len, h, l.outGamma, l.outBeta, eps, next);
            if (tape != null) {
                tape.add(new LayerTape(cq[0], ck[0], cv[0], q, k, v, probs, co[0], n1, ci[0], u, cf[0], n2));
            }
            x = next;
        }
        double[] pooled = new double[h];
        for (int r = 0; r < (pooling == Pooling.CLS ? 1 : len); r++) {
            for (int c = 0; c < h; c++) {
                pooled[c] += x[r * h + c];
            }
        }
        if (pooling == Pooling.MEAN) {
            for (int c = 0; c < h; c++) {
                pooled[c] /= len;
            }
        }
        return pooled;
    }

    /** Row-wise {@code softmax(scale · s)} in place. */
    private static void softmaxRows(float[] s, int len, float scale) {
        for (int i = 0; i < len; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                max = Math.max(max, s[i * len + j] * scale);
            }
            double sum = 0;
            for (int j = 0; j < len; j++) {
                float e = (float) Math.exp(s[i * len + j] * scale - max);
                s[i * len + j] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int j = 0; j < len; j++) {
                s[i * len + j] *= inv;
            }
        }
    }

    private void backward(int len, List<LayerTape> tape, float[] dx) {
        int h = config.hidden();
        int heads = config.heads();
        int d = h / heads;
        float scale = (float) (1 / Math.sqrt(d));
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            LayerTape s = tape.get(i);
            float[] dz2 = FloatOps.addLayerNormBackward(s.outNorm(), len, h, l.outGamma, dx);
            float[] du = l.out.backward(s.out(), dz2);
            FloatOps.geluBackward(s.preGelu(), du, du.length);
            float[] dh1 = l.inter.backward(s.inter(), du);
            for (int j = 0; j < dh1.length; j++) {
                dh1[j] += dz2[j];
            }
            float[] dz1 = FloatOps.addLayerNormBackward(s.attnNorm(), len, h, l.attnGamma, dh1);
            float[] dctx = l.attnOut.backward(s.attnOut(), dz1);
            float[] dq = new float[len * h];
            float[] dk = new float[len * h];
            float[] dv = new float[len * h];
            for (int hd = 0; hd < heads; hd++) {
                float[] p = s.probabilities()[hd];
                float[] doh = FloatOps.columns(dctx, len, h, hd * d, d);
                float[] qh = FloatOps.columns(s.q(), len, h, hd * d, d);
                float[] kh = FloatOps.columns(s.k(), len, h, hd * d, d);
                float[] vh = FloatOps.columns(s.v(), len, h, hd * d, d);
                // dV = Pᵀ·dO; dP = dO·Vᵀ; dS = P ∘ (dP − rowsum(dP ∘ P)), scaled; dQ = dS·K; dK = dSᵀ·Q.
                float[] dvh = new float[len * d];
                kernels.gemm(FloatOps.transpose(p, len, len), len, kernels.pack(doh, len, d), null, dvh);
                float[] dp = new float[len * len];
                kernels.gemm(doh, len, kernels.pack(FloatOps.transpose(vh, len, d), d, len), null, dp);
                for (int r = 0; r < len; r++) {
                    double dot = 0;
                    for (int c = 0; c < len; c++) {
                        dot += dp[r * len + c] * p[r * len + c];
                    }
                    for (int c = 0; c < len; c++) {
                        dp[r * len + c] = (float) (p[r * len + c] * (dp[r * len + c] - dot)) * scale;
                    }
                }
                float[] dqh = new float[len * d];
                kernels.gemm(dp, len, kernels.pack(kh, len, d), null, dqh);
                float[] dkh = new float[len * d];
                kernels.gemm(FloatOps.transpose(dp, len, len), len, kernels.pack(qh, len, d), null, dkh);
                FloatOps.setColumns(dq, len, h, hd * d, d, dqh);
                FloatOps.setColumns(dk, len, h, hd * d, d, dkh);
                FloatOps.setColumns(dv, len, h, hd * d, d, dvh);
            }
            float[] dIn = l.query.backward(s.query(), dq);
            float[] fromK = l.key.backward(s.key(), dk);
            float[] fromV = l.value.backward(s.value(), dv);
            for (int j = 0; j < dIn.length; j++) {
                dIn[j] += fromK[j] + fromV[j] + dz1[j];
            }
            dx = dIn;
        }
    }
}
