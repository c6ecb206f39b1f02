package dev.plumbline.datasets;

import java.io.IOException;

/**
 * One dataset format, selected by the prefix of a spec ({@code beir:data/scifact}). Formats are
 * found with {@link java.util.ServiceLoader}; each reads its files into a {@link DatasetBuilder},
 * reporting problems through it so the error policy, counts and fingerprint are the same for all.
 */
public interface DatasetFormat {
    /** The spec prefix, e.g. {@code beir}. */
    String prefix();

    /** The spec's shape, e.g. {@code beir:DIR|FILE.zip}. */
    String synopsis();

    /** What the format is, in at most 50 characters (one line of help). */
    String description();

    /**
     * Reads the dataset at {@code location} (the spec after {@code prefix:}).
     *
     * @throws IOException            when a file cannot be read
     * @throws DatasetFormatException under {@code --on-error fail}, at the first problem
     */
    void load(String location, DatasetBuilder out) throws IOException;
}
