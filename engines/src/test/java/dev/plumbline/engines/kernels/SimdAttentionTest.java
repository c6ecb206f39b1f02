package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code simd} attention against the scalar oracle over odd sequence lengths and head sizes. */
class SimdAttentionTest {
    /**
     * |simd − oracle| ≤ 1e-6 · (1 + max score) · max|v| per output element. A score carries a
     * dot-product error of ~√d·u of its terms, softmax turns absolute score error into relative
     * weight error (exp's own 1e-7 on top), and a convex combination of V can be off by at most that
     * relative error times max|v|. Measured ≤ 8.1e-8 · (1 + max score) · max|v| here; an unmasked
     * padding key or a missing 1/√d moves outputs by 1e-2 or more.
     */
    private static final double ATTENTION_TOLERANCE = 1e-6;

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1, 1, 1, 1f), Arguments.of(2, 7, 3, 7, 1f), Arguments.of(3, 13, 2, 16, 1f),
                Arguments.of(2, 13, 4, 32, 1f), Arguments.of(3, 127, 12, 32, 1f), Arguments.of(2, 127, 2, 33, 1f),
                Arguments.of(2, 384, 3, 64, 1f), Arguments.of(1, 384, 1, 1, 1f), Arguments.of(4, 1023, 1, 32, 1f),
                Arguments.of(2, 65, 2, 13, 6f), Arguments.of(2, 130, 3, 32, 8f));
    }

    @ParameterizedTest(name = "batch={0} seq={1} heads={2} headDim={3} scale={4}")
    @MethodSource("shapes")
    void matchesOracleWithPaddingAndThreads(int batch, int seq, int heads, int headDim, float scale) {
        long seed = 1000L * seq + 10L * heads + headDim;
        int size = batch * seq * heads * headDim;
        float[] q = RandomArrays.uniform(seed, size, scale);
        float[] k = RandomArrays.uniform(seed + 1, size, scale);
        float[] v = RandomArrays.uniform(seed + 2, size, 1f);
        int[] lengths = lengths(batch, seq, seed);
        float[] expected = new float[size];
        try (Kernels scalar = new ScalarKernels()) {
            scalar.attention(q, k, v, batch, seq, heads, headDim, lengths, expected);
        }
        double tol = ATTENTION_TOLERANCE * (1 + maxScore(q, k, batch, seq, heads, headDim)) * maxAbs(v);
        for (int threads : new int[] {1, 2, 3}) {
            try (Kernels simd = KernelBackends.create("simd", threads)) {
                float[] out = new float[size];
                simd.attention(q, k, v, batch, seq, heads, headDim, lengths, out);
                assertRealRowsClose(expected, out, batch, seq, heads * headDim, lengths, tol,
                        "threads=" + threads + " seed=" + seed);
            }
        }
    }

    @Test
    void paddedKeysGetNoWeight() {
        // Garbage (huge values) in the padding of k and v must not reach any real row.
        int batch = 2, seq = 9, heads = 2, headDim = 16;
        int size = batch * seq * heads * headDim;
        float[] q = RandomArrays.uniform(1, size, 1f);
        float[] k = RandomArrays.uniform(2, size, 1f);
        float[] v = RandomArrays.uniform(3, size, 1f);
        int[] lengths = {4, 9};
        float[] clean = new float[size];
        try (Kernels simd = KernelBackends.create("simd", 2)) {
            simd.attention(q, k, v, batch, seq, heads, headDim, lengths, clean);
            for (int i = 4 * heads * headDim; i < seq * heads * headDim; i++) {
                k[i] = 1e30f;
                v[i] = -1e30f;
            }
            float[] dirty = new float[size];
            simd.attention(q, k, v, batch, seq, heads, headDim, lengths, dirty);
            assertRealRowsClose(clean, dirty, batch, seq, heads * headDim, lengths, 0, "padding garbage");
        }
    }

    private static int[] lengths(int batch, int seq, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = b == 0 ? seq : 1 + r.nextInt(seq);
        }
        if (batch > 2) {
            lengths[batch - 1] = 1;
        }
        return lengths;
    }

    private static double maxScore(float[] q, float[] k, int batch, int seq, int heads, int d) {
        double max = 0;
        int hd = heads * d;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < seq; i++) {
                    for (int j = 0; j < seq; j++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += (double) q[(b * seq + i) * hd + h * d + c] * k[(b * seq + j) * hd + h * d + c];
                        }
                        max = Math.max(max, Math.abs(s) / Math.sqrt(d));
                    }
                }
            }
        }
        return max;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float f : x) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    /** Only rows of real tokens are specified; padded rows may hold anything. */
    static void assertRealRowsClose(float[] expected, float[] actual, int batch, int seq, int width, int[] lengths,
                                    double tol, String what) {
        int bad = 0;
        String first = "";
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < lengths[b]; i++) {
                for (int c = 0; c < width; c++) {
                    int at = (b * seq + i) * width + c;
                    if (!(Math.abs(expected[at] - actual[at]) <= tol)) {
                        if (bad++ == 0) {
                            first = "b=" + b + " row=" + i + " col=" + c + " expected " + expected[at] + " got "
                                    + actual[at];
                        }
                    }
                }
            }
        }
        assertEquals(0, bad, what + ": " + bad + " elements beyond " + tol + ", first " + first);
    }
}
