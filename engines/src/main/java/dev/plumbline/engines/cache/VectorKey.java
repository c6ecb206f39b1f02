package dev.plumbline.engines.cache;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.model.Pooling;

import java.util.List;

/**
 * Everything that can change the vector an engine computes for a text, and nothing else: the
 * embedding cache's namespace. Two engines with equal keys give the same vector for the same text,
 * so a cached vector may stand in for a computed one.
 *
 * <p>Thread count and batch size are deliberately absent: the Java engines are batch- and
 * thread-invariant to the bit ({@code EngineBatchInvarianceContractTest}), and ONNX Runtime's thread
 * count only moves last-bit rounding. Whatever is in the key but should not be only costs a cache
 * miss; whatever changes vectors but is missing returns wrong numbers silently, so when in doubt a
 * setting goes in.
 *
 * @param engine          engine name, e.g. {@code simd}
 * @param engineVersion   engine version (a new ONNX Runtime may round differently)
 * @param numerics        the engine's arithmetic: {@link Engine#NUMERICS_FP32} or a quantized variant
 * @param modelSha256     SHA-256 of the model file
 * @param tokenizerSha256 SHA-256 of the tokenizer file
 * @param maxTokens       truncation length
 * @param pooling         token-to-sentence pooling
 * @param normalize       whether vectors are scaled to unit length
 * @param queryPrefix     text put before queries
 * @param passagePrefix   text put before passages
 */
public record VectorKey(String engine, String engineVersion, String numerics, String modelSha256,
                        String tokenizerSha256, int maxTokens, Pooling pooling, boolean normalize,
                        String queryPrefix, String passagePrefix) {

    /** The key of vectors {@code e} computes now. */
    public static VectorKey of(Engine e) {
        ModelSpec m = e.model();
        return new VectorKey(e.name(), e.identity().version(), e.numerics(), e.identity().modelSha256(),
                e.identity().tokenizerSha256(), m.maxTokens(), m.pooling(), m.normalize(), m.queryPrefix(),
                m.passagePrefix());
    }

    /**
     * An unambiguous text form: each field with its name and length, so no two keys share it
     * (a prefix ending in a separator cannot imitate the next field).
     */
    public String canonical() {
        StringBuilder sb = new StringBuilder("plumbline-vector-key/1");
        List<Object[]> fields = List.of(
                new Object[] {"engine", engine}, new Object[] {"engine_version", engineVersion},
                new Object[] {"numerics", numerics}, new Object[] {"model_sha256", modelSha256},
                new Object[] {"tokenizer_sha256", tokenizerSha256}, new Object[] {"max_tokens", maxTokens},
                new Object[] {"pooling", pooling}, new Object[] {"normalize", normalize},
                new Object[] {"query_prefix", queryPrefix}, new Object[] {"passage_prefix", passagePrefix});
        for (Object[] f : fields) {
            String v = String.valueOf(f[1]);
            sb.append('\n').append(f[0]).append('=').append(v.length()).append(':').append(v);
        }
        return sb.toString();
    }
}
