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

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quantized backends ({@link Backends#quantized}: {@code simd-int8} here, {@code native-int8}
 * where ffm-bindings runs this suite): their integer GEMM's int32 accumulators equal
 * {@link ScalarInt8Gemm}'s bit for bit over odd sizes, the dequantized output matches the
 * reference epilogue, and the W8A8 encoder stays close to the FP32 oracle.
 */
public class Int8ContractTest {
    /** Dequantized outputs vs the reference epilogue: the same float formula, up to FMA contraction (1 ulp of values ≤ ~1e3). */
    private static final double DEQUANT_RELATIVE = 1e-6;
    /** GELU epilogue: the fast backends' GELU bound (ElementwiseContractTest) on top of the above. */
    private static final double GELU_ABSOLUTE_PER_UNIT_X = 2e-7;
    /**
     * W8A8 vs FP32 on a small random 2-layer model: per-vector cosine. Quantization noise is ~1/255
     * of each row's range per GEMM; measured 0.9995 and above here. A wrong scale, zero point or
     * transposed panel drops it below 0.9.
     */
    private static final double MIN_COSINE_TO_FP32 = 0.995;

    static Stream<Arguments> backendsAndShapes() {
        Stream.Builder<Arguments> b = Stream.builder();
        int[][] shapes = {{1, 1, 1}, {3, 7, 5}, {6, 33, 17}, {13, 64, 64}, {5, 384, 100}, {37, 129, 257}, {4, 1536, 31}};
        for (String backend : Backends.quantized(Int8Kernels.NUMERICS)) {
            for (int[] s : shapes) {
                b.add(Arguments.of(backend, s[0], s[1], s[2]));
            }
        }
        return b.build();
    }

    static Stream<Arguments> quantizedBackends() {
        return Backends.quantized(Int8Kernels.NUMERICS).stream().map(Arguments::of);
    }

    @Test
    void thisJvmHasQuantizedBackends() {
        assertFalse(Backends.quantized(Int8Kernels.NUMERICS).isEmpty(), "simd-int8 should be registered and available");
    }

    @ParameterizedTest(name = "{0} m={1} k={2} n={3}")
    @MethodSource("backendsAndShapes")
    void accumulatorsAreBitIdenticalToTheReference(String backend, int m, int k, int n) {
        Random r = new Random(31L * m + k + 7L * n);
        byte[] a = new byte[m * k];
        byte[] w = new byte[k * n];
        int[] zero = new int[m];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(255) - 127);
        }
        for (int i = 0; i < m; i++) {
            zero[i] = i == 0 ? 255 : r.nextInt(256); // the extreme zero point too
        }
        float[] aScale = new float[m];
        float[] wScale = new float[n];
        float[] bias = new float[n];
        for (int i = 0; i < m; i++) {
            aScale[i] = 0.01f + r.nextFloat() * 0.05f;
        }
        for (int j = 0; j < n; j++) {
            wScale[j] = 0.001f + r.nextFloat() * 0.01f;
            bias[j] = (float) r.nextGaussian();
        }
        try (ScalarInt8Gemm ref = new ScalarInt8Gemm();
             Int8Kernels kernels = (Int8Kernels) KernelBackends.create(backend, 2)) {
            Int8Gemm gemm = kernels.integerGemm();
            int[] want = new int[m * n];
            ref.accumulate(a, m, zero, ref.pack(w, k, n), want);
            Int8Gemm.Packed p = gemm.pack(w, k, n);
            int[] got = new int[m * n];
            gemm.accumulate(a, m, zero, p, got);
            assertArrayEquals(want, got, backend + " int32 accumulators");

            float[] wantC = new float[m * n];
            float[] gotC = new float[m * n];
            ref.multiply(a, m, zero, aScale, ref.pack(w, k, n), wScale, bias, wantC, false);
            gemm.multiply(a, m, zero, aScale, p, wScale, bias, gotC, false);
            for (int i = 0; i < wantC.length; i++) {
                assertEquals(wantC[i], gotC[i], DEQUANT_RELATIVE * Math.max(1, Math.abs(wantC[i])),
                        backend + " dequantized element " + i);
            }
            ref.multiply(a, m, zero, aScale, ref.pack(w, k, n), wScale, bias, wantC, true);
            gemm.multiply(a, m, zero, aScale, p, wScale, bias, gotC, true);
            for (int i = 0; i < wantC.length; i++) {
                double x = Math.abs(wantC[i]) + 1;
                assertEquals(wantC[i], gotC[i], (DEQUANT_RELATIVE + GELU_ABSOLUTE_PER_UNIT_X) * x * 2,
                        backend + " dequantized GELU element " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantizedBackends")
    void activationCodesAreIdenticalToTheReference(String backend) {
        Random r = new Random(11);
        try (Int8Kernels kernels = (Int8Kernels) KernelBackends.create(backend, 2)) {
            for (int k : new int[] {1, 7, 16, 33, 385, 1536}) {
                int m = 9;
                float[] x = new float[m * k];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian()));
                }
                for (int p = 0; p < k; p++) {
                    x[2 * k + p] = 0f;                           // an all-zero row
                    x[3 * k + p] = -Math.abs(x[3 * k + p]);     // negative only
                    x[4 * k + p] = (p % 2 == 0 ? 0.5f : -0.5f); // ties at every step
                }
                byte[] want = new byte[m * k];
                int[] wantZero = new int[m];
                float[] wantScale = new float[m];
                Int8Quantization.rows(x, m, k, want, wantZero, wantScale);
                byte[] got = new byte[m * k];
                int[] gotZero = new int[m];
                float[] gotScale = new float[m];
                kernels.integerGemm().quantizeRows(x, m, k, got, gotZero, gotScale);
                assertArrayEquals(want, got, backend + " codes k=" + k);
                assertArrayEquals(wantZero, gotZero, backend + " zero points k=" + k);
                assertArrayEquals(wantScale, gotScale, backend + " scales k=" + k);
            }
        }
    }

    @Test
    void weightQuantizationIsSymmetricPerColumnAndWithinHalfAStep() {
        Random r = new Random(3);
        int k = 37;
        int n = 11;
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * (1 + i % n);
        }
        Int8Quantization.Weights q = Int8Quantization.weights(w, k, n);
        for (int j = 0; j < n; j++) {
            boolean reachesMax = false;
            for (int p = 0; p < k; p++) {
                byte v = q.q()[p * n + j];
                assertTrue(v >= -127 && v <= 127);
                reachesMax |= Math.abs(v) == 127;
                assertEquals(w[p * n + j], v * q.scale()[j], q.scale()[j] / 2 * 1.0001, "w[" + p + "][" + j + "]");
            }
            assertTrue(reachesMax, "column " + j + " uses the full range");
        }
    }

    @Test
    void activationQuantizationKeepsZeroExactAndIsWithinHalfAStep() {
        float[] x = {-1.5f, 0f, 0.25f, 3f, 2.9f, // row 0
            0f, 0f, 0f, 0f, 0f,                   // row 1: all zero
            1f, 2f, 3f, 4f, 5f};                  // row 2: positive only, range widened to 0
        byte[] q = new byte[x.length];
        int[] zero = new int[3];
        float[] scale = new float[3];
        Int8Quantization.rows(x, 3, 5, q, zero, scale);
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 5; p++) {
                float back = ((q[i * 5 + p] & 0xFF) - zero[i]) * scale[i];
                assertEquals(x[i * 5 + p], back, scale[i] / 2 * 1.0001, "row " + i + " col " + p);
                if (x[i * 5 + p] == 0) {
                    assertEquals(0f, back, "zero stays exact");
                }
            }
        }
        assertEquals(1f, scale[1]);
        assertEquals(0, zero[1]);
        assertEquals(0, zero[2]);
        assertEquals(5f / 255f, scale[2]);
    }

    @Test
    void rowGroupsShareOneRangeAndEqualRowsForGroupsOfOneRow() {
        Random r = new Random(9);
        int k = 13;
        int m = 7;
        float[] x = new float[m * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * (1 + i / k);
        }
        byte[] perRow = new byte[m * k];
        int[] zr = new int[m];
        float[] sr = new float[m];
        Int8Quantization.rows(x, m, k, perRow, zr, sr);
        byte[] grouped = new byte[m * k];
        int[] zg = new int[m];
        float[] sg = new float[m];
        Int8Quantization.rowGroups(x, k, new int[] {0, 1, 2, 3, 4, 5, 6}, new int[] {1, 1, 1, 1, 1, 1, 1}, grouped,
                zg, sg);
        assertArrayEquals(perRow, grouped);
        assertArrayEquals(zr, zg);
        // Two sequences of 3 and 4 rows: one scale each, the range of all their rows.
        Int8Quantization.rowGroups(x, k, new int[] {0, 3}, new int[] {3, 4}, grouped, zg, sg);
        Int8Quantization.rows(java.util.Arrays.copyOfRange(x, 3 * k, 7 * k), 1, 4 * k, perRow, zr, sr);
        assertEquals(sr[0], sg[3]);
        assertEquals(sg[3], sg[6]);
        assertEquals(zr[0], zg[5]);
        assertArrayEquals(java.util.Arrays.copyOfRange(perRow, 0, 4 * k), java.util.Arrays.copyOfRange(grouped, 3 * k, 7 * k));
    }

    @Test
    void roundingIsToNearestTiesToEven() {
        assertEquals(2f, Int8Quantization.round(2.5f));
        assertEquals(4f, Int8Quantization.round(3.5f));
        assertEquals(-2f, Int8Quantization.round(-2.5f));
        assertEquals(3f, Int8Quantization.round(2.51f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantizedBackends")
    void encoderStaysCloseToFp32(String backend) {
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
        try (Kernels scalar = KernelBackends.create("scalar", 1); Kernels q = KernelBackends.create(backend, 2)) {
            assertEquals(Int8Kernels.NUMERICS, q.numerics());
            float[][] want = new BertEncoder(weights, scalar).embed(inputs, Pooling.MEAN);
            float[][] got = new BertEncoder(weights, q).embed(inputs, Pooling.MEAN);
            // Its activation buffers are counted: codes for the widest GEMM input of the batch
            // (all rows × intermediate), a zero point and a scale per row.
            int rows = 0;
            for (int[] in : inputs) {
                rows += in.length;
            }
            assertEquals((long) rows * config.intermediate() + rows * 8L, q.scratchBytes(), backend + " scratch");
            for (int i = 0; i < inputs.length; i++) {
                double dot = 0;
                for (int j = 0; j < want[i].length; j++) {
                    dot += want[i][j] * got[i][j];
                }
                assertTrue(dot >= MIN_COSINE_TO_FP32, backend + " input " + i + " cosine " + dot);
            }
            // One at a time equals batched, bit for bit (per-row activation scales).
            float[] alone = new BertEncoder(weights, q).embed(new int[][] {inputs[3]}, Pooling.MEAN)[0];
            assertArrayEquals(got[3], alone, backend + " batch invariance");
        }
    }
}
