package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layer norm and GELU on every available backend but {@code scalar} ({@link Backends#fast()})
 * against the scalar oracle over odd sizes (0 rows and n = 0 included), on 1–3 threads, with and
 * without a residual; GELU leaves everything past n untouched.
 */
public class ElementwiseContractTest {
    /**
     * Layer norm: |backend − oracle| ≤ 2e-6 · (|γ|·|x̂| + |β| + 1) per element, x̂ the normalised value.
     * Float sums over ≤ 4099 columns err by ~√cols·u relative (mean and variance), which carries
     * into x̂ at ~1e-7 · |x̂|; measured on simd 3.1e-7 over these sizes. A wrong epsilon, a one-pass
     * variance on offset data or a skipped tail lane all land far outside.
     */
    private static final double LAYER_NORM_TOLERANCE = 2e-6;
    /** GELU: the same bound {@link SimdMathTest} proves lane by lane, 2e-7 · max(1, |x|). */
    private static final double GELU_ABSOLUTE_PER_UNIT_X = 2e-7;

    static Stream<Arguments> backendsAndColumns() {
        return Backends.fastWith(1, 7, 13, 127, 384, 1023, 1536, 4099);
    }

    static Stream<Arguments> backendsAndLengths() {
        return Backends.fastWith(0, 1, 7, 13, 127, 384, 1023, 1536, 4099, 100_003);
    }

    @ParameterizedTest(name = "{0} cols={1}")
    @MethodSource("backendsAndColumns")
    void layerNormMatchesOracle(String backend, int cols) {
        for (int rows : new int[] {0, 1, 7, 13, 130, 1023}) {
            long seed = 7L * cols + rows;
            float[] x = RandomArrays.uniform(seed, rows * cols, 3f);
            // An offset much larger than the spread: the case that breaks E[x²] − E[x]².
            for (int i = 0; i < x.length; i += 2) {
                x[i] += 100f;
            }
            float[] residual = RandomArrays.uniform(seed + 1, rows * cols, 3f);
            float[] gamma = RandomArrays.uniform(seed + 2, cols, 2f);
            float[] beta = RandomArrays.uniform(seed + 3, cols, 1f);
            for (float[] res : new float[][] {residual, null}) {
                float[] expected = x.clone();
                try (Kernels scalar = new ScalarKernels()) {
                    scalar.addLayerNorm(expected, res, rows, cols, gamma, beta, 1e-12f);
                }
                for (int threads : new int[] {1, 2, 3}) {
                    float[] actual = x.clone();
                    try (Kernels kernels = KernelBackends.create(backend, threads)) {
                        kernels.addLayerNorm(actual, res, rows, cols, gamma, beta, 1e-12f);
                    }
                    int bad = 0;
                    String first = "";
                    for (int i = 0; i < actual.length; i++) {
                        int j = i % cols;
                        double normalised = gamma[j] == 0 ? 0 : (expected[i] - beta[j]) / gamma[j];
                        double tol = LAYER_NORM_TOLERANCE
                                * (Math.abs(gamma[j] * normalised) + Math.abs(beta[j]) + 1);
                        if (!(Math.abs(expected[i] - actual[i]) <= tol) && bad++ == 0) {
                            first = "element " + i + " expected " + expected[i] + " got " + actual[i];
                        }
                    }
                    assertEquals(0, bad, backend + " rows=" + rows + " cols=" + cols + " threads=" + threads
                            + " residual=" + (res != null) + ": " + first);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("backendsAndLengths")
    void geluMatchesOracleAndStopsAtN(String backend, int n) {
        float[] x = RandomArrays.uniform(n, n + 5, 8f);
        float[] expected = x.clone();
        try (Kernels scalar = new ScalarKernels()) {
            scalar.gelu(expected, n);
        }
        for (int threads : new int[] {1, 2, 3}) {
            float[] actual = x.clone();
            try (Kernels kernels = KernelBackends.create(backend, threads)) {
                kernels.gelu(actual, n);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], actual[i], GELU_ABSOLUTE_PER_UNIT_X * Math.max(1, Math.abs(x[i])),
                        backend + " gelu element " + i + " of " + n + " threads=" + threads);
            }
            for (int i = n; i < x.length; i++) {
                assertEquals(x[i], actual[i], 0f, backend + ": element past n must stay untouched");
            }
        }
    }
}
