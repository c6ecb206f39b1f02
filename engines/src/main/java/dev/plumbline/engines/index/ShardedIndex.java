package dev.plumbline.engines.index;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sharded}: the corpus split into parts (document ordinal {@code i} in part
 * {@code i mod parts}), one index of another kind per part, each searched for its top-k and the
 * results merged into the global top-k ({@link TopKMerge}). Over {@code flat} the results equal a
 * single flat index bit for bit; over an approximate index each part learns its own ranges or
 * graph, so the results are those of the parts, which {@link #exact()} and {@link #describe()}
 * report. One process here; the same merge serves parts searched on other machines.
 */
public final class ShardedIndex implements VectorIndex {
    private final List<VectorIndex> parts;
    private final List<int[]> globalIds;
    private final int dim;
    private final int size;

    /**
     * @param parts     one index per part
     * @param globalIds per part, the global ordinal of each of its vectors, increasing
     */
    ShardedIndex(List<VectorIndex> parts, List<int[]> globalIds, int dim, int size) {
        this.parts = List.copyOf(parts);
        this.globalIds = List.copyOf(globalIds);
        this.dim = dim;
        this.size = size;
    }

    /**
     * Builds {@code count} parts of index {@code inner} over {@code vectors}.
     *
     * @param innerOptions the inner index's options, checked against its option names
     */
    static ShardedIndex build(float[][] vectors, int count, String inner, IndexOptions innerOptions, int threads) {
        int dim = Parallel.checkVectors(vectors);
        List<VectorIndex> parts = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int n = (vectors.length - p + count - 1) / count;
            float[][] rows = new float[Math.max(0, n)][];
            int[] global = new int[rows.length];
            for (int j = 0; j < rows.length; j++) {
                global[j] = p + j * count;
                rows[j] = vectors[global[j]];
            }
            if (rows.length > 0) {
                parts.add(VectorIndexes.build(inner, rows, innerOptions, threads));
                ids.add(global);
            }
        }
        return new ShardedIndex(parts, ids, dim, vectors.length);
    }

    @Override
    public String name() {
        return "sharded";
    }

    @Override
    public String describe() {
        return "sharded parts=" + parts.size() + " over " + parts.get(0).describe()
                + (exact() ? "" : " (approximate: each part's own index, merged top-k)");
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long bytes() {
        return parts.stream().mapToLong(VectorIndex::bytes).sum();
    }

    @Override
    public long rescoreBytes() {
        return parts.stream().mapToLong(VectorIndex::rescoreBytes).sum();
    }

    @Override
    public boolean exact() {
        return parts.stream().allMatch(VectorIndex::exact);
    }

    @Override
    public SearchResults search(float[][] queries, int k, int threads) {
        List<SearchResults> results = new ArrayList<>();
        for (VectorIndex part : parts) {
            results.add(part.search(queries, k, threads));
        }
        return TopKMerge.merge(results, globalIds, k);
    }
}
