package dev.plumbline.engines.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plumbline.engines.kernels.Backends;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BERT forward pass ({@link BertEncoder}) on every available kernel backend but {@code scalar}
 * ({@link Backends#fast()}): hidden states match the scalar oracle; batched results equal
 * one-at-a-time results bit for bit on every batch-invariant backend (scalar too; OpenBLAS within the oracle tolerance) whatever the batch limits and
 * thread count; results come back in input order; pooling; padded input with lengths; input
 * errors. Backend-independent weight checks are in {@link BertEncoderTest}.
 */
public class EncoderContractTest {
    /**
     * Backend vs scalar hidden states, absolute, after the final LayerNorm (values of order 1). Each
     * kernel differs from the oracle by ~1e-7 relative; through 2 layers of attention and FFN with
     * residuals that compounds to a few 1e-6 (measured on simd 1.6e-6 max over these configs; 7.4e-6 at
     * MiniLM's shape, 6 layers × 384). A kernel bug (wrong mask, scale, bias or tail) moves outputs
     * by 1e-2 or more.
     */
    private static final double HIDDEN_STATE_TOLERANCE = 2e-5;

    private static final BertConfig SMALL = new BertConfig(101, 64, 2, 4, 256, 40, 2, 1e-12f);

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(SMALL),
                // Odd widths: every GEMM runs the partial-panel path, heads of 16 and 8 columns.
                Arguments.of(new BertConfig(57, 48, 1, 3, 100, 23, 1, 1e-12f)),
                Arguments.of(new BertConfig(30, 40, 2, 5, 70, 70, 2, 1e-5f)));
    }

    static Stream<Arguments> backendsAndConfigs() {
        return Backends.fastWith(configs());
    }

    static Stream<Arguments> fastBackends() {
        return Backends.fastArguments();
    }

    static Stream<Arguments> allBackends() {
        return Backends.allArguments();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndConfigs")
    void matchesScalarOracle(String backend, BertConfig config) {
        BertWeights weights = RandomBertWeights.create(config, 42);
        int[][] inputs = randomInputs(config, 9, 7);
        try (Kernels scalar = KernelBackends.create("scalar", 1); Kernels kernels = KernelBackends.create(backend, 2)) {
            float[][] expected = new BertEncoder(weights, scalar).hiddenStates(inputs);
            float[][] actual = new BertEncoder(weights, kernels).hiddenStates(inputs);
            for (int i = 0; i < inputs.length; i++) {
                assertEquals(inputs[i].length * config.hidden(), actual[i].length);
                for (int j = 0; j < actual[i].length; j++) {
                    assertEquals(expected[i][j], actual[i][j], HIDDEN_STATE_TOLERANCE,
                            backend + " input " + i + " (" + inputs[i].length + " tokens) element " + j);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBackends")
    void batchedResultsEqualOneAtATimeBitForBit(String backend) {
        BertWeights weights = RandomBertWeights.create(SMALL, 7);
        int[][] inputs = randomInputs(SMALL, 23, 11);
        float[][] alone = new float[inputs.length][];
        try (Kernels kernels = KernelBackends.create(backend, 1)) {
            BertEncoder single = new BertEncoder(weights, kernels, 1, 1);
            for (int i = 0; i < inputs.length; i++) {
                alone[i] = single.hiddenStates(new int[][] {inputs[i]})[0];
            }
        }
        // Packed batches of several sizes (the 23 inputs hold ~470 tokens), on several thread counts.
        for (int threads : new int[] {1, 2, 3}) {
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                for (int[] limits : new int[][] {{8, 200}, {32, 8192}, {5, 41}}) {
                    float[][] all = new BertEncoder(weights, kernels, limits[0], limits[1]).hiddenStates(inputs);
                    for (int i = 0; i < inputs.length; i++) {
                        String what = backend + " threads=" + threads + " batches "
                                + java.util.Arrays.toString(limits) + ": input " + i
                                + " differs between batch and alone";
                        if (kernels.batchInvariant()) {
                            assertArrayEquals(alone[i], all[i], what);
                        } else {
                            // OpenBLAS chooses kernels by shape (on Zen 5 a batched row differs in its
                            // last bits from the row alone): held to the oracle's tolerance instead.
                            assertArrayEquals(alone[i], all[i], (float) HIDDEN_STATE_TOLERANCE, what);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackends")
    void resultsComeBackInInputOrder(String backend) {
        BertWeights weights = RandomBertWeights.create(SMALL, 9);
        int[][] inputs = randomInputs(SMALL, 12, 3);
        int[][] reversed = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            reversed[i] = inputs[inputs.length - 1 - i];
        }
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            BertEncoder encoder = new BertEncoder(weights, kernels, 4, 64);
            float[][] forward = encoder.embed(inputs, Pooling.MEAN);
            float[][] backward = encoder.embed(reversed, Pooling.MEAN);
            for (int i = 0; i < inputs.length; i++) {
                assertArrayEquals(forward[i], backward[inputs.length - 1 - i], backend + " input " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackends")
    void poolingAveragesRealTokensOrTakesClsAndNormalises(String backend) {
        BertWeights weights = RandomBertWeights.create(SMALL, 11);
        int[][] inputs = randomInputs(SMALL, 5, 5);
        try (Kernels kernels = KernelBackends.create(backend, 1)) {
            BertEncoder encoder = new BertEncoder(weights, kernels);
            float[][] states = encoder.hiddenStates(inputs);
            float[][] mean = encoder.embed(inputs, Pooling.MEAN);
            float[][] cls = encoder.embed(inputs, Pooling.CLS);
            int h = SMALL.hidden();
            for (int i = 0; i < inputs.length; i++) {
                int len = inputs[i].length;
                double[] m = new double[h];
                double[] c = new double[h];
                for (int j = 0; j < h; j++) {
                    for (int t = 0; t < len; t++) {
                        m[j] += states[i][t * h + j] / len;
                    }
                    c[j] = states[i][j];
                }
                assertVectorIsNormalised(m, mean[i], backend + " mean " + i);
                assertVectorIsNormalised(c, cls[i], backend + " cls " + i);
            }
        }
    }

    /** {@code actual} is {@code raw / ‖raw‖} to float precision. */
    private static void assertVectorIsNormalised(double[] raw, float[] actual, String what) {
        double norm = 0;
        for (double r : raw) {
            norm += r * r;
        }
        norm = Math.sqrt(norm);
        double actualNorm = 0;
        for (int j = 0; j < raw.length; j++) {
            assertEquals(raw[j] / norm, actual[j], 1e-6, what + " element " + j);
            actualNorm += (double) actual[j] * actual[j];
        }
        assertEquals(1.0, Math.sqrt(actualNorm), 1e-6, what + " norm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackends")
    void paddedInputWithLengthsEqualsExactInput(String backend) {
        BertWeights weights = RandomBertWeights.create(SMALL, 13);
        int[][] inputs = randomInputs(SMALL, 6, 17);
        int[][] padded = new int[inputs.length][];
        int[] lengths = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            padded[i] = java.util.Arrays.copyOf(inputs[i], SMALL.maxPositions() + 3);
            java.util.Arrays.fill(padded[i], inputs[i].length, padded[i].length, 99);
            lengths[i] = inputs[i].length;
        }
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            BertEncoder encoder = new BertEncoder(weights, kernels);
            float[][] exact = encoder.embed(inputs, Pooling.CLS);
            float[][] fromPadded = encoder.embed(padded, lengths, Pooling.CLS);
            for (int i = 0; i < inputs.length; i++) {
                assertArrayEquals(exact[i], fromPadded[i], backend + " input " + i);
            }
            assertMessage(() -> encoder.embed(padded, new int[] {1, 2}, Pooling.MEAN), "give one length per input");
            assertMessage(() -> encoder.embed(new int[][] {{1, 2}}, new int[] {3}, Pooling.MEAN),
                    "has length 3 but only 2 token ids");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackends")
    void badInputsNameTheConstraint(String backend) {
        try (Kernels kernels = KernelBackends.create(backend, 1)) {
            BertEncoder encoder = new BertEncoder(RandomBertWeights.create(SMALL, 1), kernels);
            assertMessage(() -> encoder.embed(new int[][] {{1, 2}, {}}, Pooling.MEAN), "input 1 is empty");
            assertMessage(() -> encoder.embed(new int[][] {{1, 101}}, Pooling.MEAN),
                    "token id 101 outside the vocabulary [0, 101)");
            assertMessage(() -> encoder.embed(new int[][] {new int[41]}, Pooling.MEAN),
                    "more than the model's 40 positions");
            assertMessage(() -> new BertEncoder(RandomBertWeights.create(SMALL, 1), kernels, 0, 10),
                    "maxBatchSequences and maxBatchTokens must be >= 1");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    /** {@code count} sequences of lengths 1..maxPositions (both ends included), random ids. */
    static int[][] randomInputs(BertConfig config, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] inputs = new int[count][];
        for (int i = 0; i < count; i++) {
            int len = i == 0 ? config.maxPositions() : i == 1 ? 1 : 1 + r.nextInt(config.maxPositions());
            inputs[i] = r.ints(len, 0, config.vocabSize()).toArray();
        }
        return inputs;
    }
}
