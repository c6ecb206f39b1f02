package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.StageConfig;

import java.util.Locale;

/**
 * How chunk scores become a document's score, so chunked runs are scored on document qrels like
 * unchunked ones (Dai and Callan's passage aggregation): {@code maxp} the best chunk (the
 * default), {@code firstp} the document's first chunk, {@code sump} the sum of its retrieved chunks.
 */
public enum ChunkAggregation {
    /** The document's best-scoring retrieved chunk. */
    MAXP,
    /** The document's first chunk, when retrieved. */
    FIRSTP,
    /** The sum of the document's retrieved chunks' scores. */
    SUMP;

    /** The canonical lower-case name. */
    public String canonical() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code aggregate} option of a chunking entry, {@code maxp} when absent.
     *
     * @throws IllegalArgumentException naming the key path and the allowed names
     */
    public static ChunkAggregation of(StageConfig c) {
        String v = c.stringValue("aggregate", "maxp");
        for (ChunkAggregation a : values()) {
            if (a.canonical().equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException(c.keyPath("aggregate") + ": must be maxp, firstp or sump, got '" + v + "'");
    }
}
