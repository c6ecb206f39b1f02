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

/**
 * The {@link Kernels#gemm} and {@link Kernels#gemmGelu} contract on every available backend but
 * {@code scalar} ({@link Backends#fast()}): against the double-accumulating scalar oracle over odd,
 * independent m (0 included), k, n, on 1–3 threads; fused GELU agrees with the backend's own
 * gemm then gelu; nothing past the m·n outputs is written; and a row's bits do not depend on the
 * rows around it, the row count or the thread count.
 */
public class GemmContractTest {
    /** Backends that are not batch-invariant: rows of unit scale over k = 400 terms, absolute. */
    static final float NOT_INVARIANT_TOLERANCE = 1e-5f;
    /** Unit roundoff of float. */
    private static final double U = 0x1p-24;
    /**
     * Per element, |backend − oracle| ≤ (4·√k + 2)·u·(Σ_p |a_ip·w_pj| + |bias_j|). Float accumulation
     * errors of k products behave like a random walk (measured on simd ≤ 1.8·√k·u·Σ|ab| over these
     * shapes, the worst at small k where the final rounding dominates); 4·√k keeps
     * a wide margin yet stays far below one product's weight (1/k of the sum), so a dropped or
     * doubled term fails. The +2 covers rounding the bias add and the final store.
     */
    private static final double GEMM_SQRT_K_FACTOR = 4;
    /** Largest slope of GELU (at x ≈ 1.5): how much a GEMM error can grow through it. */
    private static final double GELU_MAX_SLOPE = 1.13;
    /** GELU against the exact function: 2e-7 · max(1, |x|), the bound {@link SimdMathTest} proves for simd. */
    private static final double GELU_ABSOLUTE_PER_UNIT_X = 2e-7;
    /**
     * A backend's fused {@code gemmGelu} against its own {@code gemm} then {@code gelu}: each lies
     * within the oracle bound of {@link #fusedGeluMatchesGemmThenGelu}, so they lie within twice
     * that of each other (a fused path may block or approximate differently; on simd the two agree
     * bit for bit).
     */
    private static final double FUSED_VS_SEPARATE_FACTOR = 2;

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
                Arguments.of(0, 13, 7), Arguments.of(0, 1023, 384),
                Arguments.of(1, 1, 1), Arguments.of(1, 7, 13), Arguments.of(7, 13, 1), Arguments.of(13, 1, 7),
                Arguments.of(6, 384, 64), Arguments.of(12, 768, 128), Arguments.of(127, 13, 127),
                Arguments.of(1, 384, 384), Arguments.of(7, 1023, 13), Arguments.of(13, 127, 1023),
                Arguments.of(127, 1536, 7), Arguments.of(384, 127, 1536), Arguments.of(127, 1023, 1023),
                Arguments.of(4099, 7, 13), Arguments.of(7, 4099, 13), Arguments.of(13, 7, 4099),
                Arguments.of(1023, 384, 65), Arguments.of(65, 1536, 384));
    }

    static Stream<Arguments> backendsAndShapes() {
        return Backends.fastWith(shapes());
    }

    static Stream<Arguments> backendsAndGelu() {
        return Backends.fastWith(false, true);
    }

    @ParameterizedTest(name = "{0} m={1} k={2} n={3}")
    @MethodSource("backendsAndShapes")
    void matchesOracleOnEveryThreadCount(String backend, int m, int k, int n) {
        long seed = 31L * m + 17L * k + n;
        float[] a = RandomArrays.uniform(seed, m * k, 1f);
        float[] w = RandomArrays.uniform(seed + 1, k * n, 1f);
        float[] bias = RandomArrays.uniform(seed + 2, n, 1f);
        for (float[] b : new float[][] {bias, null}) {
            float[] expected = new float[m * n];
            scalar.gemm(a, m, scalar.pack(w, k, n), b, expected);
            double[] scale = magnitudes(a, m, k, w, n, b);
            for (int threads : new int[] {1, 2, 3}) {
                try (Kernels kernels = KernelBackends.create(backend, threads)) {
                    float[] c = new float[m * n];
                    kernels.gemm(a, m, kernels.pack(w, k, n), b, c);
                    assertClose(expected, c, scale, k, backend + " m=" + m + " k=" + k + " n=" + n + " threads="
                            + threads + " bias=" + (b != null) + " seed=" + seed);
                }
            }
        }
    }

    /**
     * Fused GEMM + GELU against the oracle's gemm then gelu: the GEMM bound carried through GELU,
     * whose slope never exceeds {@value #GELU_MAX_SLOPE}, plus GELU's own bound
     * ({@value #GELU_ABSOLUTE_PER_UNIT_X} · max(1, |x|)).
     */
    @ParameterizedTest(name = "{0} m={1} k={2} n={3}")
    @MethodSource("backendsAndShapes")
    void fusedGeluMatchesGemmThenGelu(String backend, int m, int k, int n) {
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
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                float[] c = new float[m * n];
                kernels.gemmGelu(a, m, kernels.pack(w, k, n), bias, c);
                int bad = 0;
                String first = "";
                for (int i = 0; i < c.length; i++) {
                    double tol = GELU_MAX_SLOPE * factor * scale[i]
                            + GELU_ABSOLUTE_PER_UNIT_X * Math.max(1, Math.abs(pre[i]));
                    if (!(Math.abs(expected[i] - c[i]) <= tol) && bad++ == 0) {
                        first = "element " + i + " expected " + expected[i] + " got " + c[i];
                    }
                }
                assertEquals(0, bad, backend + " m=" + m + " k=" + k + " n=" + n + " threads=" + threads + ": "
                        + first);
            }
        }
    }

    /**
     * A backend's fused {@code gemmGelu} against its own {@code gemm} then {@code gelu} on the same
     * packed matrix: within {@value #FUSED_VS_SEPARATE_FACTOR} × the bound of
     * {@link #fusedGeluMatchesGemmThenGelu}. The encoder may take either path, so they must agree.
     */
    @ParameterizedTest(name = "{0} m={1} k={2} n={3}")
    @MethodSource("backendsAndShapes")
    void fusedGeluAgreesWithTheBackendsOwnGemmThenGelu(String backend, int m, int k, int n) {
        long seed = 89L * m + 11L * k + n;
        float[] a = RandomArrays.uniform(seed, m * k, 1f);
        float[] w = RandomArrays.uniform(seed + 1, k * n, (float) (2 / Math.sqrt(k)));
        float[] bias = RandomArrays.uniform(seed + 2, n, 1f);
        double[] scale = magnitudes(a, m, k, w, n, bias);
        double factor = (GEMM_SQRT_K_FACTOR * Math.sqrt(k) + 2) * U;
        for (int threads : new int[] {1, 2}) {
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                Kernels.PackedMatrix pw = kernels.pack(w, k, n);
                float[] separate = new float[m * n];
                kernels.gemm(a, m, pw, bias, separate);
                float[] pre = separate.clone();
                kernels.gelu(separate, m * n);
                float[] fused = new float[m * n];
                kernels.gemmGelu(a, m, pw, bias, fused);
                int bad = 0;
                String first = "";
                for (int i = 0; i < fused.length; i++) {
                    double tol = FUSED_VS_SEPARATE_FACTOR * (GELU_MAX_SLOPE * factor * scale[i]
                            + GELU_ABSOLUTE_PER_UNIT_X * Math.max(1, Math.abs(pre[i])));
                    if (!(Math.abs(separate[i] - fused[i]) <= tol) && bad++ == 0) {
                        first = "element " + i + " gemm then gelu " + separate[i] + ", gemmGelu " + fused[i]
                                + " (tolerance " + tol + ")";
                    }
                }
                assertEquals(0, bad, backend + " m=" + m + " k=" + k + " n=" + n + " threads=" + threads
                        + " seed=" + seed + ": " + bad + " elements out of tolerance, first " + first);
            }
        }
    }

    @ParameterizedTest(name = "{0} m={1} k={2} n={3}")
    @MethodSource("backendsAndShapes")
    void leavesEverythingPastTheOutputUntouched(String backend, int m, int k, int n) {
        float[] a = RandomArrays.uniform(5, m * k, 1f);
        float[] w = RandomArrays.uniform(6, k * n, 1f);
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            Kernels.PackedMatrix pw = kernels.pack(w, k, n);
            for (boolean gelu : new boolean[] {false, true}) {
                float[] c = new float[m * n + 37];
                Arrays.fill(c, m * n, c.length, 42f);
                if (gelu) {
                    kernels.gemmGelu(a, m, pw, null, c);
                } else {
                    kernels.gemm(a, m, pw, null, c);
                }
                float[] sentinel = new float[37];
                Arrays.fill(sentinel, 42f);
                assertArrayEquals(sentinel, Arrays.copyOfRange(c, m * n, c.length),
                        backend + (gelu ? " gemmGelu" : " gemm") + " wrote past m·n");
            }
        }
    }

    /**
     * A row's result does not depend on the rows around it, the row count or the thread count, bit
     * for bit: the packed encoder relies on it (a sequence's rows land at a different offset of a
     * different-sized matrix in every batch). On simd this covers the single-thread path (few FMAs),
     * the split by column panels (few rows) and the split by row chunks (many rows), with a partial
     * last panel, a depth over {@link SimdGemm#KC} and row ranges that start mid-tile.
     */
    @ParameterizedTest(name = "{0} gelu={1}")
    @MethodSource("backendsAndGelu")
    void aRowGivesTheSameBitsWhateverTheRowCountOrThreads(String backend, boolean gelu) {
        int m = 700;
        int k = 400;
        int n = 100;
        float[] a = RandomArrays.uniform(11, m * k, 1f);
        float[] w = RandomArrays.uniform(12, k * n, (float) (2 / Math.sqrt(k)));
        float[] bias = RandomArrays.uniform(13, n, 1f);
        float[] alone = new float[m * n];
        try (Kernels one = KernelBackends.create(backend, 1)) {
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
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                Kernels.PackedMatrix pw = kernels.pack(w, k, n);
                boolean exact = kernels.batchInvariant();
                for (int[] range : new int[][] {{0, m}, {20, 24}, {5, 12}, {1, 60}, {7, 300}, {3, 3 + 97 * threads}}) {
                    int rows = range[1] - range[0];
                    float[] c = new float[rows * n];
                    float[] ar = Arrays.copyOfRange(a, range[0] * k, range[1] * k);
                    if (gelu) {
                        kernels.gemmGelu(ar, rows, pw, bias, c);
                    } else {
                        kernels.gemm(ar, rows, pw, bias, c);
                    }
                    // A backend that does not promise bits (OpenBLAS picks kernels by shape) must still
                    // agree within float rounding of a k-term sum.
                    assertArrayEquals(Arrays.copyOfRange(alone, range[0] * n, range[1] * n), c,
                            exact ? 0f : NOT_INVARIANT_TOLERANCE,
                            backend + " rows " + Arrays.toString(range) + " threads=" + threads);
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
