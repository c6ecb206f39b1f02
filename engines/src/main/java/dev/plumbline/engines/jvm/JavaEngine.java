package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineIdentity;
import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;

import java.util.List;

/**
 * The pure-Java encoder: this project's tokenizer, the model's weights read from its ONNX file
 * into {@link dev.plumbline.engines.model.BertWeights}, and the {@link BertEncoder} forward pass on a {@link Kernels} backend
 * ({@code simd}: the Java Vector API; {@code scalar}: the readable oracle).
 */
public final class JavaEngine implements Engine {
    private final String name;
    private final ModelSpec spec;
    private final WordPieceTokenizer tokenizer;
    private final BertEncoder encoder;
    private final Kernels kernels;
    private final EngineIdentity identity;
    private boolean closed;

    JavaEngine(String name, ModelSpec spec, ModelFiles files, Kernels kernels, EngineOptions options) {
        this.name = name;
        this.spec = spec;
        this.tokenizer = files.tokenizer();
        this.kernels = kernels;
        // The FP32 weights are only read while packing; the encoder keeps the packed form alone.
        this.encoder = new BertEncoder(weights(OnnxReader.read(files.onnx()), kernels), kernels,
                options.batchSize(), BertEncoder.DEFAULT_MAX_BATCH_TOKENS);
        this.identity = new EngineIdentity(name, KernelEngineProvider.version(),
                kernels.describe() + ", " + kernels.threads() + " threads, " + kernels.numerics(), spec.name(), files.onnxSha256(),
                files.tokenizerSha256());
    }

    /**
     * The model's weights for {@code kernels}: an int8 export's shipped codes for an int8 backend
     * (the same weights ONNX Runtime multiplies), the FP32 mapping otherwise, which refuses an int8
     * export with the remedy.
     */
    private static dev.plumbline.engines.model.BertWeights weights(dev.plumbline.engines.onnx.OnnxModel model,
                                                                   Kernels kernels) {
        boolean int8Backend = kernels.numerics().startsWith("int8");
        return int8Backend && BertOnnxMapper.isQuantized(model) ? BertOnnxMapper.mapInt8(model)
                : BertOnnxMapper.map(model);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EngineIdentity identity() {
        return identity;
    }

    @Override
    public String numerics() {
        return kernels.numerics();
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public int dimension() {
        return encoder.config().hidden();
    }

    /**
     * Bytes of weights this engine holds (model memory in results), exact: what the encoder keeps
     * on the heap (embeddings, biases, LayerNorm parameters and the linear matrices in the
     * backend's packed layout; not the FP32 matrices they were packed from) plus everything the
     * kernel backend holds off the heap (native backends pack weights there, beside their scratch).
     */
    public long weightBytes() {
        return encoder.weightBytes() + kernels.offHeapBytes();
    }

    @Override
    public String kernelBackend() {
        return kernels.name();
    }

    /** Everything counted exactly: {@link #weightBytes()}, and the encoder's work buffers as scratch. */
    @Override
    public EngineMemory memory() {
        return EngineMemory.exact(weightBytes(), encoder.scratchBytes() + kernels.scratchBytes(), kernels.offHeapBytes());
    }

    @Override
    public long tokenCount(List<String> texts, boolean query) {
        long n = 0;
        for (String t : texts) {
            n += tokenizer.encode(spec.input(t, query), spec.maxTokens()).length;
        }
        return n;
    }

    @Override
    public float[][] encode(List<String> texts, boolean query) {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        int[][] ids = new int[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.encode(spec.input(texts.get(i), query), spec.maxTokens());
        }
        if (!spec.normalize()) {
            throw new IllegalStateException("model " + spec.name() + " is configured without normalization; the "
                    + name + " engine only produces L2-normalized sentence vectors");
        }
        return encoder.embed(ids, spec.pooling());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            kernels.close();
        }
    }
}
