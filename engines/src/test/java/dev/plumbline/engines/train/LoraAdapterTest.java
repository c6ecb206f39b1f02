package dev.plumbline.engines.train;

import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter file round-trips bit for bit, and the trained model merged into its base and run
 * by the ordinary encoder predicts what the training model predicts.
 */
class LoraAdapterTest {
    private static final BertConfig TINY = new BertConfig(30, 16, 2, 2, 32, 16, 2, 1e-12f);
    /** Merged FP32 weights through the inference encoder vs the training path (FP32, LoRA apart). */
    private static final double MERGED_TOLERANCE = 1e-4;

    @Test
    void mergedModelPredictsWhatTheTrainedModelPredicts() {
        BertWeights w = RandomBertWeights.create(TINY, 42);
        for (Pooling pooling : List.of(Pooling.CLS, Pooling.MEAN)) {
            try (Kernels train = KernelBackends.create("simd", 1); Kernels infer = KernelBackends.create("simd", 2)) {
                KernelCrossEncoder m = new KernelCrossEncoder(w, train, pooling, 2, 3, 6, 7);
                Random r = new Random(5);
                for (double[][] p : m.parameters()) {
                    for (int i = 0; i < p[0].length; i++) {
                        p[0][i] += 0.2 * r.nextGaussian(); // as after training: B is no longer zero
                    }
                }
                m.parametersUpdated();
                LoraAdapter adapter = LoraAdapter.of(m, 3, 6, pooling, 2);
                byte[] bytes = adapter.bytes();
                LoraAdapter back = LoraAdapter.read(bytes, "test");
                assertArrayEquals(bytes, back.bytes(), "the file round-trips");
                assertEquals(adapter.sha256(), back.sha256());
                assertArrayEquals(m.adapterBytes(), Arrays.copyOfRange(bytes, bytes.length - m.adapterBytes().length,
                        bytes.length), "the file ends with the model's adapter bytes");

                LoraAdapter.Merged merged = back.merge(w);
                BertEncoder encoder = new BertEncoder(merged.weights(), infer);
                int[][] ids = {{1, 5, 9, 2, 17, 4, 11, 2}, {1, 3, 2, 8, 8, 2}};
                int[][] types = {{0, 0, 0, 0, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1}};
                double[][] pooled = encoder.pooled(ids, types, pooling);
                for (int s = 0; s < ids.length; s++) {
                    double[] logits = Backward.linear(pooled[s], 1, TINY.hidden(), merged.headW(), merged.headB(), 2);
                    double[] got = Backward.crossEntropy(logits, 0).probabilities();
                    double[] want = m.predict(ids[s], types[s]);
                    for (int c = 0; c < 2; c++) {
                        assertEquals(want[c], got[c], MERGED_TOLERANCE, pooling + " sequence " + s + " class " + c);
                    }
                    assertTrue(Math.abs(want[0] - 0.5) > 1e-3, "the moved adapter changes the prediction");
                }
            }
        }
    }

    @Test
    void refusesOtherFilesAndOtherShapes() {
        assertThrows(IllegalArgumentException.class, () -> LoraAdapter.read(new byte[] {1, 2, 3}, "x"));
        BertWeights w = RandomBertWeights.create(TINY, 42);
        try (Kernels k = KernelBackends.create("simd", 1)) {
            byte[] bytes = LoraAdapter.of(new KernelCrossEncoder(w, k, Pooling.CLS, 2, 3, 6, 7), 3, 6, Pooling.CLS, 2)
                    .bytes();
            IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                    () -> LoraAdapter.read(Arrays.copyOf(bytes, bytes.length - 5), "cut.lora"));
            assertTrue(cut.getMessage().contains("cut.lora"), cut.getMessage());
            BertConfig deeper = new BertConfig(30, 16, 3, 2, 32, 16, 2, 1e-12f);
            IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                    () -> LoraAdapter.read(bytes, "a").merge(RandomBertWeights.create(deeper, 1)));
            assertTrue(other.getMessage().contains("another base model"), other.getMessage());
        }
    }
}
