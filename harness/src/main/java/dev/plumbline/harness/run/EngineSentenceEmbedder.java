package dev.plumbline.harness.run;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineIdentity;
import dev.plumbline.metrics.rag.local.SentenceEmbedder;

import java.util.List;

/**
 * The local judge's embedder backed by one of Plumbline's encoder engines. The engine is not
 * thread-safe, so calls are serialized; the engine itself spreads each call over its threads.
 * Texts are encoded as passages (no query prefix).
 */
public final class EngineSentenceEmbedder implements SentenceEmbedder {
    private final Engine engine;

    /** Takes ownership of {@code engine}: {@link #close} closes it. */
    public EngineSentenceEmbedder(Engine engine) {
        this.engine = engine;
    }

    /**
     * Model and engine without the thread count: the simd engine's vectors do not depend on it
     * (EngineBatchInvarianceContractTest), so judgments made on 1 or 2 threads share one identity.
     */
    @Override
    public String identity() {
        EngineIdentity id = engine.identity();
        return id.model() + " sha256:" + id.modelSha256() + " on " + id.engine() + " " + id.version();
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        return engine.encode(texts, false);
    }

    @Override
    public synchronized void close() {
        engine.close();
    }
}
