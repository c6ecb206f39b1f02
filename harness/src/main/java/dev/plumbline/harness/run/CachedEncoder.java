package dev.plumbline.harness.run;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.cache.VectorKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes texts with an engine through the on-disk embedding cache, so that a rerun that changes
 * only metrics or search settings does not re-encode. The cache is keyed by {@link VectorKey}
 * (everything that changes a vector: model and tokenizer hashes, truncation, pooling, prefixes,
 * engine and its numerics; not threads); texts are the keys within it, so the dataset's content
 * selects the entries. Shared by {@code plumbline retrieve} and the pipeline.
 */
public final class CachedEncoder {
    /** Texts handed to the engine per call: large enough to batch well, small enough to report progress. */
    public static final int CHUNK = 512;

    /** Told after each chunk the engine encoded. */
    public interface Listener {
        /**
         * @param texts   texts in this chunk
         * @param nanos   time the engine took for them
         * @param done    texts encoded so far (cached ones excluded)
         * @param pending texts that needed encoding in all
         */
        void chunk(int texts, long nanos, int done, int pending);

        /**
         * Told once, before the first chunk goes to the engine (never when the cache held every
         * text): the place to warm the engine up, untimed.
         *
         * @param pending the texts that need encoding, in order
         */
        default void starting(List<String> pending) {
        }
    }

    private CachedEncoder() {
    }

    /**
     * Encodes {@code texts}, reading and writing the cache under {@code cacheRoot} unless it is
     * {@code null}.
     *
     * @param query whether the texts are queries (the model's query prefix applies)
     * @return the vectors in the order of {@code texts}; {@link Result#cached()} says how many came from the cache
     */
    public static Result encode(Engine e, List<String> texts, boolean query, Path cacheRoot, Listener listener) {
        float[][] out = new float[texts.size()][];
        EmbeddingCache cache = cacheRoot != null ? EmbeddingCache.open(cacheRoot, VectorKey.of(e), query,
                e.dimension()) : null;
        List<Integer> missing = new ArrayList<>();
        long tokens = 0;
        try {
            for (int i = 0; i < texts.size(); i++) {
                out[i] = cache == null ? null : cache.get(texts.get(i));
                if (out[i] == null) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                listener.starting(missing.stream().map(texts::get).toList());
            }
            for (int from = 0; from < missing.size(); from += CHUNK) {
                List<Integer> part = missing.subList(from, Math.min(missing.size(), from + CHUNK));
                List<String> partTexts = part.stream().map(texts::get).toList();
                long t0 = System.nanoTime();
                float[][] v = e.encode(partTexts, query);
                long nanos = System.nanoTime() - t0;
                // Counted after the timed call: tokenizing again is not part of the encoding's time.
                long n = e.tokenCount(partTexts, query);
                tokens = tokens < 0 || n < 0 ? -1 : tokens + n;
                for (int j = 0; j < part.size(); j++) {
                    out[part.get(j)] = v[j];
                    if (cache != null) {
                        cache.put(texts.get(part.get(j)), v[j]);
                    }
                }
                listener.chunk(part.size(), nanos, from + part.size(), missing.size());
            }
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
        return new Result(out, texts.size() - missing.size(), tokens);
    }

    /**
     * Encoded vectors.
     *
     * @param vectors one per text, in order
     * @param cached  how many were read from the cache rather than encoded
     * @param tokens  tokens of the texts that were encoded (0 when none was), or -1 when the
     *                engine cannot count them
     */
    public record Result(float[][] vectors, int cached, long tokens) {
    }
}
