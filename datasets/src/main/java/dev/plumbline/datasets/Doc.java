package dev.plumbline.datasets;

import java.util.Objects;

/**
 * One corpus document (a BEIR corpus line).
 *
 * @param id       the document id ({@code _id}); never empty
 * @param title    the title, {@code ""} when the format has none
 * @param text     the body text
 * @param metadata the format's extra metadata as compact JSON text, or {@code null} when absent or empty
 */
public record Doc(String id, String title, String text, String metadata) {
    /** Checks that id, title and text are present. */
    public Doc {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** A document without metadata. */
    public Doc(String id, String title, String text) {
        this(id, title, text, null);
    }

    /**
     * The text an encoder sees: {@code title + " " + text}, or the text alone when the title is
     * empty (the convention of BEIR and sentence-transformers).
     */
    public String fullText() {
        return title.isEmpty() ? text : title + " " + text;
    }
}
