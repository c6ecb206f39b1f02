package dev.plumbline.metrics.rag.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sentence vectors a judge computed most recently, so a context or question shared by several
 * samples (HaluEval's faithful and hallucinated answer to one question, RAG samples retrieving the
 * same passage) is encoded once even when samples are judged one at a time. Reusing a vector
 * cannot change a verdict: a text's vector does not depend on what it was embedded with
 * ({@link SentenceEmbedder}). Least recently used texts are dropped past the capacity, so memory
 * stays bounded (about 1.5 KiB per 384-dimension vector). Thread-safe.
 */
final class VectorMemo {
    /** Texts kept by default: about 25 MiB of 384-dimension vectors. */
    static final int DEFAULT_CAPACITY = 16_384;

    private final Map<String, float[]> vectors;

    VectorMemo(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The vector of {@code text}, or {@code null} when it is not kept. */
    synchronized float[] get(String text) {
        return vectors.get(text);
    }

    /** Keeps the vector of {@code text}. */
    synchronized void put(String text, float[] vector) {
        vectors.put(text, vector);
    }
}
