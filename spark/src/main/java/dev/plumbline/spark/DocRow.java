package dev.plumbline.spark;

import java.io.Serializable;

/**
 * A corpus document as the Spark job holds it: its ordinal (its position in the corpus, which
 * breaks score ties as a single index does), its id, and the text an encoder sees (title and text
 * joined as {@code Doc.fullText()} joins them). A JavaBean, so Spark's bean encoder stores it in
 * columns.
 */
public class DocRow implements Serializable {
    private long ordinal;
    private String id;
    private String text;

    /** For Spark's bean encoder. */
    public DocRow() {
    }

    /** A document at {@code ordinal}. */
    public DocRow(long ordinal, String id, String text) {
        this.ordinal = ordinal;
        this.id = id;
        this.text = text;
    }

    public long getOrdinal() {
        return ordinal;
    }

    public void setOrdinal(long ordinal) {
        this.ordinal = ordinal;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
