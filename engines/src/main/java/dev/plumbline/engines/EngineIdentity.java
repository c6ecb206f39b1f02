package dev.plumbline.engines;

/**
 * What produced a set of vectors, for the run manifest: two runs with equal identities encode the
 * same texts to the same vectors (up to thread-count rounding differences the engine documents).
 *
 * @param engine      engine name, e.g. {@code onnxruntime}
 * @param version     engine version, e.g. {@code 1.24.2}
 * @param backend     how it computes, e.g. {@code CPU execution provider, 2 intra-op threads}
 * @param model       model name, e.g. {@code minilm-l6}
 * @param modelSha256 SHA-256 of the model's .onnx file
 * @param tokenizerSha256 SHA-256 of the model's tokenizer.json
 */
public record EngineIdentity(String engine, String version, String backend, String model, String modelSha256,
                             String tokenizerSha256) {

    /** One line for logs and reports. */
    public String describe() {
        return engine + " " + version + " (" + backend + "), model " + model + " sha256:" + modelSha256;
    }
}
