package dev.plumbline.engines.index;

import java.util.List;

/**
 * The global top-k from the top-k of each part of a corpus split into parts: what an exact search
 * over a sharded corpus needs. Each part searched its own documents and returned its best k by
 * score descending, ties by ordinal ascending ({@link SearchResults}); a document of the global
 * top-k is then in its part's top-k, so merging the lists by the same order (score descending,
 * ties by <em>global</em> ordinal ascending) gives exactly what one index over the whole corpus
 * returns, as long as a document's score does not depend on the part it is in (true for
 * {@code flat}: every score is the same FMA chain wherever the document sits). Indexes that are
 * not {@link VectorIndex#exact()} learn from their part (quantization ranges, graphs), so their
 * merge is only as good as each part.
 */
public final class TopKMerge {
    private TopKMerge() {
    }

    /**
     * Merges the parts' results for the same queries.
     *
     * @param parts     per part, its results (ordinals local to the part)
     * @param globalIds per part, the global ordinal of each local ordinal, strictly increasing, so
     *                  a part's ties by local ordinal are its ties by global ordinal
     * @param k         hits kept per query
     * @return per query the best {@code k} over all parts, global ordinals
     * @throws IllegalArgumentException when the parts disagree on the number of queries or a
     *                                  mapping is not increasing
     */
    public static SearchResults merge(List<SearchResults> parts, List<int[]> globalIds, int k) {
        if (parts.isEmpty() || parts.size() != globalIds.size()) {
            throw new IllegalArgumentException(parts.size() + " parts but " + globalIds.size() + " ordinal maps");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int queries = parts.get(0).ids().length;
        for (int p = 0; p < parts.size(); p++) {
            if (parts.get(p).ids().length != queries) {
                throw new IllegalArgumentException("part " + p + " has results for " + parts.get(p).ids().length
                        + " queries, part 0 for " + queries + "; merge results of the same queries");
            }
            int[] g = globalIds.get(p);
            for (int i = 1; i < g.length; i++) {
                if (g[i] <= g[i - 1]) {
                    throw new IllegalArgumentException("part " + p + ": global ordinals must increase with local"
                            + " ones (" + g[i - 1] + " then " + g[i] + " at local " + i + ")");
                }
            }
        }
        int[][] ids = new int[queries][];
        float[][] scores = new float[queries][];
        for (int q = 0; q < queries; q++) {
            TopK top = new TopK(k);
            for (int p = 0; p < parts.size(); p++) {
                int[] local = parts.get(p).ids()[q];
                float[] s = parts.get(p).scores()[q];
                for (int r = 0; r < local.length; r++) {
                    top.offer(s[r], globalIds.get(p)[local[r]]);
                }
            }
            top.drainInto(ids, scores, q);
        }
        return new SearchResults(ids, scores);
    }

    /**
     * Merges results whose ordinals are already global (partial merges of a distributed top-k, in
     * any grouping: the merge is associative and commutative, since the kept set is the best
     * {@code k} by score descending, ties by ordinal ascending, of everything offered).
     *
     * @param parts results for the same queries, global ordinals, each list in any order
     * @param k     hits kept per query
     * @return per query the best {@code k} over all parts, by score descending, ties by ordinal
     */
    public static SearchResults mergeGlobal(List<SearchResults> parts, int k) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts to merge");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int queries = parts.get(0).ids().length;
        int[][] ids = new int[queries][];
        float[][] scores = new float[queries][];
        for (int q = 0; q < queries; q++) {
            TopK top = new TopK(k);
            for (int p = 0; p < parts.size(); p++) {
                if (parts.get(p).ids().length != queries) {
                    throw new IllegalArgumentException("part " + p + " has results for " + parts.get(p).ids().length
                            + " queries, part 0 for " + queries + "; merge results of the same queries");
                }
                int[] g = parts.get(p).ids()[q];
                float[] s = parts.get(p).scores()[q];
                for (int r = 0; r < g.length; r++) {
                    top.offer(s[r], g[r]);
                }
            }
            top.drainInto(ids, scores, q);
        }
        return new SearchResults(ids, scores);
    }
}
