package dev.plumbline.engines.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.plumbline.engines.model.Pooler;
import dev.plumbline.engines.model.Pooling;
import dev.plumbline.engines.tokenizer.TokenBatch;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session over a BERT-family model: token ids and attention mask in (and
 * {@code token_type_ids}, all zero, when the graph has that input), last hidden states or pooled
 * sentence vectors out. Owns its {@link OrtSession} and closes it in {@link #close}; the
 * {@link OrtEnvironment} is ONNX Runtime's process-wide singleton and is never closed. Not
 * thread-safe (one caller at a time); ONNX Runtime parallelizes each call over its intra-op threads.
 */
public final class OrtEncoder implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean tokenTypeIds;
    private final String output;
    private final int hidden;
    private final int threads;

    /**
     * Creates a session.
     *
     * @param model   the .onnx bytes
     * @param threads intra-op threads (inter-op is 1: BERT graphs are one chain)
     * @throws IllegalArgumentException if the graph lacks {@code input_ids}/{@code attention_mask}
     *                                  or a {@code [batch, seq, hidden]} float output
     */
    public OrtEncoder(byte[] model, int threads) throws OrtException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(model, opts);
        }
        try {
            Set<String> inputs = session.getInputNames();
            for (String required : new String[] {"input_ids", "attention_mask"}) {
                if (!inputs.contains(required)) {
                    throw new IllegalArgumentException("ONNX model has no input '" + required + "' (inputs: " + inputs
                            + "); export it with the Hugging Face input names");
                }
            }
            for (String in : inputs) {
                if (!Set.of("input_ids", "attention_mask", "token_type_ids").contains(in)) {
                    throw new IllegalArgumentException("ONNX model has an unexpected input '" + in
                            + "'; supported inputs: input_ids, attention_mask, token_type_ids");
                }
            }
            this.tokenTypeIds = inputs.contains("token_type_ids");
            String found = null;
            int width = -1;
            for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
                if (e.getValue().getInfo() instanceof TensorInfo ti && ti.getShape().length == 3
                        && (found == null || e.getKey().equals("last_hidden_state"))) {
                    found = e.getKey();
                    width = (int) ti.getShape()[2];
                }
            }
            if (found == null || width <= 0) {
                throw new IllegalArgumentException("ONNX model has no [batch, seq, hidden] output with a fixed hidden size"
                        + " (outputs: " + session.getOutputNames() + ")");
            }
            this.output = found;
            this.hidden = width;
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Hidden size of the output. */
    public int hiddenSize() {
        return hidden;
    }

    /** Intra-op threads of the session. */
    public int threads() {
        return threads;
    }

    /** {@code [batch × seq × hidden]} last hidden states of {@code batch}, row-major. */
    public float[] lastHiddenState(TokenBatch batch) throws OrtException {
        long[] shape = {batch.batch(), batch.seq()};
        int n = batch.batch() * batch.seq();
        long[] ids = new long[n];
        long[] mask = new long[n];
        int[] m = batch.attentionMask();
        for (int i = 0; i < n; i++) {
            ids[i] = batch.ids()[i];
            mask[i] = m[i];
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (tokenTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                FloatBuffer fb = out.getFloatBuffer();
                float[] hiddenStates = new float[fb.remaining()];
                fb.get(hiddenStates);
                if (hiddenStates.length != n * hidden) {
                    throw new IllegalStateException("ONNX Runtime returned " + hiddenStates.length + " values for "
                            + batch.batch() + " × " + batch.seq() + " × " + hidden);
                }
                return hiddenStates;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Pooled (and, if asked, unit-norm) sentence vectors of {@code batch}, one per row. */
    public float[][] embed(TokenBatch batch, Pooling pooling, boolean normalize) throws OrtException {
        return Pooler.pool(lastHiddenState(batch), batch.batch(), batch.seq(), hidden, batch.lengths(), pooling,
                normalize);
    }

    /** Closes the session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed", e);
        }
    }
}
