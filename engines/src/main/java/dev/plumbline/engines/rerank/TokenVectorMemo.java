package dev.plumbline.engines.rerank;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Candidates' token vectors by text, least recently used dropped first once their bytes pass the
 * budget, so a reranker encodes each distinct candidate once while it fits (SciFact's 300 queries ×
 * top 100 are about 5,000 distinct abstracts, not 30,000). An entry costs its floats, its text's
 * UTF-16 chars and {@value #ENTRY_OVERHEAD} bytes of map entry and headers; an entry larger than
 * the whole budget is not kept. Reusing vectors cannot change a score: the encoder's vectors do
 * not depend on the batch they were computed in. Not thread-safe, as rerankers are not.
 */
final class TokenVectorMemo {
    /** Bytes counted per entry beyond its floats and chars: the map entry, the array and string headers. */
    static final long ENTRY_OVERHEAD = 96;

    private final long budget;
    private final LinkedHashMap<String, float[]> vectors = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param budget bytes kept at most; 0 keeps nothing */
    TokenVectorMemo(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
        this.budget = budget;
    }

    /** The vectors of {@code text}, or {@code null}; a hit makes it the most recently used. */
    float[] get(String text) {
        return vectors.get(text);
    }

    /** Keeps {@code vectors} for {@code text}, dropping the least recently used past the budget. */
    void put(String text, float[] v) {
        long cost = cost(text, v);
        if (cost > budget) {
            return;
        }
        float[] old = vectors.put(text, v);
        if (old != null) {
            bytes -= cost(text, old);
        }
        bytes += cost;
        Iterator<Map.Entry<String, float[]>> eldest = vectors.entrySet().iterator();
        while (bytes > budget) {
            Map.Entry<String, float[]> e = eldest.next();
            bytes -= cost(e.getKey(), e.getValue());
            eldest.remove();
        }
    }

    static long cost(String text, float[] v) {
        return (long) v.length * Float.BYTES + 2L * text.length() + ENTRY_OVERHEAD;
    }

    /** Bytes held, as counted. */
    long bytes() {
        return bytes;
    }

    /** Texts held. */
    int size() {
        return vectors.size();
    }

    /** The budget in bytes. */
    long budget() {
        return budget;
    }
}
