package dev.plumbline.engines.index;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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
    /** Documents per block: one vector of longs (8 on AVX-512), a constant so the JIT vectorizes. */
    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    static final int BLOCK = LONGS.length();

    private final int dim;
    private final int words;
    private final float[] mean;
    private final long[] codes;
    private final int size;
    private final int blocks;
    private final float[][] rows;
    private final int oversample;

    private BinaryIndex(BinaryIndex from, int oversample) {
        this.dim = from.dim;
        this.words = from.words;
        this.mean = from.mean;
        this.codes = from.codes;
        this.size = from.size;
        this.blocks = from.blocks;
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
        this.blocks = (size + BLOCK - 1) / BLOCK;
        long total = (long) blocks * words * BLOCK;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(size + " vectors × " + words + " words do not fit one Java array;"
                    + " index a smaller corpus or shard it");
        }
        this.codes = new long[(int) total];
        int parts = Math.max(1, Math.min(threads, size / 1024 + 1));
        Parallel.run(parts, part -> {
            long[] row = new long[words];
            // Whole blocks per part, so no two threads write one block's words.
            for (int b = Parallel.split(blocks, parts, part); b < Parallel.split(blocks, parts, part + 1); b++) {
                for (int lane = 0; lane < BLOCK && b * BLOCK + lane < size; lane++) {
                    java.util.Arrays.fill(row, 0);
                    bits(vectors[b * BLOCK + lane], row, 0);
                    for (int w = 0; w < words; w++) {
                        codes[(b * words + w) * BLOCK + lane] = row[w];
                    }
                }
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
    public long rescoreBytes() {
        return rows != null ? (long) size * dim * Float.BYTES : 0;
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
        long[] qbits = new long[nq * words];
        for (int q = 0; q < nq; q++) {
            bits(queries[q], qbits, q * words);
        }
        int parts = Math.max(1, Math.min(threads, blocks / 128 + 1));
        TopK[][] heaps = new TopK[parts][];
        Parallel.run(parts, part -> {
            TopK[] h = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                h[q] = new TopK(Math.max(1, candidates));
            }
            heaps[part] = h;
            scan(qbits, nq, Parallel.split(blocks, parts, part), Parallel.split(blocks, parts, part + 1), h);
        });
        TopK[] merged = Rescoring.merge(heaps);
        return rows != null ? Rescoring.rescore(rows, queries, merged, keep, threads) : Rescoring.drain(merged);
    }

    /** Scans blocks {@code [b0, b1)} for every query. */
    private void scan(long[] qbits, int nq, int b0, int b1, TopK[] heaps) {
        long[] lanes = new long[BLOCK];
        for (int q0 = 0; q0 < nq; q0 += QUERY_CHUNK) {
            int q1 = Math.min(nq, q0 + QUERY_CHUNK);
            // Full groups of four share each block's loads; the rest (a lone query) go one by one.
            int full = q0 + (q1 - q0) / 4 * 4;
            for (int b = b0; b < b1; b++) {
                int base = b * words * BLOCK;
                for (int g = q0; g < full; g += 4) {
                    int o = g * words;
                    LongVector h0 = LongVector.zero(LONGS);
                    LongVector h1 = h0;
                    LongVector h2 = h0;
                    LongVector h3 = h0;
                    for (int w = 0; w < words; w++) {
                        LongVector x = LongVector.fromArray(LONGS, codes, base + w * BLOCK);
                        h0 = h0.add(x.lanewise(VectorOperators.XOR, qbits[o + w]).lanewise(VectorOperators.BIT_COUNT));
                        h1 = h1.add(x.lanewise(VectorOperators.XOR, qbits[o + words + w])
                                .lanewise(VectorOperators.BIT_COUNT));
                        h2 = h2.add(x.lanewise(VectorOperators.XOR, qbits[o + 2 * words + w])
                                .lanewise(VectorOperators.BIT_COUNT));
                        h3 = h3.add(x.lanewise(VectorOperators.XOR, qbits[o + 3 * words + w])
                                .lanewise(VectorOperators.BIT_COUNT));
                    }
                    offerBlock(heaps[g], h0, b, lanes);
                    offerBlock(heaps[g + 1], h1, b, lanes);
                    offerBlock(heaps[g + 2], h2, b, lanes);
                    offerBlock(heaps[g + 3], h3, b, lanes);
                }
                for (int q = full; q < q1; q++) {
                    int o = q * words;
                    LongVector h = LongVector.zero(LONGS);
                    for (int w = 0; w < words; w++) {
                        h = h.add(LongVector.fromArray(LONGS, codes, base + w * BLOCK)
                                .lanewise(VectorOperators.XOR, qbits[o + w]).lanewise(VectorOperators.BIT_COUNT));
                    }
                    offerBlock(heaps[q], h, b, lanes);
                }
            }
        }
    }

    /**
     * Offers the block's documents whose score {@code dim − 2h} beats the heap's worst, i.e. whose
     * Hamming distance h is below {@code (dim − threshold) / 2}; one vector compare rules out the
     * common block with none. Strictly greater: ordinals grow within a part, so a tie would lose.
     */
    private void offerBlock(TopK heap, LongVector h, int b, long[] lanes) {
        float t = heap.threshold();
        long limit = t == Float.NEGATIVE_INFINITY ? Long.MAX_VALUE : (long) Math.ceil((dim - (double) t) / 2);
        VectorMask<Long> beats = h.compare(VectorOperators.LT, limit);
        if (!beats.anyTrue()) {
            return;
        }
        h.intoArray(lanes, 0);
        int first = b * BLOCK;
        for (int lane = 0; lane < BLOCK && first + lane < size; lane++) {
            float s = dim - 2 * (int) lanes[lane];
            if (s > heap.threshold()) {
                heap.offer(s, first + lane);
            }
        }
    }

    /** Hamming distance between document {@code d}'s bits and {@code query}'s, word by word (the scalar reference). */
    int hamming(int d, float[] query) {
        long[] q = new long[words];
        bits(query, q, 0);
        long[] doc = new long[words];
        for (int w = 0; w < words; w++) {
            doc[w] = codes[((d / BLOCK) * words + w) * BLOCK + d % BLOCK];
        }
        return QuantizedDot.hamming(doc, 0, q, 0, words);
    }
}
