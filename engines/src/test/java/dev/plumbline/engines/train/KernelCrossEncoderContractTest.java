package dev.plumbline.engines.train;

import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.kernels.Backends;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel-backed FP32 cross-encoder against the FP64 reference, on every available FP32
 * backend: the same initialisation for a seed, the same predictions and gradients within FP32's
 * reach, and training that lowers the loss.
 */
public class KernelCrossEncoderContractTest {
    private static final BertConfig TINY = new BertConfig(30, 16, 2, 2, 32, 16, 2, 1e-12f);
    /** Probabilities: FP32 through two layers vs FP64. */
    private static final double PROBABILITY_TOLERANCE = 1e-4;
    /** Gradients: per array, relative to its largest FP64 element (FP32 GEMMs and an erf good to 1.5e-7). */
    private static final double GRADIENT_TOLERANCE = 2e-3;

    static Stream<String> backends() {
        return Backends.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void gradientsAndPredictionsMatchTheFp64Reference(String backend) {
        BertWeights w = RandomBertWeights.create(TINY, 42);
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            for (Pooling pooling : List.of(Pooling.CLS, Pooling.MEAN)) {
                CrossEncoder ref = new CrossEncoder(w, pooling, 2, 3, 6, 7);
                KernelCrossEncoder fast = new KernelCrossEncoder(w, kernels, pooling, 2, 3, 6, 7);
                List<double[][]> pr = ref.parameters();
                List<double[][]> pf = fast.parameters();
                assertEquals(pr.size(), pf.size());
                Random r = new Random(3);
                for (int a = 0; a < pr.size(); a++) {
                    assertEquals(java.util.Arrays.toString(pr.get(a)[0]), java.util.Arrays.toString(pf.get(a)[0]),
                            "same initialisation for the seed, array " + a);
                    for (int i = 0; i < pr.get(a)[0].length; i++) {
                        double moved = pr.get(a)[0][i] + 0.1 * r.nextGaussian();
                        pr.get(a)[0][i] = moved;
                        pf.get(a)[0][i] = moved;
                    }
                }
                fast.parametersUpdated();
                int[] ids = {1, 5, 9, 2, 17, 4, 11, 2};
                int[] types = {0, 0, 0, 0, 1, 1, 1, 1};
                double[] want = ref.predict(ids, types);
                double[] got = fast.predict(ids, types);
                for (int c = 0; c < 2; c++) {
                    assertEquals(want[c], got[c], PROBABILITY_TOLERANCE, backend + " " + pooling + " class " + c);
                }
                ref.zeroGrad();
                fast.zeroGrad();
                assertEquals(ref.lossAndBackward(ids, types, 1), fast.lossAndBackward(ids, types, 1), 1e-4);
                for (int a = 0; a < pr.size(); a++) {
                    double[] g64 = pr.get(a)[1];
                    double[] g32 = pf.get(a)[1];
                    double scale = 0;
                    for (double v : g64) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    assertTrue(scale > 0, "array " + a + " receives a gradient");
                    for (int i = 0; i < g64.length; i++) {
                        assertEquals(g64[i], g32[i], GRADIENT_TOLERANCE * scale,
                                backend + " " + pooling + " array " + a + " element " + i);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void trainingLowersTheLoss(String backend) {
        BertWeights w = RandomBertWeights.create(TINY, 42);
        java.util.List<Trainer.Example> data = new java.util.ArrayList<>();
        Random r = new Random(11);
        for (int e = 0; e < 16; e++) {
            int[] ids = {1, 10 + r.nextInt(15), 10 + r.nextInt(15), 2, 10 + r.nextInt(15), 10 + r.nextInt(15), 2};
            int label = e % 2;
            if (label == 1) {
                ids[4 + r.nextInt(2)] = 7;
            }
            data.add(new Trainer.Example(ids, new int[] {0, 0, 0, 0, 1, 1, 1}, label));
        }
        try (Kernels kernels = KernelBackends.create(backend, 1)) {
            KernelCrossEncoder m = new KernelCrossEncoder(w, kernels, Pooling.MEAN, 2, 4, 8, 3);
            List<Double> losses = Trainer.train(m, data, new Trainer.Settings(15, 4, 0.02, 0.01, 0.1, 5));
            double start = (losses.get(0) + losses.get(1) + losses.get(2) + losses.get(3)) / 4;
            int n = losses.size();
            double end = (losses.get(n - 1) + losses.get(n - 2) + losses.get(n - 3) + losses.get(n - 4)) / 4;
            assertTrue(end < 0.5 * start, backend + ": first steps " + start + ", last " + end);
        }
    }
}
