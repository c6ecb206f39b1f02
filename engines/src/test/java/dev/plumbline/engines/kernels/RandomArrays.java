package dev.plumbline.engines.kernels;

import java.util.SplittableRandom;

/** Seeded test data: every failure reproduces from the seed in its message. */
final class RandomArrays {
    private RandomArrays() {
    }

    /** {@code n} floats uniform in {@code [-scale, scale)}. */
    static float[] uniform(long seed, int n, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }
}
