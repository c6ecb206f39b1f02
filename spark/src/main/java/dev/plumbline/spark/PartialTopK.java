package dev.plumbline.spark;

import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.index.TopKMerge;

import java.io.Serializable;
import java.util.List;

/**
 * The top-k of every query over part of the corpus, with global ordinals: what one partition's
 * search yields and what merging two such results yields (the merge is associative and
 * commutative, so Spark may combine them in any tree).
 */
final class PartialTopK implements Serializable {
    private final int[][] ids;
    private final float[][] scores;

    PartialTopK(SearchResults r) {
        this.ids = r.ids();
        this.scores = r.scores();
    }

    SearchResults results() {
        return new SearchResults(ids, scores);
    }

    /** The best {@code k} of both, by score descending, ties by ordinal ascending. */
    static PartialTopK merge(PartialTopK a, PartialTopK b, int k) {
        return new PartialTopK(TopKMerge.mergeGlobal(List.of(a.results(), b.results()), k));
    }
}
