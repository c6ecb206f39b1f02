package dev.plumbline.engines.index;

import dev.plumbline.engines.Availability;

import java.util.Set;

/**
 * A kind of vector index, found through {@link java.util.ServiceLoader} (see {@link VectorIndexes})
 * by its {@link #name()}, as {@code retrieval.index} in experiment files and {@code --index} on the
 * command line name it.
 */
public interface VectorIndexProvider {

    /** Name users select it by: {@code flat}, {@code int8}, {@code int4}, {@code binary}, {@code lucene-hnsw}, … */
    String name();

    /** One line on what it is. */
    String describe();

    /** Whether it can run here; when not, the reason and the fix. */
    default Availability availability() {
        return Availability.yes();
    }

    /** The option keys {@link #build} understands; any other key is an error naming it. */
    Set<String> optionNames();

    /**
     * Builds an index over {@code vectors} (row i gets ordinal i). The caller times the build.
     *
     * @param vectors the corpus vectors, all of one dimension; not retained unless the index says so
     * @param options this index's options, already checked against {@link #optionNames()}
     * @param threads worker threads the build may use
     */
    VectorIndex build(float[][] vectors, IndexOptions options, int threads);
}
