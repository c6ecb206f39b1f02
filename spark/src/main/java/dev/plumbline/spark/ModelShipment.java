package dev.plumbline.spark;

import dev.plumbline.engines.model.ModelSource;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.model.Pooling;

import java.io.Serializable;

/**
 * What each executor needs to open the driver's engine: the model's bytes (broadcast once per
 * executor, so the workers need neither the model jars nor a shared file system), its spec and the
 * engine's settings. The executor's engine then computes what the driver's would: same bytes, same
 * kernels.
 *
 * @param onnxSha256 the model's SHA-256, which keys the executor's engine pool
 */
public record ModelShipment(String name, String description, String origin, Pooling pooling, boolean normalize,
                            int maxTokens, String queryPrefix, String passagePrefix, byte[] onnx, byte[] tokenizerJson,
                            String onnxSha256, String engine, int threads, int batchSize) implements Serializable {

    /** The shipment of {@code spec}'s files for engine {@code engine}. */
    static ModelShipment of(ModelSpec spec, dev.plumbline.engines.model.ModelFiles files, String engine, int threads,
                            int batchSize) {
        return new ModelShipment(spec.name(), spec.description(), spec.source().describe(), spec.pooling(),
                spec.normalize(), spec.maxTokens(), spec.queryPrefix(), spec.passagePrefix(), files.onnx(),
                files.tokenizerJson(), files.onnxSha256(), engine, threads, batchSize);
    }

    /** The spec, its files read from the shipped bytes. */
    ModelSpec spec() {
        return new ModelSpec(name, description, new ModelSource.Bytes(origin, onnx, tokenizerJson), pooling, normalize,
                maxTokens, queryPrefix, passagePrefix);
    }

    /** The executor's engine pool key: one pool per model, engine and settings. */
    String key() {
        return onnxSha256 + " " + maxTokens + " " + engine + " " + threads + " " + batchSize;
    }
}
