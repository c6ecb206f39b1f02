package dev.plumbline.engines.ort;

import ai.onnxruntime.OrtException;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineIdentity;
import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.ProcessMemory;
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
    /** Resident-set growth while the session was created, bytes, or UNKNOWN. */
    private final long creationRssGrowth;
    /** Resident-set growth during the first batch run, bytes, or UNKNOWN (also before it ran). */
    private long firstBatchRssGrowth = EngineMemory.UNKNOWN;
    private boolean ranOnce;
    private boolean closed;

    /** Opens a session for {@code files}, which were loaded from {@code spec}. */
    public OnnxRuntimeEngine(ModelSpec spec, ModelFiles files, EngineOptions options) throws OrtException {
        this.spec = spec;
        this.tokenizer = files.tokenizer();
        this.options = options;
        // ONNX Runtime allocates its weights and arenas in native memory no JVM counter sees; the
        // resident set around exactly its own work (the model bytes are already on the heap) is
        // the closest measure there is.
        long before = ProcessMemory.residentBytes();
        this.encoder = new OrtEncoder(files.onnx(), options.threads());
        this.creationRssGrowth = growth(before, ProcessMemory.residentBytes());
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
                // The first run allocates ONNX Runtime's arenas for activations: part of what it holds.
                long before = ranOnce ? 0 : ProcessMemory.residentBytes();
                float[][] vectors = encoder.embed(bucket.batch(), spec.pooling(), spec.normalize());
                if (!ranOnce) {
                    ranOnce = true;
                    firstBatchRssGrowth = growth(before, ProcessMemory.residentBytes());
                }
                for (int b = 0; b < vectors.length; b++) {
                    out[bucket.indices()[b]] = vectors[b];
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + spec.name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code CPUExecutionProvider}: ONNX Runtime's own kernels, the only provider this engine enables. */
    @Override
    public String kernelBackend() {
        return "CPUExecutionProvider";
    }

    /**
     * Out of sight: ONNX Runtime holds the weights and its arenas in native memory it does not
     * report, so only the process's resident-set growth across the session's creation and the
     * first batch is known (the two windows summed; nothing else the process does between them is
     * counted). {@link EngineMemory#UNKNOWN} until the first batch has run.
     */
    @Override
    public EngineMemory memory() {
        if (creationRssGrowth == EngineMemory.UNKNOWN || firstBatchRssGrowth == EngineMemory.UNKNOWN) {
            return EngineMemory.NOT_REPORTED;
        }
        return EngineMemory.outOfSight(creationRssGrowth + firstBatchRssGrowth);
    }

    @Override
    public long tokenCount(List<String> texts, boolean query) {
        long n = 0;
        for (String t : texts) {
            n += tokenizer.encode(spec.input(t, query), spec.maxTokens()).length;
        }
        return n;
    }

    /** {@code after − before}, at least 0 (memory returned to the system meanwhile is not negative use). */
    private static long growth(long before, long after) {
        return before == EngineMemory.UNKNOWN || after == EngineMemory.UNKNOWN ? EngineMemory.UNKNOWN
                : Math.max(0, after - before);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            encoder.close();
        }
    }
}
