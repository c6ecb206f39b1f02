package dev.plumbline.engines.kernels;

import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The int4 kernels: the reference ({@link ScalarInt4Gemm} inside {@link Int4Kernels}) everywhere,
 * plus every registered int4 backend ({@code native-int4} where ffm-bindings runs this suite):
 * outputs before GELU bit-identical to the reference over odd sizes, activation blocks identical
 * to {@link Q8_0}, the product within the quantization error of the FP32 product, and the int4
 * encoder close to the FP32 oracle with Q4_0 embedding tables.
 */
public class Int4ContractTest {
    /** GELU epilogue: the fast backends' GELU bound (ElementwiseContractTest), per unit of |x| + 1. */
    private static final double GELU_ABSOLUTE_PER_UNIT_X = 4e-7;
    /**
     * Int4 encoder vs FP32 on a small random 2-layer model: per-vector cosine. Q4_0 leaves ~1/16 of
     * each block's range as noise on every weight (and on the embeddings); measured about 0.99 here.
     * A wrong nibble order or block scale drops it below 0.5.
     */
    private static final double MIN_COSINE_TO_FP32 = 0.95;

    /** The reference backend and every registered int4 backend, by name. */
    static List<String> backends() {
        List<String> names = new ArrayList<>(List.of("reference"));
        names.addAll(Backends.quantized(Int4Kernels.NUMERICS));
        return names;
    }

    static Int4Kernels open(String backend) {
        if (backend.equals("reference")) {
            return new Int4Kernels("scalar-int4", KernelBackends.create("scalar", 1), new ScalarInt4Gemm());
        }
        return (Int4Kernels) KernelBackends.create(backend, 2);
    }

    static Stream<Arguments> backendsAndShapes() {
        Stream.Builder<Arguments> b = Stream.builder();
        int[][] shapes = {{1, 1, 1}, {3, 7, 5}, {6, 33, 17}, {13, 64, 64}, {12, 384, 100}, {37, 129, 257},
            {4, 1536, 31}, {100, 96, 48}};
        for (String backend : backends()) {
            for (int[] s : shapes) {
                b.add(Arguments.of(backend, s[0], s[1], s[2]));
            }
        }
        return b.build();
    }

    static Stream<Arguments> allBackends() {
        return backends().stream().map(Arguments::of);
    }

    private static float[] gaussian(Random r, int n, double sigma) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * sigma);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} m={1} k={2} n={3}")
    @MethodSource("backendsAndShapes")
    void outputsAreBitIdenticalToTheReference(String backend, int m, int k, int n) {
        Random r = new Random(17L * m + k + 5L * n);
        float[] x = gaussian(r, m * k, 1);
        float[] w = gaussian(r, k * n, 0.05);
        float[] bias = gaussian(r, n, 1);
        byte[] q4 = Int4Kernels.quantizeColumns(w, k, n);
        int blocks = Q8_0.blocks(k);
        byte[] a = new byte[m * blocks * Q4_0.BLOCK];
        float[] d = new float[m * blocks];
        int[] sum = new int[m * blocks];
        Q8_0.quantizeRows(x, m, k, a, d, sum);
        try (ScalarInt4Gemm ref = new ScalarInt4Gemm(); Int4Kernels kernels = open(backend)) {
            Int4Gemm gemm = kernels.integerGemm();
            Int4Gemm.Packed p = gemm.pack(q4, k, n);
            for (float[] b : new float[][] {bias, null}) {
                float[] want = new float[m * n];
                float[] got = new float[m * n];
                ref.multiply(a, m, d, sum, ref.pack(q4, k, n), b, want, false);
                gemm.multiply(a, m, d, sum, p, b, got, false);
                assertArrayEquals(want, got, backend + " outputs" + (b == null ? " without bias" : ""));
            }
            float[] want = new float[m * n];
            float[] got = new float[m * n];
            ref.multiply(a, m, d, sum, ref.pack(q4, k, n), bias, want, true);
            gemm.multiply(a, m, d, sum, p, bias, got, true);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], GELU_ABSOLUTE_PER_UNIT_X * (Math.abs(want[i]) + 1),
                        backend + " GELU element " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBackends")
    void activationBlocksAreIdenticalToTheReference(String backend) {
        Random r = new Random(13);
        try (Int4Kernels kernels = open(backend)) {
            for (int k : new int[] {1, 7, 31, 32, 33, 385, 1536}) {
                int m = 7;
                float[] x = new float[m * k];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian()));
                }
                for (int p = 0; p < k; p++) {
                    x[2 * k + p] = 0f;                         // an all-zero row: d = 0, codes 0
                    x[3 * k + p] = (p % 2 == 0 ? 1f : -0.5f);  // exact halves of a step: ties
                }
                int blocks = Q8_0.blocks(k);
                byte[] want = new byte[m * blocks * Q4_0.BLOCK];
                float[] wantD = new float[m * blocks];
                int[] wantSum = new int[m * blocks];
                Q8_0.quantizeRows(x, m, k, want, wantD, wantSum);
                byte[] got = new byte[want.length];
                float[] gotD = new float[wantD.length];
                int[] gotSum = new int[wantSum.length];
                kernels.integerGemm().quantizeRows(x, m, k, got, gotD, gotSum);
                assertArrayEquals(want, got, backend + " codes k=" + k);
                assertArrayEquals(wantD, gotD, backend + " scales k=" + k);
                assertArrayEquals(wantSum, gotSum, backend + " sums k=" + k);
            }
        }
    }

    @Test
    void activationBlocksAreWithinHalfAStepAndSumTheirCodes() {
        Random r = new Random(2);
        int m = 3;
        int k = 70;
        float[] x = gaussian(r, m * k, 3);
        int blocks = Q8_0.blocks(k);
        byte[] q = new byte[m * blocks * Q4_0.BLOCK];
        float[] d = new float[m * blocks];
        int[] sum = new int[m * blocks];
        Q8_0.quantizeRows(x, m, k, q, d, sum);
        for (int i = 0; i < m; i++) {
            for (int b = 0; b < blocks; b++) {
                int s = 0;
                boolean reaches127 = false;
                for (int t = 0; t < Q4_0.BLOCK; t++) {
                    int p = b * Q4_0.BLOCK + t;
                    byte code = q[i * blocks * Q4_0.BLOCK + p];
                    s += code;
                    reaches127 |= Math.abs(code) == 127;
                    float want = p < k ? x[i * k + p] : 0f;
                    assertEquals(want, code * d[i * blocks + b], d[i * blocks + b] / 2 * 1.0001, "row " + i + " k " + p);
                }
                assertEquals(s, sum[i * blocks + b]);
                assertTrue(reaches127, "block " + b + " of row " + i + " uses the full range");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBackends")
    void productIsWithinTheQuantizationErrorOfFp32(String backend) {
        Random r = new Random(23);
        int m = 20;
        int k = 384;
        int n = 70;
        float[] x = gaussian(r, m * k, 1);
        float[] w = gaussian(r, k * n, 0.05);
        float[] want = new float[m * n];
        float[] got = new float[m * n];
        try (Kernels scalar = KernelBackends.create("scalar", 1); Int4Kernels kernels = open(backend)) {
            scalar.gemm(x, m, scalar.pack(w, k, n), null, want);
            kernels.gemm(x, m, kernels.pack(w, k, n), null, got);
        }
        // Q4_0 steps are amax/8 per block; for Gaussian blocks that is ~0.3 σ_w, uniform error
        // ~0.09 σ_w per weight, so the product's error is ~0.09 · σ_w · √k · σ_x ≈ 0.09 of the
        // product's own spread (σ_w √k σ_x ≈ 0.98). Allow 0.15 RMS relative error.
        double err = 0;
        double norm = 0;
        for (int i = 0; i < want.length; i++) {
            err += (want[i] - got[i]) * (want[i] - got[i]);
            norm += want[i] * want[i];
        }
        double relative = Math.sqrt(err / norm);
        assertTrue(relative < 0.15, backend + " RMS relative error " + relative);
        assertTrue(relative > 0.01, backend + " RMS relative error " + relative + " is too small to be int4");
    }

    @Test
    void embeddingTablesStoreQ4_0AndReadBackWithinAStep() {
        Random r = new Random(8);
        int rows = 5;
        int cols = 40; // two blocks, the second padded
        float[] values = gaussian(r, rows * cols, 0.1);
        EmbeddingTable t = new EmbeddingTable.Q4_0Table(values, rows, cols);
        assertEquals((long) rows * 2 * Q4_0.BLOCK_BYTES, t.heapBytes());
        float[] row = new float[cols];
        float[] sum = new float[cols];
        java.util.Arrays.fill(sum, 1f);
        for (int i = 0; i < rows; i++) {
            t.copyRow(i, row, 0);
            t.addRow(i, sum, 0);
            for (int b = 0; b < 2; b++) {
                float amax = 0;
                for (int j = b * 32; j < Math.min(cols, b * 32 + 32); j++) {
                    amax = Math.max(amax, Math.abs(values[i * cols + j]));
                }
                // Half a step (amax / 16) in general; a full step on the side opposite the extreme,
                // whose largest code is 7, not 8 (llama.cpp's choice: the extreme itself is exact).
                for (int j = b * 32; j < Math.min(cols, b * 32 + 32); j++) {
                    assertEquals(values[i * cols + j], row[j], amax / 8 * 1.01, "row " + i + " col " + j);
                }
            }
            for (int j = 0; j < cols; j++) {
                assertEquals(1f + row[j], sum[j]);
            }
            java.util.Arrays.fill(sum, 1f);
        }
    }

    @Test
    void shippedInt8WeightsAreRefusedWithTheRemedy() {
        try (Int4Kernels kernels = open("reference")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> kernels.packQuantized(new byte[4], new float[2], 2, 2));
            assertTrue(e.getMessage().contains("native-int8"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBackends")
    void encoderStaysCloseToFp32WithQuarterOfTheMemory(String backend) {
        BertConfig config = new BertConfig(101, 64, 2, 4, 256, 40, 2, 1e-12f);
        BertWeights weights = RandomBertWeights.create(config, 42);
        Random r = new Random(5);
        int[][] inputs = new int[9][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new int[1 + r.nextInt(30)];
            for (int t = 0; t < inputs[i].length; t++) {
                inputs[i][t] = r.nextInt(config.vocabSize());
            }
        }
        Supplier<Int4Kernels> q = () -> open(backend);
        try (Kernels scalar = KernelBackends.create("scalar", 1); Int4Kernels int4 = q.get()) {
            assertEquals(Int4Kernels.NUMERICS, int4.numerics());
            BertEncoder fp32Encoder = new BertEncoder(weights, scalar);
            BertEncoder int4Encoder = new BertEncoder(weights, int4);
            float[][] want = fp32Encoder.embed(inputs, Pooling.MEAN);
            float[][] got = int4Encoder.embed(inputs, Pooling.MEAN);
            for (int i = 0; i < inputs.length; i++) {
                double dot = 0;
                for (int j = 0; j < want[i].length; j++) {
                    dot += want[i][j] * got[i][j];
                }
                assertTrue(dot >= MIN_COSINE_TO_FP32, backend + " input " + i + " cosine " + dot);
            }
            // Every matrix and table at 4.5 bits a weight (+ FP32 biases and LayerNorms): well under
            // a quarter of the FP32 bytes, all counted.
            long fp32Bytes = fp32Encoder.weightBytes() + scalar.offHeapBytes();
            long int4Bytes = int4Encoder.weightBytes() + int4.offHeapBytes();
            assertTrue(int4Bytes < fp32Bytes / 4, backend + ": " + int4Bytes + " of " + fp32Bytes + " bytes");
            // One at a time equals batched, bit for bit (per-block activation scales).
            float[] alone = int4Encoder.embed(new int[][] {inputs[3]}, Pooling.MEAN)[0];
            assertArrayEquals(got[3], alone, backend + " batch invariance");
        }
    }
}
