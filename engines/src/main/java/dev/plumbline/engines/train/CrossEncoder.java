package dev.plumbline.engines.train;

import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A BERT cross-encoder for classification, trained with LoRA: the base weights frozen (as
 * {@code BertEncoder} runs them), a {@link LoraLinear} update on every attention projection (query,
 * key, value, output) and both feed-forward matrices of every layer, and a trainable head
 * {@code logits = pool(h)·W + b} over {@code classes} classes. Input is one token sequence with its
 * token types ({@code [CLS] claim [SEP] context [SEP]}, types 0 then 1). FP64, one sequence per
 * call: {@link #lossAndBackward} runs the forward pass, keeps what the backward pass needs, and
 * accumulates the gradients of every trainable array.
 */
public final class CrossEncoder implements TrainableModel {
    private final BertConfig config;
    private final Pooling pooling;
    private final int classes;
    private final double[] word;
    private final double[] position;
    private final double[] tokenType;
    private final double[] embGamma;
    private final double[] embBeta;
    private final List<Layer> layers = new ArrayList<>();
    /** Trainable head {@code [hidden × classes]} and its bias, with their gradients. */
    final double[] headW;
    final double[] headB;
    final double[] gradHeadW;
    final double[] gradHeadB;

    /** What one layer's forward pass keeps for its backward pass. */
    private record LayerTape(LoraLinear.Cache query, LoraLinear.Cache key, LoraLinear.Cache value, double[] q,
                             double[] k, double[] v, double[][] probabilities, LoraLinear.Cache attnOut,
                             Backward.LayerNormCache attnNorm, LoraLinear.Cache inter, double[] preGelu,
                             LoraLinear.Cache out, Backward.LayerNormCache outNorm) {
    }

    /** The forward pass's record: one tape per layer, then the pooled vector. */
    private static final class Tape {
        final List<LayerTape> layers = new ArrayList<>();
        double[] pooled;
    }

    private record Layer(LoraLinear query, LoraLinear key, LoraLinear value, LoraLinear attnOut,
                         double[] attnGamma, double[] attnBeta, LoraLinear inter, LoraLinear out,
                         double[] outGamma, double[] outBeta) {
        List<LoraLinear> adapted() {
            return List.of(query, key, value, attnOut, inter, out);
        }
    }

    /**
     * @param weights the frozen base model
     * @param pooling {@code CLS} or {@code MEAN} over the sequence's rows
     * @param rank    LoRA rank r
     * @param alpha   LoRA scale numerator (updates scaled by {@code alpha / rank})
     * @param seed    draws the LoRA down-projections and the head
     */
    public CrossEncoder(BertWeights weights, Pooling pooling, int classes, int rank, double alpha, long seed) {
        if (pooling != Pooling.CLS && pooling != Pooling.MEAN) {
            throw new IllegalArgumentException("a cross-encoder pools CLS or MEAN, not " + pooling);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        this.config = weights.config();
        this.pooling = pooling;
        this.classes = classes;
        this.word = toDouble(weights.wordEmbeddings());
        this.position = toDouble(weights.positionEmbeddings());
        this.tokenType = toDouble(weights.tokenTypeEmbeddings());
        this.embGamma = toDouble(weights.embeddingLnGamma());
        this.embBeta = toDouble(weights.embeddingLnBeta());
        SplittableRandom rng = new SplittableRandom(seed);
        int h = config.hidden();
        int in = config.intermediate();
        for (BertWeights.Layer l : weights.layers()) {
            layers.add(new Layer(
                    new LoraLinear(toDouble(l.queryW()), toDouble(l.queryB()), h, h, rank, alpha, rng),
                    new LoraLinear(toDouble(l.keyW()), toDouble(l.keyB()), h, h, rank, alpha, rng),
                    new LoraLinear(toDouble(l.valueW()), toDouble(l.valueB()), h, h, rank, alpha, rng),
                    new LoraLinear(toDouble(l.attnOutW()), toDouble(l.attnOutB()), h, h, rank, alpha, rng),
                    toDouble(l.attnLnGamma()), toDouble(l.attnLnBeta()),
                    new LoraLinear(toDouble(l.interW()), toDouble(l.interB()), h, in, rank, alpha, rng),
                    new LoraLinear(toDouble(l.outW()), toDouble(l.outB()), in, h, rank, alpha, rng),
                    toDouble(l.outLnGamma()), toDouble(l.outLnBeta())));
        }
        this.headW = LoraLinear.initialDown(h, classes, rng);
        this.headB = new double[classes];
        this.gradHeadW = new double[headW.length];
        this.gradHeadB = new double[classes];
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    @Override
    public List<double[][]> parameters() {
        List<double[][]> p = new ArrayList<>();
        for (Layer l : layers) {
            for (LoraLinear a : l.adapted()) {
                p.add(new double[][] {a.a, a.gradA});
                p.add(new double[][] {a.bUp, a.gradB});
            }
        }
        p.add(new double[][] {headW, gradHeadW});
        p.add(new double[][] {headB, gradHeadB});
        return p;
    }

    @Override
    public double[] predict(int[] ids, int[] types) {
        return Backward.crossEntropy(forward(ids, types, null), 0).probabilities();
    }

    @Override
    public double lossAndBackward(int[] ids, int[] types, int label) {
        Tape tape = new Tape();
        double[] logits = forward(ids, types, tape);
        Backward.CrossEntropy ce = Backward.crossEntropy(logits, label);
        backward(ids.length, tape, ce.dLogits());
        return ce.loss();
    }

    /** The forward pass; when {@code tape} is not null, what the backward pass needs, in order. */
    private double[] forward(int[] ids, int[] types, Tape tape) {
        int len = ids.length;
        int h = config.hidden();
        int heads = config.heads();
        int d = h / heads;
        double eps = config.layerNormEpsilon();
        if (len < 1 || len > config.maxPositions() || types.length != len) {
            throw new IllegalArgumentException("sequence of " + len + " tokens (" + types.length
                    + " types); the model takes 1.." + config.maxPositions());
        }
        double[] x = new double[len * h];
        for (int t = 0; t < len; t++) {
            for (int c = 0; c < h; c++) {
                x[t * h + c] = word[ids[t] * h + c] + position[t * h + c] + tokenType[types[t] * h + c];
            }
        }
        Backward.LayerNormCache[] ln = new Backward.LayerNormCache[1];
        x = Backward.addLayerNorm(x, null, len, h, embGamma, embBeta, eps, ln);
        for (Layer l : layers) {
            LoraLinear.Cache[] cq = new LoraLinear.Cache[1];
            LoraLinear.Cache[] ck = new LoraLinear.Cache[1];
            LoraLinear.Cache[] cv = new LoraLinear.Cache[1];
            double[] q = l.query.forward(x, len, cq);
            double[] k = l.key.forward(x, len, ck);
            double[] v = l.value.forward(x, len, cv);
            double[][] probs = new double[heads][];
            double[] ctx = Backward.attention(q, k, v, len, heads, d, probs);
            LoraLinear.Cache[] co = new LoraLinear.Cache[1];
            double[] o = l.attnOut.forward(ctx, len, co);
            Backward.LayerNormCache[] ln1 = new Backward.LayerNormCache[1];
            double[] h1 = Backward.addLayerNorm(o, x, len, h, l.attnGamma, l.attnBeta, eps, ln1);
            LoraLinear.Cache[] ci = new LoraLinear.Cache[1];
            double[] u = l.inter.forward(h1, len, ci);
            double[] f = Backward.gelu(u);
            LoraLinear.Cache[] cf = new LoraLinear.Cache[1];
            double[] g = l.out.forward(f, len, cf);
            Backward.LayerNormCache[] ln2 = new Backward.LayerNormCache[1];
            x = Backward.addLayerNorm(g, h1, len, h, l.outGamma, l.outBeta, eps, ln2);
            if (tape != null) {
                tape.layers.add(new LayerTape(cq[0], ck[0], cv[0], q, k, v, probs, co[0], ln1[0], ci[0], u, cf[0],
                        ln2[0]));
            }
        }
        double[] pooled = pooling == Pooling.CLS ? java.util.Arrays.copyOf(x, h) : Backward.meanPool(x, len, h);
        if (tape != null) {
            tape.pooled = pooled;
        }
        return Backward.linear(pooled, 1, h, headW, headB, classes);
    }

    private void backward(int len, Tape tape, double[] dLogits) {
        int h = config.hidden();
        int heads = config.heads();
        int d = h / heads;
        double[] pooled = tape.pooled;
        Backward.linearParamGrad(pooled, 1, h, dLogits, classes, gradHeadW, gradHeadB);
        double[] dPooled = Backward.linearInputGrad(dLogits, 1, classes, headW, h);
        double[] dx = pooling == Pooling.CLS ? Backward.clsPoolBackward(dPooled, len, h)
                : Backward.meanPoolBackward(dPooled, len, h);
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            LayerTape s = tape.layers.get(i);
            // x_out = LN2(g + h1): the gradient reaches both g and the residual h1.
            double[] dz2 = Backward.addLayerNormBackward(s.outNorm(), len, h, l.outGamma, dx, null, null);
            double[] df = l.out.backward(s.out(), dz2);
            double[] du = Backward.geluBackward(s.preGelu(), df);
            double[] dh1 = l.inter.backward(s.inter(), du);
            for (int j = 0; j < dh1.length; j++) {
                dh1[j] += dz2[j];
            }
            // h1 = LN1(o + x_in).
            double[] dz1 = Backward.addLayerNormBackward(s.attnNorm(), len, h, l.attnGamma, dh1, null, null);
            double[] dctx = l.attnOut.backward(s.attnOut(), dz1);
            Backward.AttentionGrads ag = Backward.attentionBackward(s.q(), s.k(), s.v(), s.probabilities(), len,
                    heads, d, dctx);
            double[] dIn = l.query.backward(s.query(), ag.dq());
            double[] fromK = l.key.backward(s.key(), ag.dk());
            double[] fromV = l.value.backward(s.value(), ag.dv());
            for (int j = 0; j < dIn.length; j++) {
                dIn[j] += fromK[j] + fromV[j] + dz1[j];
            }
            dx = dIn;
        }
        // The embeddings are frozen: nothing below the first layer is trained.
    }
}
