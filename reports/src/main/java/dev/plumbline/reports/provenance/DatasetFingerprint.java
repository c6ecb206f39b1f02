package dev.plumbline.reports.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input data set or file, identified by content.
 *
 * @param name   what it is ({@code qrels}, {@code run:bm25}, {@code scifact})
 * @param path   where it was read, as given
 * @param sha256 SHA-256 of its bytes (of all its files in a fixed order for a directory)
 * @param counts sizes worth checking when reproducing ({@code topics}, {@code judgments}, {@code documents})
 */
public record DatasetFingerprint(String name, String path, String sha256, Map<String, Long> counts) {
    /** Copies the counts in order. */
    public DatasetFingerprint {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
