package dev.plumbline.engines.cache;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.model.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The cache must miss whenever a setting that changes vectors changes (else results silently mix
 * vectors of different settings) and hit when only the thread count changes.
 */
class VectorKeyTest {
    @TempDir
    Path root;

    private static final VectorKey BASE = new VectorKey("simd", "1", Engine.NUMERICS_FP32, "modelsha", "toksha",
            256, Pooling.MEAN, true, "query: ", "passage: ");

    /** Each change below alters exactly one field of {@link #BASE}. */
    private static final List<UnaryOperator<VectorKey>> CHANGES = List.of(
            k -> new VectorKey("onnxruntime", k.engineVersion(), k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), "2", k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), "int8-w8a8", k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), "othermodel", k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), k.modelSha256(), "othertok",
                    k.maxTokens(), k.pooling(), k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    12, k.pooling(), k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), Pooling.CLS, k.normalize(), k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), false, k.queryPrefix(), k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), k.normalize(), "search_query: ", k.passagePrefix()),
            k -> new VectorKey(k.engine(), k.engineVersion(), k.numerics(), k.modelSha256(), k.tokenizerSha256(),
                    k.maxTokens(), k.pooling(), k.normalize(), k.queryPrefix(), ""));

    @Test
    void everySettingThatChangesAVectorMissesTheCache() {
        try (EmbeddingCache c = EmbeddingCache.open(root, BASE, false, 2)) {
            c.put("text", new float[] {1, 0});
        }
        for (int i = 0; i < CHANGES.size(); i++) {
            VectorKey changed = CHANGES.get(i).apply(BASE);
            assertEquals(1, countDifferences(BASE, changed), "change " + i + " must alter one field");
            try (EmbeddingCache c = EmbeddingCache.open(root, changed, false, 2)) {
                assertNull(c.get("text"), "cache hit after changing " + changed);
            }
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, BASE, false, 2)) {
            assertArrayEquals(new float[] {1, 0}, c.get("text"));
        }
    }

    @Test
    void aPrefixCannotImitateTheNextField() {
        VectorKey a = new VectorKey("e", "1", "fp32", "m", "t", 8, Pooling.MEAN, true, "a\npassage_prefix=0:", "");
        VectorKey b = new VectorKey("e", "1", "fp32", "m", "t", 8, Pooling.MEAN, true, "a", "");
        assertEquals(false, a.canonical().equals(b.canonical()));
    }

    /** With the real engine: a thread-count change keeps the key, a max_seq_length change does not. */
    @Test
    void threadsHitAndTruncationMissesWithARealEngine() throws Exception {
        ModelSpec model = ModelRegistry.get("minilm-l6");
        VectorKey one;
        VectorKey two;
        VectorKey shortKey;
        try (Engine e = Engines.provider("simd").open(model, new EngineOptions(1, 8))) {
            one = VectorKey.of(e);
            try (EmbeddingCache c = EmbeddingCache.open(root, one, true, e.dimension())) {
                c.put("a query", e.encode(List.of("a query"), true)[0]);
            }
        }
        try (Engine e = Engines.provider("simd").open(model, new EngineOptions(2, 8))) {
            two = VectorKey.of(e);
        }
        try (Engine e = Engines.provider("simd").open(model.withMaxTokens(12), new EngineOptions(1, 8))) {
            shortKey = VectorKey.of(e);
        }
        assertEquals(one, two);
        assertEquals(12, shortKey.maxTokens());
        try (EmbeddingCache c = EmbeddingCache.open(root, two, true, 384)) {
            assertNotNull(c.get("a query"));
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, shortKey, true, 384)) {
            assertNull(c.get("a query"));
        }
    }

    private static int countDifferences(VectorKey a, VectorKey b) {
        Object[] x = {a.engine(), a.engineVersion(), a.numerics(), a.modelSha256(), a.tokenizerSha256(),
                a.maxTokens(), a.pooling(), a.normalize(), a.queryPrefix(), a.passagePrefix()};
        Object[] y = {b.engine(), b.engineVersion(), b.numerics(), b.modelSha256(), b.tokenizerSha256(),
                b.maxTokens(), b.pooling(), b.normalize(), b.queryPrefix(), b.passagePrefix()};
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += x[i].equals(y[i]) ? 0 : 1;
        }
        return n;
    }
}
