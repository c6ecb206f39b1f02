package dev.plumbline.engines.index;

/**
 * Binary quantization: one sign bit per dimension ({@code x[i] > mean[i]}, with the corpus mean
 * learned at build when {@code center} is on, else 0), packed 64 to a {@code long}; documents are
 * ranked by Hamming distance to the query's bits ({@code Long.bitCount} of the XOR, which the JIT
 * compiles to {@code popcnt}), scored {@code dim − 2·hamming}. Four queries share each document's
 * words while they are in registers. With {@code rescore} the top {@code k × oversample} are scored
 * again in FP32 against the original vectors (kept by reference and counted in {@link #bytes()}).
 *
 * <p>Why center: sign bits carry information only where a dimension's values straddle the split;
 * sentence embeddings share a large common direction, and splitting at 0 would leave many bits
 * nearly constant.
 */
final class BinaryIndex implements VectorIndex {
    /** Queries whose bits stay in L1 while documents stream past: 256 × 6 longs = 12 KB at dim 384. */
    private static final int QUERY_CHUNK = 256;

    private final int dim;
    private final int words;
    private final float[] mean;
    private final long[] codes;
    private final int size;
    private final float[][] rows;
    private final int oversample;

    private BinaryIndex(BinaryIndex from, int oversample) {
        this.dim = from.dim;
        this.words = from.words;
        this.mean = from.mean;
        this.codes = from.codes;
        this.size = from.size;
        this.rows = from.rows;
        this.oversample = oversample;
    }

    @Override
    public java.util.Set<String> searchOptionNames() {
        return java.util.Set.of("oversample");
    }

    /** The same bits with another {@code oversample} (only meaningful with rescoring). */
    @Override
    public VectorIndex withSearchOptions(IndexOptions options) {
        options.checkKnown(name(), searchOptionNames());
        return new BinaryIndex(this, QuantizedIndexProviders.oversample(options, oversample));
    }

    BinaryIndex(float[][] vectors, boolean center, boolean rescore, int oversample, int threads) {
        this.dim = Parallel.checkVectors(vectors);
        this.size = vectors.length;
        this.words = (dim + 63) / 64;
        this.mean = new float[dim];
        if (center) {
            double[] sum = new double[dim];
            for (float[] v : vectors) {
                for (int i = 0; i < dim; i++) {
                    sum[i] += v[i];
                }
            }
            for (int i = 0; i < dim; i++) {
                mean[i] = (float) (sum[i] / size);
            }
        }
        long total = (long) size * words;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(size + " vectors × " + words + " words do not fit one Java array;"
                    + " index a smaller corpus or shard it");
        }
        this.codes = new long[(int) total];
        int parts = Math.max(1, Math.min(threads, size / 1024 + 1));
        Parallel.run(parts, part -> {
            for (int d = Parallel.split(size, parts, part); d < Parallel.split(size, parts, part + 1); d++) {
                bits(vectors[d], codes, d * words);
            }
        });
        this.rows = rescore ? vectors : null;
        this.oversample = oversample;
    }

    private void bits(float[] v, long[] out, int off) {
        for (int i = 0; i < dim; i++) {
            if (v[i] > mean[i]) {
                out[off + (i >>> 6)] |= 1L << (i & 63);
            }
        }
    }

    @Override
    public String name() {
        return "binary";
    }

    @Override
    public String describe() {
        return "binary" + (rows != null ? " rescore=true oversample=" + oversample : " rescore=false");
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    /** Code bytes of one vector. */
    int codeBytesPerVector() {
        return words * Long.BYTES;
    }

    @Override
    public long bytes() {
        long b = (long) codes.length * Long.BYTES + (long) dim * Float.BYTES;
        if (rows != null) {
            b += (long) size * dim * Float.BYTES;
        }
        return b;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public SearchResults search(float[][] queries, int k, int threads) {
        Parallel.checkSearch(queries, k, threads, dim);
        int nq = queries.length;
        int keep = Math.min(k, size);
        int candidates = rows != null ? (int) Math.min(size, (long) keep * oversample) : keep;
        int nq4 = (nq + 3) / 4 * 4;
        long[] qbits = new long[nq4 * words];
        for (int q = 0; q < nq; q++) {
            bits(queries[q], qbits, q * words);
        }
        int parts = Math.max(1, Math.min(threads, size / 1024 + 1));
        TopK[][] heaps = new TopK[parts][];
        Parallel.run(parts, part -> {
            TopK[] h = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                h[q] = new TopK(Math.max(1, candidates));
            }
            heaps[part] = h;
            scan(qbits, nq, Parallel.split(size, parts, part), Parallel.split(size, parts, part + 1), h);
        });
        TopK[] merged = Rescoring.merge(heaps);
        return rows != null ? Rescoring.rescore(rows, queries, merged, keep, threads) : Rescoring.drain(merged);
    }

    private void scan(long[] qbits, int nq, int d0, int d1, TopK[] heaps) {
        for (int q0 = 0; q0 < nq; q0 += QUERY_CHUNK) {
            int q1 = Math.min(nq, q0 + QUERY_CHUNK);
            for (int d = d0; d < d1; d++) {
                int off = d * words;
                for (int g = q0; g < q1; g += 4) {
                    int o0 = g * words;
                    int o1 = o0 + words;
                    int o2 = o1 + words;
                    int o3 = o2 + words;
                    int h0 = 0;
                    int h1 = 0;
                    int h2 = 0;
                    int h3 = 0;
                    for (int w = 0; w < words; w++) {
                        long x = codes[off + w];
                        h0 += Long.bitCount(x ^ qbits[o0 + w]);
                        h1 += Long.bitCount(x ^ qbits[o1 + w]);
                        h2 += Long.bitCount(x ^ qbits[o2 + w]);
                        h3 += Long.bitCount(x ^ qbits[o3 + w]);
                    }
                    offer(heaps, g, q1, d, h0, 0);
                    offer(heaps, g, q1, d, h1, 1);
                    offer(heaps, g, q1, d, h2, 2);
                    offer(heaps, g, q1, d, h3, 3);
                }
            }
        }
    }

    private void offer(TopK[] heaps, int g, int q1, int d, int hamming, int j) {
        int q = g + j;
        if (q < q1) {
            float s = dim - 2 * hamming;
            // Strictly greater: ordinals grow within a part, so a tie would lose anyway.
            if (s > heaps[q].threshold()) {
                heaps[q].offer(s, d);
            }
        }
    }

    /** Hamming distance between document {@code d}'s bits and {@code query}'s (for tests). */
    int hamming(int d, float[] query) {
        long[] q = new long[words];
        bits(query, q, 0);
        return QuantizedDot.hamming(codes, d * words, q, 0, words);
    }
}
