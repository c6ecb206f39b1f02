package dev.plumbline.engines.encoder;

import dev.plumbline.engines.model.ClassificationHead;
import dev.plumbline.engines.model.Pooling;

/**
 * A {@code BertForSequenceClassification} at inference: the {@link BertEncoder} (on any kernel
 * backend, with token types) gives each input's {@code [CLS]} state, and the
 * {@link ClassificationHead} (pooler, tanh, classifier) turns it into logits in FP64. As the
 * encoder's states, an input's logits do not depend on the batch it runs in. Not thread-safe
 * (the encoder keeps work buffers); it does not own the kernels.
 */
public final class BertSequenceClassifier {
    private final BertEncoder encoder;
    private final ClassificationHead head;

    /**
     * @throws IllegalArgumentException when the head's width is not the encoder's
     */
    public BertSequenceClassifier(BertEncoder encoder, ClassificationHead head) {
        if (head.hidden() != encoder.config().hidden()) {
            throw new IllegalArgumentException("the classification head reads " + head.hidden()
                    + " values, the encoder gives " + encoder.config().hidden());
        }
        this.encoder = encoder;
        this.head = head;
    }

    /** The encoder. */
    public BertEncoder encoder() {
        return encoder;
    }

    /** The head. */
    public ClassificationHead head() {
        return head;
    }

    /** Logits per input ({@link ClassificationHead#labels()}). */
    public int labels() {
        return head.labels();
    }

    /**
     * The logits of each input, in input order.
     *
     * @param tokenIds   as for {@link BertEncoder#hiddenStates(int[][])}
     * @param tokenTypes one type per token, as for {@link BertEncoder#pooled}
     */
    public double[][] logits(int[][] tokenIds, int[][] tokenTypes) {
        double[][] cls = encoder.pooled(tokenIds, tokenTypes, Pooling.CLS);
        double[][] out = new double[cls.length][];
        for (int i = 0; i < cls.length; i++) {
            out[i] = head.logits(cls[i]);
        }
        return out;
    }
}
