package dev.plumbline.engines.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime's {@code logits} of a sequence-classification graph for typed inputs, run as one
 * padded batch (pad id 0, attention mask 0 over the padding): the peer the project's
 * cross-encoder is held to.
 */
public final class OrtLogits implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    /** A one-thread session over {@code model}. */
    public OrtLogits(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            this.session = env.createSession(model, o);
        }
    }

    /** {@code [inputs][labels]} logits of {@code ids} with token types {@code types}, padded to the longest. */
    public float[][] logits(List<int[]> ids, List<int[]> types) throws OrtException {
        int batch = ids.size();
        int seq = ids.stream().mapToInt(a -> a.length).max().orElse(0);
        long[] idv = new long[batch * seq];
        long[] mask = new long[batch * seq];
        long[] typ = new long[batch * seq];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < ids.get(b).length; t++) {
                idv[b * seq + t] = ids.get(b)[t];
                mask[b * seq + t] = 1;
                typ[b * seq + t] = types.get(b)[t];
            }
        }
        long[] shape = {batch, seq};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(idv), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(typ), shape));
            try (OrtSession.Result r = session.run(in)) {
                OnnxTensor out = (OnnxTensor) r.get("logits").orElseThrow();
                long[] dims = out.getInfo().getShape();
                FloatBuffer fb = out.getFloatBuffer();
                float[][] logits = new float[batch][(int) dims[1]];
                for (float[] row : logits) {
                    fb.get(row);
                }
                return logits;
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
