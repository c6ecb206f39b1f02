package dev.plumbline.metrics.rag.local;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A toy {@link SentenceEmbedder} for tests: content-word stems hashed into 64 dimensions and
 * normalized, so texts sharing words are similar. Deterministic per text, like the real one.
 * Counts calls and texts so tests can see how the judge batches.
 */
final class HashingEmbedder implements SentenceEmbedder {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public String identity() {
        return "hashing-64";
    }

    @Override
    public float[][] embed(List<String> in) {
        calls.incrementAndGet();
        texts.addAndGet(in.size());
        float[][] out = new float[in.size()][];
        for (int i = 0; i < in.size(); i++) {
            float[] v = new float[64];
            for (Token t : Tokenizer.tokenize(in.get(i))) {
                if (t.content()) {
                    v[Math.floorMod(t.stem().hashCode(), 64)] += 1;
                }
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int j = 0; j < 64; j++) {
                v[j] = norm == 0 ? 0 : (float) (v[j] / Math.sqrt(norm));
            }
            out[i] = v;
        }
        return out;
    }
}
