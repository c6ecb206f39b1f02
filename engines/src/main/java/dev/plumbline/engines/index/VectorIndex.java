package dev.plumbline.engines.index;

import java.util.Set;

/**
 * A searchable set of vectors built once from a corpus: the {@code Index} stage behind the dense
 * retriever. Ordinals are insertion positions (0 … size−1), so callers map them back to document
 * ids. Implementations are immutable after {@link VectorIndexProvider#build} and safe to search
 * from several threads.
 */
public interface VectorIndex {

    /** The provider's name ({@code flat}, {@code int8}, …). */
    String name();

    /** The name with every option that changes results, e.g. {@code int8 oversample=4}. */
    String describe();

    /** Vector dimension. */
    int dim();

    /** Number of indexed vectors. */
    int size();

    /** Bytes the index holds (vectors, codes, graphs, rescoring copies): measured, not estimated. */
    long bytes();

    /**
     * The part of {@link #bytes()} that is a full-precision copy of the vectors kept only for
     * rescoring (0 when there is none), so reports can show the codes' own bytes per vector.
     */
    default long rescoreBytes() {
        return 0;
    }

    /** Whether results equal exact FP32 inner-product search (ties by ordinal). */
    boolean exact();

    /**
     * Top-k per query by inner product (cosine on normalized vectors), ranks ordered by score
     * descending and ties by ordinal ascending.
     *
     * @param queries one vector per query, each of length {@link #dim()}
     * @param threads worker threads to use (1 = the calling thread)
     */
    SearchResults search(float[][] queries, int k, int threads);

    /**
     * The option keys that change only how this index is searched (e.g. {@code oversample},
     * {@code efSearch}), which {@link #withSearchOptions} accepts; none by default.
     */
    default Set<String> searchOptionNames() {
        return Set.of();
    }

    /**
     * This index searched with other search-time options, sharing its data: a benchmark sweeps
     * them without rebuilding. Options not given keep their current values.
     *
     * @throws IllegalArgumentException naming the key path of an option that is not a search option
     */
    default VectorIndex withSearchOptions(IndexOptions options) {
        options.checkKnown(name(), searchOptionNames());
        return this;
    }
}
