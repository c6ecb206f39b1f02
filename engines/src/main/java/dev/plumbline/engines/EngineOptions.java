package dev.plumbline.engines;

/**
 * How an engine is opened.
 *
 * @param threads   compute threads (for ONNX Runtime, intra-op threads); at least 1
 * @param batchSize sequences per encoder call; texts are sorted by length into batches of this size
 */
public record EngineOptions(int threads, int batchSize) {

    /** Checks the arguments. */
    public EngineOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
    }
}
