package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract suite runs the native backends at the ISA level the CPU supports; this runs the
 * FP32 kernels at every lower level too (portable, AVX2, ...), against the scalar oracle, so the
 * fallbacks a user on an older CPU gets are tested on this one.
 */
class NativeKernelsIsaTest {
    /** GEMM: relative to Σ|a||w| per element, as the simd tests bound it. */
    static final double GEMM_TOLERANCE = 1e-5;
    /** Layer norm of unit-scale rows. */
    static final double LAYER_NORM_TOLERANCE = 2e-5;
    /** Attention rows are convex combinations of v: absolute bound. */
    static final double ATTENTION_TOLERANCE = 2e-5;

    @BeforeEach
    void needsNative() {
        NativeAssumptions.assumeNative();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(7, 13, 17), Arguments.of(13, 63, 65),
                Arguments.of(127, 384, 385), Arguments.of(384, 385, 64), Arguments.of(1023, 17, 1536),
                Arguments.of(4099, 9, 31));
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void everyPathMatchesTheScalarOracle(int m, int k, int n) {
        Random r = new Random(m * 7919L + k * 31L + n);
        float[] a = NativeAttentionTest.gaussian(r, m * k, 1f);
        float[] w = NativeAttentionTest.gaussian(r, k * n, 1f);
        float[] bias = NativeAttentionTest.gaussian(r, n, 1f);
        float[] want = new float[m * n];
        float[] wantGelu = new float[m * n];
        float[] x = NativeAttentionTest.gaussian(r, m * n, 3f);
        float[] res = NativeAttentionTest.gaussian(r, m * n, 1f);
        float[] gamma = NativeAttentionTest.gaussian(r, n, 1f);
        float[] beta = NativeAttentionTest.gaussian(r, n, 1f);
        float[] wantNorm = x.clone();
        float[] wantElementwise = x.clone();
        try (Kernels scalar = KernelBackends.create("scalar", 1)) {
            Kernels.PackedMatrix p = scalar.pack(w, k, n);
            scalar.gemm(a, m, p, bias, want);
            scalar.gemmGelu(a, m, p, bias, wantGelu);
            scalar.addLayerNorm(wantNorm, res, m, n, gamma, beta, 1e-12f);
            scalar.gelu(wantElementwise, m * n);
        }
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = Math.abs(bias[j]);
                for (int p = 0; p < k; p++) {
                    s += Math.abs(a[i * k + p] * w[p * n + j]);
                }
                bound[i * n + j] = GEMM_TOLERANCE * s + 1e-6;
            }
        }
        NativeAssumptions.atEveryIsa(isa -> {
            for (int threads : new int[] {1, 2}) {
                try (Kernels nat = KernelBackends.create(NativeBackendProvider.NAME, threads)) {
                    Kernels.PackedMatrix p = nat.pack(w, k, n);
                    float[] c = new float[m * n];
                    nat.gemm(a, m, p, bias, c);
                    float[] g = new float[m * n];
                    nat.gemmGelu(a, m, p, bias, g);
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(want[i], c[i], bound[i], isa + " gemm element " + i);
                        assertEquals(wantGelu[i], g[i], bound[i] + 1e-6, isa + " gemmGelu element " + i);
                    }
                    float[] norm = x.clone();
                    nat.addLayerNorm(norm, res, m, n, gamma, beta, 1e-12f);
                    assertArrayEquals(wantNorm, norm, (float) LAYER_NORM_TOLERANCE * 10, isa + " layer norm");
                    float[] e = x.clone();
                    nat.gelu(e, m * n);
                    for (int i = 0; i < e.length; i++) {
                        assertEquals(wantElementwise[i], e[i], 1e-7 + 2 * Math.ulp(wantElementwise[i]), isa + " gelu " + i);
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "len={0} heads={1} headDim={2}")
    @MethodSource("attentionShapes")
    void attentionOnEveryPathMatchesTheScalarOracle(int len, int heads, int headDim) {
        Random r = new Random(len + 17L * headDim);
        int[] offsets = {0, len + 3};
        int[] lengths = {len, Math.max(1, len / 2)};
        int rows = offsets[1] + lengths[1] + 2;
        int size = rows * heads * headDim;
        float[] q = NativeAttentionTest.gaussian(r, size, 1f);
        float[] k = NativeAttentionTest.gaussian(r, size, 1f);
        float[] v = NativeAttentionTest.gaussian(r, size, 1f);
        float[] want = new float[size];
        try (Kernels scalar = KernelBackends.create("scalar", 1)) {
            scalar.attention(q, k, v, offsets, lengths, heads, headDim, want);
        }
        NativeAssumptions.atEveryIsa(isa -> {
            try (Kernels nat = KernelBackends.create(NativeBackendProvider.NAME, 2)) {
                float[] out = new float[size];
                java.util.Arrays.fill(out, 42f);
                nat.attention(q, k, v, offsets, lengths, heads, headDim, out);
                for (int i = 0; i < size; i++) {
                    int row = i / (heads * headDim);
                    boolean inside = row < lengths[0] || (row >= offsets[1] && row < offsets[1] + lengths[1]);
                    if (inside) {
                        assertEquals(want[i], out[i], ATTENTION_TOLERANCE, isa + " element " + i);
                    } else {
                        assertEquals(42f, out[i], isa + " padding row " + row + " must stay untouched");
                    }
                }
            }
        });
        assertTrue(size > 0);
    }

    @ParameterizedTest(name = "k={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 15, 16, 17, 384, 1537})
    void activationQuantizationOnEveryPathIsTheJavaReference(int k) {
        Random r = new Random(k);
        int m = 5;
        float[] x = NativeAttentionTest.gaussian(r, m * k, 2f);
        for (int p = 0; p < k; p++) {
            x[k + p] = 0f;
            x[2 * k + p] = p % 2 == 0 ? 0.5f : -0.25f;
        }
        byte[] want = new byte[m * k];
        int[] wantZero = new int[m];
        float[] wantScale = new float[m];
        dev.plumbline.engines.kernels.Int8Quantization.rows(x, m, k, want, wantZero, wantScale);
        NativeAssumptions.atEveryIsa(isa -> {
            try (NativeInt8Gemm g = new NativeInt8Gemm(1)) {
                byte[] q = new byte[m * k];
                int[] zero = new int[m];
                float[] scale = new float[m];
                g.quantizeRows(x, m, k, q, zero, scale);
                assertArrayEquals(want, q, isa + " codes");
                assertArrayEquals(wantZero, zero, isa + " zero points");
                assertArrayEquals(wantScale, scale, isa + " scales");
            }
        });
    }

    static Stream<Arguments> attentionShapes() {
        return Stream.of(Arguments.of(1, 1, 32), Arguments.of(7, 3, 64), Arguments.of(130, 2, 128),
                Arguments.of(33, 2, 12));
    }
}
