package dev.plumbline.datasets;

import java.util.Objects;

/**
 * One query (a BEIR queries line).
 *
 * @param id       the query id ({@code _id})
 * @param text     the query text
 * @param metadata the format's extra metadata as compact JSON text, or {@code null} when absent or empty
 */
public record Query(String id, String text, String metadata) {
    /** Checks that id and text are present. */
    public Query {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    /** A query without metadata. */
    public Query(String id, String text) {
        this(id, text, null);
    }
}
