package dev.plumbline.engines.train;

import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole cross-encoder on a tiny random BERT: every trainable array's gradient (LoRA A and B of
 * every projection of every layer, the head) against finite differences of the loss, and a
 * training smoke test (the loss falls; the same seed gives the same adapter bytes).
 */
class CrossEncoderTest {
    private static final BertConfig TINY = new BertConfig(30, 12, 2, 2, 24, 16, 2, 1e-12f);
    private static final double H = 1e-5;
    /** Relative error allowed between the model's analytic and numeric gradients (FP64 through two layers). */
    private static final double TOLERANCE = 1e-6;

    private static CrossEncoder model(Pooling pooling, long seed) {
        BertWeights w = RandomBertWeights.create(TINY, 42);
        return new CrossEncoder(w, pooling, 2, 3, 6, seed);
    }

    @Test
    void everyTrainableGradientMatchesFiniteDifferences() {
        for (Pooling pooling : List.of(Pooling.CLS, Pooling.MEAN)) {
            CrossEncoder m = model(pooling, 7);
            // Move every LoRA B away from zero, so the A gradients are not trivially zero.
            Random r = new Random(3);
            for (double[][] p : m.parameters()) {
                for (int i = 0; i < p[0].length; i++) {
                    p[0][i] += 0.1 * r.nextGaussian();
                }
            }
            int[] ids = {1, 5, 9, 2, 17, 4, 2};
            int[] types = {0, 0, 0, 0, 1, 1, 1};
            m.zeroGrad();
            m.lossAndBackward(ids, types, 1);
            int arrays = 0;
            for (double[][] p : m.parameters()) {
                double[] analytic = p[1].clone();
                // A few elements of each array (all of them would be slow and add nothing).
                for (int i = 0; i < p[0].length; i += Math.max(1, p[0].length / 4)) {
                    double keep = p[0][i];
                    p[0][i] = keep + H;
                    double up = lossOnly(m, ids, types);
                    p[0][i] = keep - H;
                    double down = lossOnly(m, ids, types);
                    p[0][i] = keep;
                    double numeric = (up - down) / (2 * H);
                    assertEquals(numeric, analytic[i], TOLERANCE * Math.max(1, Math.abs(numeric)),
                            pooling + " array " + arrays + " element " + i);
                }
                arrays++;
            }
            assertEquals(2 * 6 * TINY.layers() + 2, arrays, "LoRA A and B on six projections per layer, plus the head");
        }
    }

    private static double lossOnly(CrossEncoder m, int[] ids, int[] types) {
        double[] p = m.predict(ids, types);
        return -Math.log(p[1]);
    }

    /** A learnable rule: label 1 when token 7 appears in the second segment. */
    private static List<Trainer.Example> examples(long seed, int count) {
        Random r = new Random(seed);
        List<Trainer.Example> out = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int a = 2 + r.nextInt(3);
            int b = 2 + r.nextInt(4);
            int[] ids = new int[a + b + 3];
            int[] types = new int[ids.length];
            ids[0] = 1;
            int label = e % 2;
            for (int i = 1; i <= a; i++) {
                ids[i] = 10 + r.nextInt(20);
            }
            ids[a + 1] = 2;
            for (int i = a + 2; i < ids.length - 1; i++) {
                ids[i] = 10 + r.nextInt(20);
                types[i] = 1;
            }
            if (label == 1) {
                ids[a + 2 + r.nextInt(b)] = 7;
            }
            ids[ids.length - 1] = 2;
            types[ids.length - 1] = 1;
            out.add(new Trainer.Example(ids, types, label));
        }
        return out;
    }

    @Test
    void trainingLowersTheLossAndIsDeterministicForASeed() {
        List<Trainer.Example> data = examples(11, 24);
        Trainer.Settings s = new Trainer.Settings(12, 4, 0.02, 0.01, 0.1, 5);
        CrossEncoder first = model(Pooling.MEAN, 3);
        List<Double> losses = Trainer.train(first, data, s);
        double start = losses.subList(0, 6).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double end = losses.subList(losses.size() - 6, losses.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertTrue(end < 0.5 * start, "mean loss of the first steps " + start + ", of the last " + end);
        int correct = 0;
        for (Trainer.Example x : data) {
            double[] p = first.predict(x.ids(), x.types());
            correct += (p[1] > p[0] ? 1 : 0) == x.label() ? 1 : 0;
        }
        assertTrue(correct >= 0.9 * data.size(), correct + " of " + data.size() + " training examples right");

        CrossEncoder again = model(Pooling.MEAN, 3);
        Trainer.train(again, data, s);
        assertArrayEquals(first.adapterBytes(), again.adapterBytes(), "same seeds, same adapter bytes");
        CrossEncoder other = model(Pooling.MEAN, 3);
        Trainer.train(other, data, new Trainer.Settings(12, 4, 0.02, 0.01, 0.1, 6));
        assertFalse(Arrays.equals(first.adapterBytes(), other.adapterBytes()), "another data order, other bytes");
    }
}
