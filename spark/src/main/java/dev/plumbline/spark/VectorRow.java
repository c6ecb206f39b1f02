package dev.plumbline.spark;

import java.io.Serializable;

/**
 * A document's embedding as the Spark job holds it and writes it as Parquet
 * ({@code ordinal: long, id: string, vector: array<float>}). A JavaBean for Spark's bean encoder.
 */
public class VectorRow implements Serializable {
    private long ordinal;
    private String id;
    private float[] vector;

    /** For Spark's bean encoder. */
    public VectorRow() {
    }

    /** Document {@code id} at {@code ordinal} and its vector. */
    public VectorRow(long ordinal, String id, float[] vector) {
        this.ordinal = ordinal;
        this.id = id;
        this.vector = vector;
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

    public float[] getVector() {
        return vector;
    }

    public void setVector(float[] vector) {
        this.vector = vector;
    }
}
