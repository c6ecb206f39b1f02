package dev.plumbline.engines.ort;

import ai.onnxruntime.OrtException;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineIdentity;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.tokenizer.LengthBuckets;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code onnxruntime} engine: this project's tokenizer and pooling around an ONNX Runtime
 * session, the peer users would otherwise pick and the fidelity oracle for the pure-Java encoder.
 */
public final class OnnxRuntimeEngine implements Engine {
    private final ModelSpec spec;
    private final WordPieceTokenizer tokenizer;
    private final OrtEncoder encoder;
    private final EngineOptions options;
    private final EngineIdentity identity;
    private boolean closed;

    /** Opens a session for {@code files}, which were loaded from {@code spec}. */
    public OnnxRuntimeEngine(ModelSpec spec, ModelFiles files, EngineOptions options) throws OrtException {
        this.spec = spec;
        this.tokenizer = files.tokenizer();
        this.options = options;
        this.encoder = new OrtEncoder(files.onnx(), options.threads());
        this.identity = new EngineIdentity(OnnxRuntimeProvider.NAME, OnnxRuntimeProvider.version(),
                "CPU execution provider, " + options.threads() + " intra-op threads", spec.name(), files.onnxSha256(),
                files.tokenizerSha256());
    }

    @Override
    public String name() {
        return OnnxRuntimeProvider.NAME;
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public int dimension() {
        return encoder.hiddenSize();
    }

    @Override
    public float[][] encode(List<String> texts, boolean query) {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String t : texts) {
            ids.add(tokenizer.encode(spec.input(t, query), spec.maxTokens()));
        }
        float[][] out = new float[texts.size()][];
        try {
            for (LengthBuckets.Bucket bucket : LengthBuckets.of(ids, options.batchSize(), tokenizer.padId())) {
                float[][] vectors = encoder.embed(bucket.batch(), spec.pooling(), spec.normalize());
                for (int b = 0; b < vectors.length; b++) {
                    out[bucket.indices()[b]] = vectors[b];
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + spec.name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            encoder.close();
        }
    }
}
