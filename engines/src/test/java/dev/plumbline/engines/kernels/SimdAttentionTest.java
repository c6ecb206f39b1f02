package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code simd} attention against the scalar oracle over odd lengths and head sizes, with sequences
 * packed back to back and laid out right-padded ({@code offsets[s] = s·seq}).
 */
class SimdAttentionTest {
    /**
     * |simd − oracle| ≤ 1e-6 · (1 + max score) · max|v| per output element. A score carries a
     * dot-product error of ~√d·u of its terms, softmax turns absolute score error into relative
     * weight error (exp's own 1e-7 on top), and a convex combination of V can be off by at most that
     * relative error times max|v|. Measured ≤ 8.1e-8 · (1 + max score) · max|v| here; a key of
     * another sequence or a missing 1/√d moves outputs by 1e-2 or more.
     */
    private static final double ATTENTION_TOLERANCE = 1e-6;

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1, 1, 1, 1f), Arguments.of(2, 7, 3, 7, 1f), Arguments.of(3, 13, 2, 16, 1f),
                Arguments.of(2, 13, 4, 32, 1f), Arguments.of(3, 127, 12, 32, 1f), Arguments.of(2, 127, 2, 33, 1f),
                Arguments.of(2, 384, 3, 64, 1f), Arguments.of(1, 384, 1, 1, 1f), Arguments.of(4, 1023, 1, 32, 1f),
                Arguments.of(2, 65, 2, 13, 6f), Arguments.of(2, 130, 3, 32, 8f), Arguments.of(9, 45, 12, 32, 1f),
                Arguments.of(17, 29, 5, 19, 2f));
    }

    @ParameterizedTest(name = "sequences={0} longest={1} heads={2} headDim={3} scale={4}")
    @MethodSource("shapes")
    void matchesOracleOnPackedAndPaddedLayoutsAndAnyThreadCount(int sequences, int longest, int heads, int headDim,
                                                                float scale) {
        long seed = 1000L * longest + 10L * heads + headDim + sequences;
        int[] lengths = lengths(sequences, longest, seed);
        for (AttentionLayouts.Layout layout : new AttentionLayouts.Layout[] {
                AttentionLayouts.packed(lengths), AttentionLayouts.padded(lengths, longest)}) {
            int size = layout.rows() * heads * headDim;
            float[] q = RandomArrays.uniform(seed, size, scale);
            float[] k = RandomArrays.uniform(seed + 1, size, scale);
            float[] v = RandomArrays.uniform(seed + 2, size, 1f);
            float[] expected = new float[size];
            try (Kernels scalar = new ScalarKernels()) {
                scalar.attention(q, k, v, layout.offsets(), lengths, heads, headDim, expected);
            }
            double tol = ATTENTION_TOLERANCE * (1 + AttentionLayouts.maxScore(q, k, layout, heads, headDim))
                    * AttentionLayouts.maxAbs(v);
            for (int threads : new int[] {1, 2, 3}) {
                try (Kernels simd = KernelBackends.create("simd", threads)) {
                    float[] out = new float[size];
                    simd.attention(q, k, v, layout.offsets(), lengths, heads, headDim, out);
                    assertSequenceRowsClose(expected, out, layout, heads * headDim, tol,
                            layout.name() + " threads=" + threads + " seed=" + seed);
                }
            }
        }
    }

    /** The first is {@code longest}; the rest random in [1, longest], and the last 1 when there are 3 or more. */
    static int[] lengths(int sequences, int longest, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] lengths = new int[sequences];
        for (int s = 0; s < sequences; s++) {
            lengths[s] = s == 0 ? longest : 1 + r.nextInt(longest);
        }
        if (sequences > 2) {
            lengths[sequences - 1] = 1;
        }
        return lengths;
    }

    /** Only rows of sequences are compared. */
    private static void assertSequenceRowsClose(float[] expected, float[] actual, AttentionLayouts.Layout layout,
                                                int width, double tol, String what) {
        int bad = 0;
        String first = "";
        for (int s = 0; s < layout.lengths().length; s++) {
            for (int i = 0; i < layout.lengths()[s]; i++) {
                for (int c = 0; c < width; c++) {
                    int at = (layout.offsets()[s] + i) * width + c;
                    if (!(Math.abs(expected[at] - actual[at]) <= tol) && bad++ == 0) {
                        first = "sequence " + s + " row " + i + " col " + c + " expected " + expected[at] + " got "
                                + actual[at];
                    }
                }
            }
        }
        assertEquals(0, bad, what + ": " + bad + " elements beyond " + tol + ", first " + first);
    }
}
