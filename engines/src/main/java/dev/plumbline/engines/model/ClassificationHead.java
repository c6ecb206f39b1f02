package dev.plumbline.engines.model;

/**
 * The sequence-classification head of Hugging Face's {@code BertForSequenceClassification}: the
 * pooler ({@code tanh(cls · Wp + bp)} on the {@code [CLS]} token's last hidden state) and the
 * classifier ({@code pooled · Wc + bc}, one logit per label). Matrices are stored as
 * {@link BertWeights} stores its linear layers, {@code [in × out]} row-major. Dropout is the
 * identity at inference and is not part of it.
 *
 * @param hidden      the encoder's hidden size
 * @param labels      logits per input ({@code num_labels}), at least 1
 * @param poolerW     {@code [hidden × hidden]}
 * @param poolerB     {@code [hidden]}
 * @param classifierW {@code [hidden × labels]}
 * @param classifierB {@code [labels]}
 */
public record ClassificationHead(int hidden, int labels, float[] poolerW, float[] poolerB, float[] classifierW,
                                 float[] classifierB) {

    /** Checks the shapes. */
    public ClassificationHead {
        if (hidden < 1 || labels < 1) {
            throw new IllegalArgumentException("hidden and labels must be positive, got " + hidden + ", " + labels);
        }
        check("poolerW", poolerW, (long) hidden * hidden);
        check("poolerB", poolerB, hidden);
        check("classifierW", classifierW, (long) hidden * labels);
        check("classifierB", classifierB, labels);
    }

    private static void check(String name, float[] a, long expected) {
        if (a == null || a.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got "
                    + (a == null ? "none" : a.length));
        }
    }

    /**
     * The logits of one input from its {@code [CLS]} state, every product and sum in FP64 (two
     * small GEMVs: exactness matters more than speed here).
     *
     * @param cls the {@code [CLS]} token's last hidden state, {@code hidden} values
     */
    public double[] logits(double[] cls) {
        if (cls.length != hidden) {
            throw new IllegalArgumentException("expected a [CLS] state of " + hidden + " values, got " + cls.length);
        }
        double[] pooled = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            pooled[j] = poolerB[j];
        }
        for (int i = 0; i < hidden; i++) {
            double x = cls[i];
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                pooled[j] += x * poolerW[row + j];
            }
        }
        for (int j = 0; j < hidden; j++) {
            pooled[j] = Math.tanh(pooled[j]);
        }
        double[] out = new double[labels];
        for (int k = 0; k < labels; k++) {
            out[k] = classifierB[k];
        }
        for (int j = 0; j < hidden; j++) {
            double x = pooled[j];
            int row = j * labels;
            for (int k = 0; k < labels; k++) {
                out[k] += x * classifierW[row + k];
            }
        }
        return out;
    }

    /** Bytes held by the four arrays. */
    public long bytes() {
        return ((long) poolerW.length + poolerB.length + classifierW.length + classifierB.length) * Float.BYTES;
    }
}
