package dev.plumbline.metrics.rag.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vectors of the texts one judge call needs, embedded together in one engine call so the
 * engine batches them (a sample alone holds a handful of short texts; a window of samples holds
 * thousands, and shared contexts are embedded once).
 */
final class Embeddings {
    /** Lexical mode: every similarity is NaN, which the scoring treats as absent. */
    static final Embeddings NONE = new Embeddings(Map.of());

    private final Map<String, float[]> vectors;

    private Embeddings(Map<String, float[]> vectors) {
        this.vectors = vectors;
    }

    /** Embeds those of {@code texts} that {@code memo} does not hold, in one call, and keeps them there. */
    static Embeddings of(SentenceEmbedder embedder, Set<String> texts, VectorMemo memo) {
        Map<String, float[]> m = new HashMap<>(texts.size() * 2);
        List<String> missing = new ArrayList<>();
        for (String t : texts) {
            float[] v = memo.get(t);
            if (v != null) {
                m.put(t, v);
            } else {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            float[][] v = embedder.embed(missing);
            if (v.length != missing.size()) {
                throw new IllegalStateException("embedder " + embedder.identity() + " returned " + v.length
                        + " vectors for " + missing.size() + " texts");
            }
            for (int i = 0; i < v.length; i++) {
                m.put(missing.get(i), v[i]);
                memo.put(missing.get(i), v[i]);
            }
        }
        return new Embeddings(m);
    }

    /**
     * Cosine of two embedded texts' unit vectors, accumulated in double and clamped to [−1, 1]
     * (float rounding can put the dot product of a vector with itself a hair above 1); NaN in
     * lexical mode.
     */
    double cosine(String a, String b) {
        float[] x = vectors.get(a);
        float[] y = vectors.get(b);
        if (x == null || y == null) {
            if (vectors.isEmpty()) {
                return Double.NaN;
            }
            throw new IllegalStateException("text was not embedded: " + (x == null ? a : b));
        }
        if (x == y) {
            // One text (vectors are kept per text): its cosine with itself is 1, not the float
            // rounding of a unit vector's squared norm (0.99999996 for MiniLM).
            return 1;
        }
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
        }
        return Math.max(-1, Math.min(1, dot));
    }
}
