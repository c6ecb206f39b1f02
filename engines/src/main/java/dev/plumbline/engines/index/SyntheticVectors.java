package dev.plumbline.engines.index;

import java.util.SplittableRandom;

/**
 * Seeded, clustered, L2-normalized vectors for tests and benchmarks: a Gaussian mixture whose
 * centroids are random unit vectors, each point {@code normalize(c + spread·g/√dim)} for a centroid c
 * drawn uniformly and a standard normal g, so its cosine to its centroid is about
 * {@code 1/√(1 + spread²)}. Uniform random vectors are nothing like embeddings (every pair is nearly
 * orthogonal, so every index looks equally good or bad); a mixture has the near neighbours and
 * crowded regions that make approximate search work or fail.
 *
 * <p>Every row is generated from its own stream (seed and row number), so the set is the same for
 * any thread count, and rows are written in place: a 1,000,000 × 384 set needs its 1.5 GB once.
 */
public final class SyntheticVectors {
    private final int dim;
    private final float spread;
    private final long seed;
    private final float[][] centroids;

    /**
     * @param dim       dimension
     * @param clusters  number of mixture components
     * @param spread    noise norm relative to the (unit) centroid
     * @param seed      seed of everything
     */
    public SyntheticVectors(int dim, int clusters, double spread, long seed) {
        if (dim <= 0 || clusters <= 0) {
            throw new IllegalArgumentException("dim and clusters must be positive, got " + dim + " and " + clusters);
        }
        this.dim = dim;
        this.spread = (float) spread;
        this.seed = seed;
        this.centroids = new float[clusters][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < clusters; c++) {
            float[] v = new float[dim];
            for (int i = 0; i < dim; i++) {
                v[i] = (float) random.nextGaussian();
            }
            centroids[c] = normalize(v);
        }
    }

    /**
     * Rows {@code [first, first + n)} of stream {@code stream} (e.g. 0 for documents, 1 for queries),
     * generated on {@code threads} threads.
     */
    public float[][] rows(int stream, long first, int n, int threads) {
        float[][] out = new float[n][];
        int parts = Math.max(1, Math.min(threads, n / 4096 + 1));
        Parallel.run(parts, part -> {
            for (int r = Parallel.split(n, parts, part); r < Parallel.split(n, parts, part + 1); r++) {
                out[r] = row(stream, first + r);
            }
        });
        return out;
    }

    /** One row: its own stream, so it does not depend on which rows were generated before. */
    public float[] row(int stream, long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index);
        float[] c = centroids[random.nextInt(centroids.length)];
        float scale = spread / (float) Math.sqrt(dim);
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = c[i] + scale * (float) random.nextGaussian();
        }
        return normalize(v);
    }

    private static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
