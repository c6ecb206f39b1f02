package dev.plumbline.ffm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fused (and naive) native attention against the FP64 textbook form, causal and not, on every ISA path. */
class NativeAttentionTest {
    /** The bound for fused attention against FP64: relative error ≤ 1e-5. */
    static final double RELATIVE_TOLERANCE = 1e-5;

    @BeforeEach
    void needsNative() {
        NativeAssumptions.assumeNative();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 2, 32), Arguments.of(7, 1, 64), Arguments.of(13, 3, 128),
                Arguments.of(64, 2, 64), Arguments.of(65, 1, 32), Arguments.of(129, 2, 128), Arguments.of(300, 1, 7),
                Arguments.of(1023, 1, 64), Arguments.of(4099, 1, 32));
    }

    @ParameterizedTest(name = "len={0} heads={1} headDim={2}")
    @MethodSource("shapes")
    void fusedAndNaiveMatchDoublePrecisionOnEveryPath(int len, int heads, int headDim) {
        Random r = new Random(len * 131L + headDim);
        int size = len * heads * headDim;
        // Scores of order 1..5: wide enough that the online softmax rescales often.
        float[] q = gaussian(r, size, 2.0f);
        float[] k = gaussian(r, size, 1.0f);
        float[] v = gaussian(r, size, 1.0f);
        for (boolean causal : new boolean[] {false, true}) {
            double[] want = AttentionReference.attention(q, k, v, len, heads, headDim, causal);
            NativeAssumptions.atEveryIsa(isa -> {
                try (NativeAttention a = new NativeAttention(2)) {
                    float[] out = new float[size];
                    a.fused(q, k, v, out, len, heads, headDim, causal);
                    double fused = AttentionReference.relativeError(out, want);
                    assertTrue(fused <= RELATIVE_TOLERANCE, isa + " causal=" + causal + " fused error " + fused);
                    if (len <= 1023) {
                        float[] naive = new float[size];
                        a.naive(q, k, v, naive, len, heads, headDim, causal);
                        double e = AttentionReference.relativeError(naive, want);
                        assertTrue(e <= RELATIVE_TOLERANCE, isa + " causal=" + causal + " naive error " + e);
                    }
                }
            });
        }
    }

    @Test
    void badShapesAreExceptions() {
        try (NativeAttention a = new NativeAttention(1)) {
            float[] x = new float[64];
            assertThrows(IllegalArgumentException.class, () -> a.fused(x, x, x, x, 2, 1, 64, false));
            assertThrows(IllegalArgumentException.class, () -> a.fused(x, x, x, x, 1, 1, 0, false));
            assertThrows(IllegalArgumentException.class, () -> a.naive(x, x, x, x, 0, 1, 8, false));
            float[] big = new float[300];
            assertThrows(IllegalArgumentException.class, () -> a.fused(big, big, big, big, 1, 1, 257, false));
        }
    }

    static float[] gaussian(Random r, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian() * scale;
        }
        return x;
    }
}
