package dev.plumbline.engines.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's naive form computes the same attention as the oracle. */
class NaiveAttentionTest {
    /** Rows are convex combinations of v (unit-scale): an absolute bound. */
    private static final double TOLERANCE = 2e-5;

    @Test
    void matchesTheScalarOracleOnOddLengths() {
        for (int len : new int[] {1, 7, 17, 130}) {
            int heads = 3;
            int headDim = 20;
            Random r = new Random(len);
            int size = len * heads * headDim;
            float[] q = new float[size];
            float[] k = new float[size];
            float[] v = new float[size];
            for (int i = 0; i < size; i++) {
                q[i] = (float) r.nextGaussian();
                k[i] = (float) r.nextGaussian();
                v[i] = (float) r.nextGaussian();
            }
            float[] want = new float[size];
            float[] got = new float[size];
            try (Kernels scalar = KernelBackends.create("scalar", 1); Kernels simd = KernelBackends.create("simd", 2)) {
                scalar.attention(q, k, v, new int[] {0}, new int[] {len}, heads, headDim, want);
                NaiveAttention.attention(simd, q, k, v, got, len, heads, headDim);
            }
            for (int i = 0; i < size; i++) {
                assertEquals(want[i], got[i], TOLERANCE, "len " + len + " element " + i);
            }
            assertTrue(NaiveAttention.extraBytes(len, headDim) >= (long) len * len * Float.BYTES);
        }
    }
}
