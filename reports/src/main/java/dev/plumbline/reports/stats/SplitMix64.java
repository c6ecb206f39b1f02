package dev.plumbline.reports.stats;

import java.nio.charset.StandardCharsets;

/**
 * SplitMix64 (Steele, Lea and Flood), written out here rather than taken from
 * {@link java.util.SplittableRandom} so that seeded intervals and p-values are defined by this
 * file alone and stay identical across JDK versions: golden files and reproduced runs depend on it.
 * Not thread-safe; use one per computation.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    /** @param seed any value; equal seeds give equal sequences */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * A value in {@code [0, bound)}: the high 32 bits scaled by {@code bound} (Lemire's
     * multiply-shift without the rejection step; the bias is below {@code bound / 2^32}, far
     * under the resolution of any bootstrap here).
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * Fills {@code out} with values in {@code [0, bound)}, two per 64-bit draw (high and low
     * halves, each scaled as in {@link #nextInt}): the bootstrap's hot loop draws millions.
     */
    public void fill(int[] out, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int i = 0;
        for (; i + 1 < out.length; i += 2) {
            long r = nextLong();
            out[i] = (int) (((r >>> 32) * bound) >>> 32);
            out[i + 1] = (int) (((r & 0xffffffffL) * bound) >>> 32);
        }
        if (i < out.length) {
            out[i] = nextInt(bound);
        }
    }

    /** SplitMix64's output function, a good 64-bit mixer on its own. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed for one named computation derived from a base seed, so that each metric gets its
     * own stream and adding or removing a metric leaves the other metrics' intervals unchanged.
     * The names are hashed with FNV-1a over their UTF-8 bytes (stable, unlike {@code hashCode}
     * of arbitrary objects).
     */
    public static long derive(long seed, String... names) {
        long h = 0xcbf29ce484222325L;
        for (String name : names) {
            for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            // A separator so that ("ab", "c") and ("a", "bc") differ.
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }
}
