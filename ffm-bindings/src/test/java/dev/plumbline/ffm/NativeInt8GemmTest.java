package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The int8 GEMM is integer arithmetic: every ISA path and thread count is bit-identical to the Java oracle. */
class NativeInt8GemmTest {
    /** The C GELU's documented bound against the exact function: 2 ulp + 1e-7. */
    private static final double GELU_TOLERANCE = 1e-7;

    @BeforeEach
    void needsNative() {
        NativeAssumptions.assumeNative();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(1, 3, 17), Arguments.of(2, 4, 16), Arguments.of(5, 63, 65),
                Arguments.of(7, 65, 15), Arguments.of(13, 127, 33), Arguments.of(127, 384, 385),
                Arguments.of(384, 385, 127), Arguments.of(1023, 17, 40), Arguments.of(97, 1536, 384));
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void accumulatorsAreBitIdenticalToTheIntegerReferenceOnEveryPath(int m, int k, int n) {
        Random r = new Random(31L * m + 7L * k + n);
        byte[] a = new byte[m * k];
        byte[] w = new byte[k * n];
        int[] zero = new int[m];
        r.nextBytes(a);
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(255) - 127);
        }
        for (int i = 0; i < m; i++) {
            zero[i] = i == 0 ? 255 : r.nextInt(256);
        }
        if (k > 1) {
            a[0] = (byte) 255;
            w[0] = 127;
            w[n] = -127;
        }
        float[] aScale = new float[m];
        float[] wScale = new float[n];
        float[] bias = new float[n];
        for (int i = 0; i < m; i++) {
            aScale[i] = 1e-3f * (1 + r.nextFloat());
        }
        for (int j = 0; j < n; j++) {
            wScale[j] = 1e-2f * (1 + r.nextFloat());
            bias[j] = (float) r.nextGaussian();
        }
        int[] expected = Int8Reference.accumulate(a, m, zero, w, k, n);
        float[] expectedC = Int8Reference.dequantize(expected, m, n, aScale, wScale, bias);
        float[] expectedNoBias = Int8Reference.dequantize(expected, m, n, aScale, wScale, null);
        NativeAssumptions.atEveryIsa(isa -> {
            for (int threads : new int[] {1, 2}) {
                try (NativeInt8Gemm g = new NativeInt8Gemm(threads)) {
                    NativeInt8Gemm.Packed p = g.pack(w, k, n);
                    int[] acc = new int[m * n];
                    g.accumulate(a, m, zero, p, acc);
                    assertArrayEquals(expected, acc, isa + " threads=" + threads);
                    float[] c = new float[m * n];
                    g.multiply(a, m, zero, aScale, p, wScale, bias, c, false);
                    assertArrayEquals(expectedC, c, 0f, isa + " dequantized, threads=" + threads);
                    g.multiply(a, m, zero, aScale, p, wScale, null, c, false);
                    assertArrayEquals(expectedNoBias, c, 0f, isa + " no bias");
                    assertTrue(g.offHeapBytes() >= (long) k * n, "packed bytes counted");
                }
            }
        });
    }

    @Test
    void geluEpilogueMatchesGeluOfTheDequantizedProduct() {
        int m = 9;
        int k = 40;
        int n = 70;
        Random r = new Random(5);
        byte[] a = new byte[m * k];
        byte[] w = new byte[k * n];
        r.nextBytes(a);
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(255) - 127);
        }
        int[] zero = new int[m];
        java.util.Arrays.fill(zero, 128);
        float[] aScale = new float[m];
        float[] wScale = new float[n];
        java.util.Arrays.fill(aScale, 1e-3f);
        java.util.Arrays.fill(wScale, 2e-3f);
        float[] plain = Int8Reference.dequantize(Int8Reference.accumulate(a, m, zero, w, k, n), m, n, aScale, wScale, null);
        try (NativeInt8Gemm g = new NativeInt8Gemm(1)) {
            float[] c = new float[m * n];
            g.multiply(a, m, zero, aScale, g.pack(w, k, n), wScale, null, c, true);
            try (Kernels scalar = KernelBackends.create("scalar", 1)) {
                scalar.gelu(plain, plain.length);
            }
            for (int i = 0; i < c.length; i++) {
                assertEquals(plain[i], c[i], GELU_TOLERANCE + 2 * Math.ulp(plain[i]), "element " + i);
            }
        }
    }

    @Test
    void activationQuantizationSplitOverThreadsGivesTheReferenceCodes() {
        int m = 701; // m·k above GemmSplit's threshold, so two threads share the rows
        int k = 400;
        Random r = new Random(4);
        float[] x = new float[m * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * (1 + i % 7));
        }
        byte[] want = new byte[m * k];
        int[] wantZero = new int[m];
        float[] wantScale = new float[m];
        dev.plumbline.engines.kernels.Int8Quantization.rows(x, m, k, want, wantZero, wantScale);
        try (NativeInt8Gemm g = new NativeInt8Gemm(2)) {
            byte[] got = new byte[m * k];
            int[] gotZero = new int[m];
            float[] gotScale = new float[m];
            g.quantizeRows(x, m, k, got, gotZero, gotScale);
            assertArrayEquals(want, got);
            assertArrayEquals(wantZero, gotZero);
            assertArrayEquals(wantScale, gotScale);
        }
    }

    @Test
    void badArgumentsAreExceptionsNotCrashes() {
        try (NativeInt8Gemm g = new NativeInt8Gemm(2)) {
            byte[] w = new byte[12];
            NativeInt8Gemm.Packed p = g.pack(w, 3, 4);
            assertThrows(IllegalArgumentException.class, () -> g.pack(new byte[11], 3, 4));
            assertThrows(IllegalArgumentException.class, () -> g.pack(new byte[] {-128}, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> g.accumulate(new byte[5], 2, new int[2], p, new int[8]));
            assertThrows(IllegalArgumentException.class, () -> g.accumulate(new byte[6], 2, new int[1], p, new int[8]));
            assertThrows(IllegalArgumentException.class, () -> g.accumulate(new byte[6], 2, new int[2], p, new int[7]));
            assertThrows(IllegalArgumentException.class, () -> g.accumulate(new byte[6], 2, new int[] {0, 256}, p,
                    new int[8]));
            assertThrows(IllegalArgumentException.class, () -> g.multiply(new byte[6], 2, new int[2], new float[1], p,
                    new float[4], null, new float[8], false));
            g.close();
            assertThrows(IllegalStateException.class, () -> g.accumulate(new byte[6], 2, new int[2], p, new int[8]));
        }
    }
}
