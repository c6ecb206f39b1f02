package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code simd} GEMM against the double-accumulating scalar oracle over odd, independent m, k, n. */
class SimdGemmTest {
    /** Unit roundoff of float. */
    private static final double U = 0x1p-24;
    /**
     * Per element, |simd − oracle| ≤ (4·√k + 2)·u·(Σ_p |a_ip·w_pj| + |bias_j|). Float accumulation
     * errors of k products behave like a random walk (measured ≤ 1.8·√k·u·Σ|ab| over these shapes,
     * the worst at small k where the final rounding dominates); 4·√k keeps
     * a wide margin yet stays far below one product's weight (1/k of the sum), so a dropped or
     * doubled term fails. The +2 covers rounding the bias add and the final store.
     */
    private static final double GEMM_SQRT_K_FACTOR = 4;
    /** Largest slope of GELU (at x ≈ 1.5): how much a GEMM error can grow through it. */
    private static final double GELU_MAX_SLOPE = 1.13;

    private static Kernels scalar;

    @BeforeAll
    static void oracle() {
        scalar = new ScalarKernels();
    }

    @AfterAll
    static void close() {
        scalar.close();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1, 1), Arguments.of(1, 7, 13), Arguments.of(7, 13, 1), Arguments.of(13, 1, 7),
                Arguments.of(6, 384, 64), Arguments.of(12, 768, 128), Arguments.of(127, 13, 127),
                Arguments.of(1, 384, 384), Arguments.of(7, 1023, 13), Arguments.of(13, 127, 1023),
                Arguments.of(127, 1536, 7), Arguments.of(384, 127, 1536), Arguments.of(127, 1023, 1023),
                Arguments.of(4099, 7, 13), Arguments.of(7, 4099, 13), Arguments.of(13, 7, 4099),
                Arguments.of(1023, 384, 65), Arguments.of(65, 1536, 384));
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void matchesOracleOnEveryThreadCount(int m, int k, int n) {
        long seed = 31L * m + 17L * k + n;
        float[] a = RandomArrays.uniform(seed, m * k, 1f);
        float[] w = RandomArrays.uniform(seed + 1, k * n, 1f);
        float[] bias = RandomArrays.uniform(seed + 2, n, 1f);
        for (float[] b : new float[][] {bias, null}) {
            float[] expected = new float[m * n];
            scalar.gemm(a, m, scalar.pack(w, k, n), b, expected);
            double[] scale = magnitudes(a, m, k, w, n, b);
            for (int threads : new int[] {1, 2, 3}) {
                try (Kernels simd = KernelBackends.create("simd", threads)) {
                    float[] c = new float[m * n];
                    simd.gemm(a, m, simd.pack(w, k, n), b, c);
                    assertClose(expected, c, scale, k, "m=" + m + " k=" + k + " n=" + n + " threads=" + threads
                            + " bias=" + (b != null) + " seed=" + seed);
                }
            }
        }
    }

    /**
     * Fused GEMM + GELU against the oracle's gemm then gelu: the GEMM bound carried through GELU,
     * whose slope never exceeds {@value #GELU_MAX_SLOPE}, plus GELU's own bound
     * ({@link SimdMathTest}: 2e-7 · max(1, |x|)).
     */
    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void fusedGeluMatchesGemmThenGelu(int m, int k, int n) {
        long seed = 97L * m + 13L * k + n;
        float[] a = RandomArrays.uniform(seed, m * k, 1f);
        float[] w = RandomArrays.uniform(seed + 1, k * n, (float) (2 / Math.sqrt(k)));
        float[] bias = RandomArrays.uniform(seed + 2, n, 1f);
        float[] pre = new float[m * n];
        scalar.gemm(a, m, scalar.pack(w, k, n), bias, pre);
        float[] expected = new float[m * n];
        scalar.gemmGelu(a, m, scalar.pack(w, k, n), bias, expected);
        double[] scale = magnitudes(a, m, k, w, n, bias);
        double factor = (GEMM_SQRT_K_FACTOR * Math.sqrt(k) + 2) * U;
        for (int threads : new int[] {1, 2}) {
            try (Kernels simd = KernelBackends.create("simd", threads)) {
                float[] c = new float[m * n];
                simd.gemmGelu(a, m, simd.pack(w, k, n), bias, c);
                int bad = 0;
                String first = "";
                for (int i = 0; i < c.length; i++) {
                    double tol = GELU_MAX_SLOPE * factor * scale[i] + 2e-7 * Math.max(1, Math.abs(pre[i]));
                    if (!(Math.abs(expected[i] - c[i]) <= tol) && bad++ == 0) {
                        first = "element " + i + " expected " + expected[i] + " got " + c[i];
                    }
                }
                assertEquals(0, bad, "m=" + m + " k=" + k + " n=" + n + " threads=" + threads + ": " + first);
            }
        }
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void leavesEverythingPastTheOutputUntouched(int m, int k, int n) {
        float[] a = RandomArrays.uniform(5, m * k, 1f);
        float[] w = RandomArrays.uniform(6, k * n, 1f);
        try (Kernels simd = KernelBackends.create("simd", 2)) {
            float[] c = new float[m * n + 37];
            Arrays.fill(c, m * n, c.length, 42f);
            simd.gemm(a, m, simd.pack(w, k, n), null, c);
            float[] sentinel = new float[37];
            Arrays.fill(sentinel, 42f);
            assertArrayEquals(sentinel, Arrays.copyOfRange(c, m * n, c.length), "gemm wrote past m·n");
        }
    }

    /**
     * A row's result does not depend on the rows around it, the row count or the thread count, bit
     * for bit: the packed encoder relies on it (a sequence's rows land at a different offset of a
     * different-sized matrix in every batch). Covers the single-thread path (few FMAs), the split by
     * column panels (few rows) and the split by row chunks (many rows), with a partial last panel,
     * a depth over {@link SimdGemm#KC} and row ranges that start mid-tile.
     */
    @ParameterizedTest(name = "gelu={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aRowGivesTheSameBitsWhateverTheRowCountOrThreads(boolean gelu) {
        int m = 700;
        int k = 400;
        int n = 100;
        float[] a = RandomArrays.uniform(11, m * k, 1f);
        float[] w = RandomArrays.uniform(12, k * n, (float) (2 / Math.sqrt(k)));
        float[] bias = RandomArrays.uniform(13, n, 1f);
        float[] alone = new float[m * n];
        try (Kernels one = KernelBackends.create("simd", 1)) {
            Kernels.PackedMatrix pw = one.pack(w, k, n);
            float[] row = new float[n];
            for (int i = 0; i < m; i++) {
                float[] ai = Arrays.copyOfRange(a, i * k, (i + 1) * k);
                if (gelu) {
                    one.gemmGelu(ai, 1, pw, bias, row);
                } else {
                    one.gemm(ai, 1, pw, bias, row);
                }
                System.arraycopy(row, 0, alone, i * n, n);
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            try (Kernels simd = KernelBackends.create("simd", threads)) {
                Kernels.PackedMatrix pw = simd.pack(w, k, n);
                for (int[] range : new int[][] {{0, m}, {20, 24}, {5, 12}, {1, 60}, {7, 300}, {3, 3 + 97 * threads}}) {
                    int rows = range[1] - range[0];
                    float[] c = new float[rows * n];
                    float[] ar = Arrays.copyOfRange(a, range[0] * k, range[1] * k);
                    if (gelu) {
                        simd.gemmGelu(ar, rows, pw, bias, c);
                    } else {
                        simd.gemm(ar, rows, pw, bias, c);
                    }
                    assertArrayEquals(Arrays.copyOfRange(alone, range[0] * n, range[1] * n), c,
                            "rows " + Arrays.toString(range) + " threads=" + threads);
                }
            }
        }
    }

    /** Σ_p |a_ip·w_pj| + |bias_j| per output element, in double. */
    private static double[] magnitudes(float[] a, int m, int k, float[] w, int n, float[] bias) {
        double[] s = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = Math.abs(a[i * k + p]);
                for (int j = 0; j < n; j++) {
                    s[i * n + j] += aip * Math.abs(w[p * n + j]);
                }
            }
            for (int j = 0; j < n; j++) {
                s[i * n + j] += bias == null ? 0 : Math.abs(bias[j]);
            }
        }
        return s;
    }

    private static void assertClose(float[] expected, float[] actual, double[] scale, int k, String what) {
        double factor = (GEMM_SQRT_K_FACTOR * Math.sqrt(k) + 2) * U;
        int bad = 0;
        String first = "";
        for (int i = 0; i < expected.length; i++) {
            double tol = factor * scale[i];
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                if (bad++ == 0) {
                    first = "element " + i + " expected " + expected[i] + " got " + actual[i] + " (tolerance " + tol
                            + ")";
                }
            }
        }
        assertEquals(0, bad, what + ": " + bad + " elements out of tolerance, first " + first);
    }
}
