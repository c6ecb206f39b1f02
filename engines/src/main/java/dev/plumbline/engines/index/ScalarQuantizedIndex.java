package dev.plumbline.engines.index;

import java.util.Arrays;

/**
 * Scalar quantization ({@code int8}, {@code int4}): each dimension's range {@code [lo, hi]} is learned
 * on the corpus, and a value is stored as the nearest of 2^bits evenly spaced levels,
 * {@code x ≈ lo + step·u}. Then {@code q·x ≈ Σ q·lo + Σ (q·step)·u}: the first sum is one constant per
 * query, and the second is an integer dot product once {@code w = q·step} is quantized to int8
 * ({@code w ≈ s·a}, symmetric). So a search widens the query codes once and scans the corpus with
 * integer dot products ({@link QuantizedDot}), four queries per document load, in blocks that keep a
 * chunk of queries in L1 while documents stream past.
 *
 * <p>int8 codes are stored as {@code u − 128} (signed bytes), which adds {@code 128·Σa} per query;
 * int4 codes as packed nibbles. With {@code rescore} the top {@code k × oversample} candidates are
 * scored again in FP32 against the original vectors (kept by reference, and counted in
 * {@link #bytes()}), returning exact scores; without it the scores are the quantized estimates.
 */
final class ScalarQuantizedIndex implements VectorIndex {
    /** Queries kept in L1 while a block of documents is scanned: 64 × 384 shorts = 48 KB. */
    private static final int QUERY_CHUNK = 64;
    /** Vectors sampled to learn the ranges (quantiles need a sort per dimension). */
    static final int RANGE_SAMPLE = 65_536;

    private final int bits;
    private final int dim;
    private final int padded;
    private final int codeBytes;
    private final float[] lo;
    private final float[] step;
    private final byte[] codes;
    private final int size;
    private final float[][] rows;
    private final int oversample;
    private final double clip;

    private ScalarQuantizedIndex(ScalarQuantizedIndex from, int oversample) {
        this.bits = from.bits;
        this.dim = from.dim;
        this.padded = from.padded;
        this.codeBytes = from.codeBytes;
        this.lo = from.lo;
        this.step = from.step;
        this.codes = from.codes;
        this.size = from.size;
        this.rows = from.rows;
        this.clip = from.clip;
        this.oversample = oversample;
    }

    @Override
    public java.util.Set<String> searchOptionNames() {
        return java.util.Set.of("oversample");
    }

    /** The same codes with another {@code oversample} (only meaningful with rescoring). */
    @Override
    public VectorIndex withSearchOptions(IndexOptions options) {
        options.checkKnown(name(), searchOptionNames());
        return new ScalarQuantizedIndex(this, QuantizedIndexProviders.oversample(options, oversample));
    }

    /**
     * @param bits       8 or 4
     * @param clip       fraction of each tail of every dimension's values left outside the learned range
     *                   (0 = min to max of the sample)
     * @param rescore    keep {@code vectors} for FP32 rescoring
     * @param oversample candidates per hit to rescore
     */
    ScalarQuantizedIndex(float[][] vectors, int bits, double clip, boolean rescore, int oversample, int threads) {
        this.bits = bits;
        this.dim = Parallel.checkVectors(vectors);
        this.size = vectors.length;
        this.padded = QuantizedDot.padded(dim);
        this.codeBytes = bits == 8 ? padded : padded / 2;
        this.clip = clip;
        this.lo = new float[dim];
        this.step = new float[dim];
        learnRanges(vectors);
        long total = (long) size * codeBytes;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(size + " vectors × " + codeBytes + " bytes do not fit one Java array;"
                    + " index a smaller corpus or shard it");
        }
        this.codes = new byte[(int) total];
        int parts = Math.max(1, Math.min(threads, size / 1024 + 1));
        Parallel.run(parts, part -> {
            for (int d = Parallel.split(size, parts, part); d < Parallel.split(size, parts, part + 1); d++) {
                encode(vectors[d], d * codeBytes);
            }
        });
        this.rows = rescore ? vectors : null;
        this.oversample = oversample;
    }

    private void learnRanges(float[][] vectors) {
        int n = Math.min(size, RANGE_SAMPLE);
        float[] column = new float[n];
        for (int i = 0; i < dim; i++) {
            for (int s = 0; s < n; s++) {
                // Evenly spaced ordinals: deterministic, and spread over a corpus sorted by anything.
                column[s] = vectors[(int) ((long) s * size / n)][i];
            }
            Arrays.sort(column);
            int a = (int) Math.floor(clip * (n - 1));
            int b = (int) Math.ceil((1 - clip) * (n - 1));
            lo[i] = column[a];
            float range = column[b] - column[a];
            step[i] = range > 0 ? range / ((1 << bits) - 1) : 0;
        }
    }

    private void encode(float[] v, int off) {
        int levels = (1 << bits) - 1;
        for (int i = 0; i < dim; i++) {
            int u = step[i] > 0 ? (int) Math.round((v[i] - lo[i]) / step[i]) : 0;
            u = Math.max(0, Math.min(levels, u));
            if (bits == 8) {
                codes[off + i] = (byte) (u - 128);
            } else {
                QuantizedDot.setInt4Code(codes, off, i, u);
            }
        }
    }

    /** The code of element {@code i} of document {@code d} as a level 0..2^bits−1 (for tests). */
    int level(int d, int i) {
        return bits == 8 ? codes[d * codeBytes + i] + 128 : QuantizedDot.int4Code(codes, d * codeBytes, i);
    }

    /** The dequantized value of element {@code i} of document {@code d}: {@code lo + step·u}. */
    float dequantized(int d, int i) {
        return lo[i] + step[i] * level(d, i);
    }

    @Override
    public String name() {
        return bits == 8 ? "int8" : "int4";
    }

    @Override
    public String describe() {
        return name() + (rows != null ? " rescore=true oversample=" + oversample : " rescore=false")
                + (clip > 0 ? " clip=" + clip : "");
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    /** Code bytes of one vector (padded to the kernel's group). */
    int codeBytesPerVector() {
        return codeBytes;
    }

    @Override
    public long bytes() {
        long b = codes.length + 2L * dim * Float.BYTES;
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
        short[] a = new short[nq * padded];
        float[] scale = new float[nq];
        float[] base = new float[nq];
        for (int q = 0; q < nq; q++) {
            quantizeQuery(queries[q], a, q * padded, scale, base, q);
        }
        int parts = Math.max(1, Math.min(threads, size / 1024 + 1));
        TopK[][] heaps = new TopK[parts][];
        Parallel.run(parts, part -> {
            TopK[] h = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                h[q] = new TopK(Math.max(1, candidates));
            }
            heaps[part] = h;
            scan(a, scale, base, nq, Parallel.split(size, parts, part), Parallel.split(size, parts, part + 1), h);
        });
        TopK[] merged = Rescoring.merge(heaps);
        return rows != null ? Rescoring.rescore(rows, queries, merged, keep, threads) : Rescoring.drain(merged);
    }

    private void quantizeQuery(float[] query, short[] a, int off, float[] scale, float[] base, int q) {
        float maxAbs = 0;
        double constant = 0;
        for (int i = 0; i < dim; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(query[i] * step[i]));
            constant += (double) query[i] * lo[i];
        }
        long sumA = 0;
        if (maxAbs > 0) {
            for (int i = 0; i < dim; i++) {
                int v = Math.round(query[i] * step[i] * 127f / maxAbs);
                a[off + i] = (short) v;
                sumA += v;
            }
        }
        scale[q] = maxAbs / 127f;
        int offset = bits == 8 ? 128 : 0;
        base[q] = (float) (constant + (double) scale[q] * offset * sumA);
    }

    private void scan(short[] a, float[] scale, float[] base, int nq, int d0, int d1, TopK[] heaps) {
        int[] dots = new int[4];
        for (int q0 = 0; q0 < nq; q0 += QUERY_CHUNK) {
            int q1 = Math.min(nq, q0 + QUERY_CHUNK);
            // Full groups of four share each document load; the rest (a lone query) go one by one,
            // so a single query does not pay for three padding rows.
            int full = q0 + (q1 - q0) / 4 * 4;
            for (int d = d0; d < d1; d++) {
                int off = d * codeBytes;
                for (int g = q0; g < full; g += 4) {
                    if (bits == 8) {
                        QuantizedDot.int8x4(a, g * padded, padded, codes, off, padded, dots);
                    } else {
                        QuantizedDot.int4x4(a, g * padded, padded, codes, off, padded, dots);
                    }
                    for (int j = 0; j < 4; j++) {
                        offer(heaps[g + j], base[g + j] + scale[g + j] * dots[j], d);
                    }
                }
                for (int q = full; q < q1; q++) {
                    int dot = bits == 8 ? QuantizedDot.int8x1(a, q * padded, codes, off, padded)
                            : QuantizedDot.int4x1(a, q * padded, codes, off, padded);
                    offer(heaps[q], base[q] + scale[q] * dot, d);
                }
            }
        }
    }

    /** Strictly greater: ordinals grow within a part, so a tie with the worst kept would lose anyway. */
    private static void offer(TopK heap, float s, int d) {
        if (s > heap.threshold()) {
            heap.offer(s, d);
        }
    }
}
