package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Kernels#attention} contract on every available backend ({@link Backends}): sequences
 * at arbitrary row offsets (packed back to back, right-padded, or with unused rows between them)
 * each attend only to themselves, a sequence's output is bit for bit the same alone or in any
 * batch on any thread count, and rows outside every sequence are neither read nor written. The
 * tests against the double reference below run on {@code scalar} too (it is checked here, not
 * trusted); the one against the scalar oracle runs on the others.
 */
public class AttentionContractTest {
    /**
     * |backend − oracle| ≤ 1e-6 · (1 + max score) · max|v| per output element, against the scalar
     * oracle and against the double reference below (the scalar oracle, in double, lands within
     * float rounding of it). A score carries a dot-product error of ~√d·u of its terms, softmax
     * turns absolute score error into relative weight error (exp's own 1e-7 on top), and a convex
     * combination of V can be off by at most that relative error times max|v|. Measured on simd
     * ≤ 8.1e-8 · (1 + max score) · max|v|; a key of another sequence or a missing 1/√d moves
     * outputs by 1e-2 or more.
     */
    private static final double ATTENTION_TOLERANCE = 1e-6;

    /** sequences, longest, heads, headDim, scale of q and k: odd lengths 1 to 1023, odd head sizes. */
    static Stream<Arguments> oracleShapes() {
        return Stream.of(
                Arguments.of(1, 1, 1, 1, 1f), Arguments.of(2, 7, 3, 7, 1f), Arguments.of(3, 13, 2, 16, 1f),
                Arguments.of(2, 13, 4, 32, 1f), Arguments.of(3, 127, 12, 32, 1f), Arguments.of(2, 127, 2, 33, 1f),
                Arguments.of(2, 384, 3, 64, 1f), Arguments.of(1, 384, 1, 1, 1f), Arguments.of(4, 1023, 1, 32, 1f),
                Arguments.of(2, 65, 2, 13, 6f), Arguments.of(2, 130, 3, 32, 8f), Arguments.of(9, 45, 12, 32, 1f),
                Arguments.of(17, 29, 5, 19, 2f),
                // Longer than the streaming kernels' key blocks and query tiles: partial last blocks,
                // V copied (d = 33) and read in place (d = 128).
                Arguments.of(2, 2049, 2, 33, 1f), Arguments.of(1, 700, 2, 128, 4f));
    }

    static Stream<Arguments> fastBackendsAndOracleShapes() {
        return Backends.fastWith(oracleShapes());
    }

    static Stream<Arguments> shapes() {
        // sequences, longest, heads, headDim: odd head sizes (partial vector panels) and odd lengths.
        return Stream.of(Arguments.of(1, 1, 1, 1), Arguments.of(3, 5, 2, 3), Arguments.of(6, 45, 12, 32),
                Arguments.of(5, 13, 3, 17), Arguments.of(4, 70, 2, 33), Arguments.of(11, 9, 1, 64),
                Arguments.of(2, 129, 4, 16), Arguments.of(7, 31, 5, 7), Arguments.of(2, 1100, 2, 64));
    }

    static Stream<Arguments> allBackendsAndShapes() {
        return Backends.allWith(shapes());
    }

    static Stream<Arguments> allBackends() {
        return Backends.allArguments();
    }

    /** Against the scalar oracle, sequences packed back to back and right-padded to the longest. */
    @ParameterizedTest(name = "{0} sequences={1} longest={2} heads={3} headDim={4} scale={5}")
    @MethodSource("fastBackendsAndOracleShapes")
    void matchesOracleOnPackedAndPaddedLayoutsAndAnyThreadCount(String backend, int sequences, int longest,
                                                                int heads, int headDim, float scale) {
        long seed = 1000L * longest + 10L * heads + headDim + sequences;
        int[] lengths = AttentionLayouts.lengths(sequences, longest, seed);
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
                try (Kernels kernels = KernelBackends.create(backend, threads)) {
                    float[] out = new float[size];
                    kernels.attention(q, k, v, layout.offsets(), lengths, heads, headDim, out);
                    assertSequenceRowsClose(expected, out, layout, heads * headDim, tol,
                            backend + " " + layout.name() + " threads=" + threads + " seed=" + seed);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} sequences={1} longest={2} heads={3} headDim={4}")
    @MethodSource("allBackendsAndShapes")
    void matchesAPerSequenceReference(String backend, int sequences, int longest, int heads, int headDim) {
        long seed = 7919L * sequences + 31L * longest + 7L * heads + headDim;
        int[] lengths = AttentionLayouts.lengths(sequences, longest, seed);
        AttentionLayouts.Layout layout = gapped(lengths, seed);
        int hd = heads * headDim;
        int size = layout.rows() * hd;
        float[] q = RandomArrays.uniform(seed, size, 2f);
        float[] k = RandomArrays.uniform(seed + 1, size, 2f);
        float[] v = RandomArrays.uniform(seed + 2, size, 1f);
        for (int threads : new int[] {1, 2, 3}) {
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                float[] out = new float[size];
                kernels.attention(q, k, v, layout.offsets(), lengths, heads, headDim, out);
                for (int s = 0; s < sequences; s++) {
                    int from = layout.offsets()[s] * hd;
                    int to = from + lengths[s] * hd;
                    float[] qs = Arrays.copyOfRange(q, from, to);
                    float[] ks = Arrays.copyOfRange(k, from, to);
                    float[] vs = Arrays.copyOfRange(v, from, to);
                    double[] expected = reference(qs, ks, vs, lengths[s], heads, headDim);
                    double tol = ATTENTION_TOLERANCE
                            * (1 + AttentionLayouts.maxScore(qs, ks, 0, lengths[s], heads, headDim))
                            * AttentionLayouts.maxAbs(vs);
                    for (int e = 0; e < expected.length; e++) {
                        int row = e / hd;
                        assertEquals(expected[e], out[from + e], tol, backend + " threads=" + threads
                                + " sequence " + s + " (" + lengths[s] + " rows at " + layout.offsets()[s]
                                + ") row " + row + " col " + e % hd + " seed=" + seed);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} sequences={1} longest={2} heads={3} headDim={4}")
    @MethodSource("allBackendsAndShapes")
    void aSequenceGivesTheSameBitsAloneOrInAnyBatch(String backend, int sequences, int longest, int heads,
                                                    int headDim) {
        long seed = 104729L * sequences + 13L * longest + heads + headDim;
        int[] lengths = AttentionLayouts.lengths(sequences, longest, seed);
        AttentionLayouts.Layout layout = AttentionLayouts.packed(lengths);
        int hd = heads * headDim;
        float[] q = RandomArrays.uniform(seed, layout.rows() * hd, 2f);
        float[] k = RandomArrays.uniform(seed + 1, layout.rows() * hd, 2f);
        float[] v = RandomArrays.uniform(seed + 2, layout.rows() * hd, 1f);
        float[][] alone = new float[sequences][];
        try (Kernels one = KernelBackends.create(backend, 1)) {
            for (int s = 0; s < sequences; s++) {
                int from = layout.offsets()[s] * hd;
                int to = from + lengths[s] * hd;
                alone[s] = new float[to - from];
                one.attention(Arrays.copyOfRange(q, from, to), Arrays.copyOfRange(k, from, to),
                        Arrays.copyOfRange(v, from, to), new int[] {0}, new int[] {lengths[s]}, heads, headDim,
                        alone[s]);
            }
        }
        AttentionLayouts.Layout spread = gapped(lengths, seed);
        float[] sq = scatter(q, layout, spread, hd);
        float[] sk = scatter(k, layout, spread, hd);
        float[] sv = scatter(v, layout, spread, hd);
        for (int threads : new int[] {1, 2, 3}) {
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                float[] packed = new float[layout.rows() * hd];
                kernels.attention(q, k, v, layout.offsets(), lengths, heads, headDim, packed);
                float[] gapped = new float[spread.rows() * hd];
                kernels.attention(sq, sk, sv, spread.offsets(), lengths, heads, headDim, gapped);
                for (int s = 0; s < sequences; s++) {
                    String what = backend + " threads=" + threads + " sequence " + s + " (" + lengths[s]
                            + " rows) seed=" + seed;
                    assertArrayEquals(alone[s], rows(packed, layout, s, hd), what + ", packed batch");
                    assertArrayEquals(alone[s], rows(gapped, spread, s, hd), what + ", gapped batch");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBackends")
    void rowsOutsideEverySequenceAreNeitherReadNorWritten(String backend) {
        int heads = 3;
        int headDim = 20;
        int hd = heads * headDim;
        int[] lengths = {17, 4, 1, 9};
        AttentionLayouts.Layout layout = AttentionLayouts.gapped("gapped", lengths, new int[] {2, 0, 5, 1, 3});
        float[] q = RandomArrays.uniform(1, layout.rows() * hd, 1f);
        float[] k = RandomArrays.uniform(2, layout.rows() * hd, 1f);
        float[] v = RandomArrays.uniform(3, layout.rows() * hd, 1f);
        boolean[] used = new boolean[layout.rows()];
        for (int s = 0; s < lengths.length; s++) {
            Arrays.fill(used, layout.offsets()[s], layout.offsets()[s] + lengths[s], true);
        }
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            float[] clean = new float[layout.rows() * hd];
            kernels.attention(q, k, v, layout.offsets(), lengths, heads, headDim, clean);
            float[] dq = q.clone();
            float[] dk = k.clone();
            float[] dv = v.clone();
            float[] dirty = new float[layout.rows() * hd];
            for (int r = 0; r < layout.rows(); r++) {
                if (!used[r]) {
                    Arrays.fill(dq, r * hd, (r + 1) * hd, Float.NaN);
                    Arrays.fill(dk, r * hd, (r + 1) * hd, 1e30f);
                    Arrays.fill(dv, r * hd, (r + 1) * hd, -1e30f);
                    Arrays.fill(dirty, r * hd, (r + 1) * hd, 42f);
                }
            }
            kernels.attention(dq, dk, dv, layout.offsets(), lengths, heads, headDim, dirty);
            for (int r = 0; r < layout.rows(); r++) {
                float[] got = Arrays.copyOfRange(dirty, r * hd, (r + 1) * hd);
                if (used[r]) {
                    assertArrayEquals(Arrays.copyOfRange(clean, r * hd, (r + 1) * hd), got,
                            backend + ": row " + r + " changed when unused rows held garbage");
                } else {
                    float[] sentinel = new float[hd];
                    Arrays.fill(sentinel, 42f);
                    assertArrayEquals(sentinel, got, backend + ": unused row " + r + " was written");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allBackends")
    void noSequencesIsANoOp(String backend) {
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            float[] out = {42f};
            kernels.attention(new float[0], new float[0], new float[0], new int[0], new int[0], 2, 4, out);
            assertEquals(42f, out[0], backend);
        }
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

    /** Random gaps of 0..3 rows before, between and after the sequences. */
    private static AttentionLayouts.Layout gapped(int[] lengths, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return AttentionLayouts.gapped("gapped", lengths, r.ints(lengths.length + 1, 0, 4).toArray());
    }

    /** {@code x} laid out as {@code from} copied into a zero matrix laid out as {@code to}. */
    private static float[] scatter(float[] x, AttentionLayouts.Layout from, AttentionLayouts.Layout to, int width) {
        float[] y = new float[to.rows() * width];
        for (int s = 0; s < from.lengths().length; s++) {
            System.arraycopy(x, from.offsets()[s] * width, y, to.offsets()[s] * width, from.lengths()[s] * width);
        }
        return y;
    }

    private static float[] rows(float[] x, AttentionLayouts.Layout layout, int s, int width) {
        int from = layout.offsets()[s] * width;
        return Arrays.copyOfRange(x, from, from + layout.lengths()[s] * width);
    }

    /**
     * Attention of one contiguous sequence, in double, straight from the definition: per head and
     * query row, weights {@code e^(s_j − max s) / Σ e^(s_i − max s)} with {@code s = q·kᵀ / √d}.
     */
    private static double[] reference(float[] q, float[] k, float[] v, int len, int heads, int d) {
        int hd = heads * d;
        double[] out = new double[len * hd];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < len; i++) {
                double[] s = new double[len];
                for (int j = 0; j < len; j++) {
                    for (int c = 0; c < d; c++) {
                        s[j] += (double) q[i * hd + h * d + c] * k[j * hd + h * d + c];
                    }
                    s[j] /= Math.sqrt(d);
                }
                double max = Arrays.stream(s).max().orElseThrow();
                double total = 0;
                for (int j = 0; j < len; j++) {
                    total += Math.exp(s[j] - max);
                }
                for (int j = 0; j < len; j++) {
                    double w = Math.exp(s[j] - max) / total;
                    for (int c = 0; c < d; c++) {
                        out[i * hd + h * d + c] += w * v[j * hd + h * d + c];
                    }
                }
            }
        }
        return out;
    }
}
