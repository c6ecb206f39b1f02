package dev.plumbline.engines.model;

import java.util.List;

/**
 * The FP32 weights of a BERT encoder (post-LayerNorm, GELU feed-forward), the typed structure
 * the ONNX reader fills and the forward pass reads. All arrays are row-major. Linear layers are
 * stored as ONNX {@code MatMul} stores its second input: {@code [in × out]}, so
 * {@code y = x · W + b}.
 *
 * @param config                shape
 * @param wordEmbeddings        {@code [vocabSize × hidden]}
 * @param positionEmbeddings    {@code [maxPositions × hidden]}
 * @param tokenTypeEmbeddings   {@code [typeVocabSize × hidden]}
 * @param embeddingLnGamma      {@code [hidden]}
 * @param embeddingLnBeta       {@code [hidden]}
 * @param layers                one entry per transformer layer, in order
 * @param quantized             for a model that ships int8 linear layers (ONNX Runtime's
 *                              {@code MatMulInteger} exports), their codes and scales per layer,
 *                              which int8 backends pack as they are ({@code layers} then hold the
 *                              same weights dequantized); empty for FP32 models
 */
public record BertWeights(BertConfig config, float[] wordEmbeddings, float[] positionEmbeddings,
                          float[] tokenTypeEmbeddings, float[] embeddingLnGamma, float[] embeddingLnBeta,
                          List<Layer> layers, List<QuantizedLayer> quantized) {

    /** FP32 weights (no shipped int8 codes). */
    public BertWeights(BertConfig config, float[] wordEmbeddings, float[] positionEmbeddings,
                       float[] tokenTypeEmbeddings, float[] embeddingLnGamma, float[] embeddingLnBeta,
                       List<Layer> layers) {
        this(config, wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings, embeddingLnGamma, embeddingLnBeta,
                layers, List.of());
    }

    /**
     * A linear layer's symmetric int8 weights as a model ships them: {@code w[k][j] = codes[k·n + j] ·
     * scales[j]} (per output column, zero point 0).
     *
     * @param codes  {@code [in × out]} row-major, each in [-127, 127]
     * @param scales {@code [out]}
     */
    public record QuantizedMatrix(byte[] codes, float[] scales) {
    }

    /** The six int8 linear layers of one transformer layer, in {@link Layer}'s order. */
    public record QuantizedLayer(QuantizedMatrix query, QuantizedMatrix key, QuantizedMatrix value,
                                 QuantizedMatrix attnOut, QuantizedMatrix inter, QuantizedMatrix out) {
    }

    /**
     * One transformer layer.
     *
     * @param queryW    {@code [hidden × hidden]}
     * @param queryB    {@code [hidden]}
     * @param keyW      {@code [hidden × hidden]}
     * @param keyB      {@code [hidden]}
     * @param valueW    {@code [hidden × hidden]}
     * @param valueB    {@code [hidden]}
     * @param attnOutW  {@code [hidden × hidden]}: attention output projection
     * @param attnOutB  {@code [hidden]}
     * @param attnLnGamma {@code [hidden]}: LayerNorm after attention + residual
     * @param attnLnBeta  {@code [hidden]}
     * @param interW    {@code [hidden × intermediate]}: feed-forward up projection (then GELU)
     * @param interB    {@code [intermediate]}
     * @param outW      {@code [intermediate × hidden]}: feed-forward down projection
     * @param outB      {@code [hidden]}
     * @param outLnGamma {@code [hidden]}: LayerNorm after feed-forward + residual
     * @param outLnBeta  {@code [hidden]}
     */
    public record Layer(float[] queryW, float[] queryB, float[] keyW, float[] keyB, float[] valueW, float[] valueB,
                        float[] attnOutW, float[] attnOutB, float[] attnLnGamma, float[] attnLnBeta,
                        float[] interW, float[] interB, float[] outW, float[] outB,
                        float[] outLnGamma, float[] outLnBeta) {
    }

    /** Bytes held by all weight arrays (model weights memory, reported per engine). */
    public long bytes() {
        long floats = (long) wordEmbeddings.length + positionEmbeddings.length + tokenTypeEmbeddings.length
                + embeddingLnGamma.length + embeddingLnBeta.length;
        for (Layer l : layers) {
            floats += (long) l.queryW.length + l.queryB.length + l.keyW.length + l.keyB.length + l.valueW.length
                    + l.valueB.length + l.attnOutW.length + l.attnOutB.length + l.attnLnGamma.length
                    + l.attnLnBeta.length + l.interW.length + l.interB.length + l.outW.length + l.outB.length
                    + l.outLnGamma.length + l.outLnBeta.length;
        }
        return floats * Float.BYTES;
    }
}
