package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.Engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How a dense retriever turns many texts into vectors: the seam where the harness adds its
 * embedding cache, warm-up, progress and per-call timing, none of which belongs in a retriever.
 * Single query searches never go through it: they are the timed calls a user makes.
 */
public interface BatchEncoder {
    /** Encodes directly with the engine, in chunks of 512 texts; no cache. */
    BatchEncoder DIRECT = (engine, texts, query, label) -> {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += 512) {
            for (float[] v : engine.encode(texts.subList(from, Math.min(texts.size(), from + 512)), query)) {
                out.add(v);
            }
        }
        return out.toArray(new float[0][]);
    };

    /**
     * @param query whether the texts are queries (the model's query prefix applies)
     * @param label what is being encoded, for progress ({@code "minilm documents"})
     * @return one vector per text, in order
     */
    float[][] encode(Engine engine, List<String> texts, boolean query, String label);
}
