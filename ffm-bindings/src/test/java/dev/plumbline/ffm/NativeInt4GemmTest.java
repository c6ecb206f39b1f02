package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.Int4Kernels;
import dev.plumbline.engines.kernels.Q4_0;
import dev.plumbline.engines.kernels.Q8_0;
import dev.plumbline.engines.kernels.ScalarInt4Gemm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The int4 GEMM on every ISA path (VNNI and portable) and thread count gives the Java reference's
 * outputs bit for bit, and its activation quantizer the reference's blocks; bad arguments are
 * exceptions.
 */
class NativeInt4GemmTest {
    @BeforeEach
    void needsNative() {
        NativeAssumptions.assumeNative();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(1, 31, 17), Arguments.of(2, 32, 16), Arguments.of(5, 63, 65),
                Arguments.of(13, 127, 33), Arguments.of(127, 384, 385), Arguments.of(300, 96, 40),
                Arguments.of(97, 1536, 384));
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void outputsAreBitIdenticalToTheReferenceOnEveryPath(int m, int k, int n) {
        Random r = new Random(7L * m + 13L * k + n);
        float[] x = new float[m * k];
        float[] w = new float[k * n];
        float[] bias = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.05);
        }
        for (int j = 0; j < n; j++) {
            bias[j] = (float) r.nextGaussian();
        }
        byte[] q4 = Int4Kernels.quantizeColumns(w, k, n);
        int blocks = Q8_0.blocks(k);
        byte[] a = new byte[m * blocks * Q4_0.BLOCK];
        float[] d = new float[m * blocks];
        int[] sum = new int[m * blocks];
        Q8_0.quantizeRows(x, m, k, a, d, sum);
        float[] expected = new float[m * n];
        try (ScalarInt4Gemm ref = new ScalarInt4Gemm()) {
            ref.multiply(a, m, d, sum, ref.pack(q4, k, n), bias, expected, false);
        }
        NativeAssumptions.atEveryIsa(isa -> {
            for (int threads : new int[] {1, 2}) {
                try (NativeInt4Gemm g = new NativeInt4Gemm(threads)) {
                    byte[] ga = new byte[a.length];
                    float[] gd = new float[d.length];
                    int[] gs = new int[sum.length];
                    g.quantizeRows(x, m, k, ga, gd, gs);
                    assertArrayEquals(a, ga, isa + " codes");
                    assertArrayEquals(d, gd, isa + " scales");
                    assertArrayEquals(sum, gs, isa + " sums");
                    float[] c = new float[m * n];
                    g.multiply(a, m, d, sum, g.pack(q4, k, n), bias, c, false);
                    assertArrayEquals(expected, c, isa + " threads=" + threads);
                    assertEquals((long) Math.ceilDiv(n, 16) * 16 * blocks * Q4_0.BLOCK_BYTES, g.offHeapBytes(),
                            "packed bytes: Q4_0's 18 per block, columns padded to 16");
                }
            }
        });
    }

    @Test
    void activationQuantizationSplitOverThreadsGivesTheReferenceBlocks() {
        int m = 701; // m·k above GemmSplit's threshold, so two threads share the rows
        int k = 400;
        Random r = new Random(3);
        float[] x = new float[m * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int blocks = Q8_0.blocks(k);
        byte[] want = new byte[m * blocks * Q4_0.BLOCK];
        float[] wantD = new float[m * blocks];
        int[] wantSum = new int[m * blocks];
        Q8_0.quantizeRows(x, m, k, want, wantD, wantSum);
        try (NativeInt4Gemm g = new NativeInt4Gemm(2)) {
            byte[] got = new byte[want.length];
            float[] gotD = new float[wantD.length];
            int[] gotSum = new int[wantSum.length];
            g.quantizeRows(x, m, k, got, gotD, gotSum);
            assertArrayEquals(want, got);
            assertArrayEquals(wantD, gotD);
            assertArrayEquals(wantSum, gotSum);
        }
    }

    @Test
    void badArgumentsAreExceptionsNotCrashes() {
        try (NativeInt4Gemm g = new NativeInt4Gemm(2)) {
            byte[] q4 = new byte[4 * Q4_0.BLOCK_BYTES];
            NativeInt4Gemm.Packed p = g.pack(q4, 3, 4);
            assertThrows(IllegalArgumentException.class, () -> g.pack(new byte[10], 3, 4));
            assertThrows(IllegalArgumentException.class, () -> g.pack(q4, 33, 4));
            assertThrows(IllegalArgumentException.class, () -> g.multiply(new byte[63], 2, new float[2], new int[2], p,
                    null, new float[8], false));
            assertThrows(IllegalArgumentException.class, () -> g.multiply(new byte[64], 2, new float[1], new int[2], p,
                    null, new float[8], false));
            assertThrows(IllegalArgumentException.class, () -> g.multiply(new byte[64], 2, new float[2], new int[2], p,
                    new float[3], new float[8], false));
            assertThrows(IllegalArgumentException.class, () -> g.multiply(new byte[64], 2, new float[2], new int[2], p,
                    null, new float[7], false));
            assertThrows(IllegalArgumentException.class, () -> g.quantizeRows(new float[5], 2, 3, new byte[64],
                    new float[2], new int[2]));
            g.close();
            assertThrows(IllegalStateException.class, () -> g.multiply(new byte[64], 2, new float[2], new int[2], p,
                    null, new float[8], false));
        }
    }
}
