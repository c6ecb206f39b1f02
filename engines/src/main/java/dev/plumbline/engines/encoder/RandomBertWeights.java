package dev.plumbline.engines.encoder;

import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shape-true random BERT weights for tests and benchmarks, where the real model file is not
 * needed. Scales keep activations in the range a trained model sees: linear weights uniform with
 * variance 1/fan-in (so each projection preserves variance), embeddings of unit scale, layer-norm
 * gains near 1 and small biases. Attention is then neither uniform nor one-hot, which is what a
 * test of the softmax needs.
 */
public final class RandomBertWeights {
    private RandomBertWeights() {
    }

    /** Deterministic weights for {@code config}; the same seed gives the same weights. */
    public static BertWeights create(BertConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int h = config.hidden();
        int inter = config.intermediate();
        List<BertWeights.Layer> layers = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            layers.add(new BertWeights.Layer(
                    linear(r, h, h), small(r, h), linear(r, h, h), small(r, h), linear(r, h, h), small(r, h),
                    linear(r, h, h), small(r, h), gain(r, h), small(r, h),
                    linear(r, h, inter), small(r, inter), linear(r, inter, h), small(r, h),
                    gain(r, h), small(r, h)));
        }
        return new BertWeights(config, uniform(r, config.vocabSize() * h, 1f),
                uniform(r, config.maxPositions() * h, 0.3f), uniform(r, config.typeVocabSize() * h, 0.3f),
                gain(r, h), small(r, h), layers);
    }

    /** {@code [in × out]} with variance 1/in: uniform on ±√(3/in). */
    private static float[] linear(SplittableRandom r, int in, int out) {
        return uniform(r, in * out, (float) Math.sqrt(3.0 / in));
    }

    private static float[] small(SplittableRandom r, int n) {
        return uniform(r, n, 0.1f);
    }

    private static float[] gain(SplittableRandom r, int n) {
        float[] g = uniform(r, n, 0.2f);
        for (int i = 0; i < n; i++) {
            g[i] += 1f;
        }
        return g;
    }

    private static float[] uniform(SplittableRandom r, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }
}
