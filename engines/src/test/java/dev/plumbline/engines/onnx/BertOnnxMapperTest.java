package dev.plumbline.engines.onnx;

import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.ort.OrtEncoder;
import dev.plumbline.engines.tokenizer.TokenBatch;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BertOnnxMapperTest {
    /** Scalar double-precision reference vs ONNX Runtime FP32: differences are FP32 rounding. */
    static final double HIDDEN_STATE_TOLERANCE = 1e-4;

    static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Vitamin D deficiency is associated with an increased risk of cardiovascular disease in adults.",
            "naïve café 東京",
            "Short.");

    @Test
    void minilmGraphMapsToItsConfig() {
        BertWeights w = BertOnnxMapper.map(OnnxReader.read(TestModels.files("minilm-l6").onnx()));
        assertEquals(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12f), w.config());
        assertEquals(6, w.layers().size());
        // The named initializers must land where their names say.
        OnnxGraph g = OnnxReader.read(TestModels.files("minilm-l6").onnx()).graph();
        assertArrayEquals(g.initializers().get("embeddings.word_embeddings.weight").floats(), w.wordEmbeddings());
        assertArrayEquals(g.initializers().get("encoder.layer.5.output.LayerNorm.bias").floats(),
                w.layers().get(5).outLnBeta());
        assertArrayEquals(g.initializers().get("encoder.layer.3.intermediate.dense.bias").floats(),
                w.layers().get(3).interB());
        // 22.57 M parameters: embeddings 11.92 M + 6 layers × 1.77 M (the unused pooler is not mapped).
        assertEquals(22_565_376L * Float.BYTES, w.bytes());
    }

    @Test
    void minilmReferenceForwardPassMatchesOnnxRuntime() throws Exception {
        double err = maxErrorAgainstOnnxRuntime("minilm-l6");
        assertTrue(err < HIDDEN_STATE_TOLERANCE, "max |reference - ORT| = " + err);
    }

    /**
     * Runs {@link #SENTENCES} as one padded batch through ONNX Runtime and each sentence alone
     * through {@link ReferenceBert} on the mapped weights; returns the largest absolute difference
     * over all real tokens and hidden units.
     */
    static double maxErrorAgainstOnnxRuntime(String model) throws Exception {
        ModelFiles files = TestModels.files(model);
        BertWeights w = BertOnnxMapper.map(OnnxReader.read(files.onnx()));
        WordPieceTokenizer tok = files.tokenizer();
        List<int[]> ids = new ArrayList<>();
        for (String s : SENTENCES) {
            ids.add(tok.encode(s, 512));
        }
        TokenBatch batch = TokenBatch.of(ids, tok.padId());
        float[] ort;
        try (OrtEncoder enc = new OrtEncoder(files.onnx(), 1)) {
            ort = enc.lastHiddenState(batch);
        }
        int h = w.config().hidden();
        double max = 0;
        for (int b = 0; b < ids.size(); b++) {
            double[][] ref = ReferenceBert.forward(w, ids.get(b));
            for (int t = 0; t < ref.length; t++) {
                for (int j = 0; j < h; j++) {
                    max = Math.max(max, Math.abs(ref[t][j] - ort[(b * batch.seq() + t) * h + j]));
                }
            }
        }
        return max;
    }

    @Test
    void erfMatchesKnownValues() {
        assertEquals(0.0, ReferenceBert.erf(0), 0);
        assertEquals(0.8427007929497149, ReferenceBert.erf(1), 1e-15);
        assertEquals(-0.9953222650189527, ReferenceBert.erf(-2), 1e-15);
        assertEquals(0.9999779095030014, ReferenceBert.erf(3), 1e-15);
        assertEquals(0.9999999845827421, ReferenceBert.erf(4), 1e-15);
    }

    @Test
    void incompleteGraphsListWhatIsMissing() {
        ProtoWriter gather = new ProtoWriter().string(1, "word_table").string(1, "input_ids")
                .string(2, "/embeddings/word_embeddings/Gather_output_0").string(4, "Gather");
        ProtoWriter table = new ProtoWriter().packedVarints(1, 4, 2).varint(2, 1).string(8, "word_table")
                .packedFloats(4, 1, 2, 3, 4, 5, 6, 7, 8);
        byte[] bytes = new ProtoWriter().message(7, new ProtoWriter().message(1, gather).message(5, table)).toByteArray();
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> BertOnnxMapper.map(OnnxReader.read(bytes)));
        assertTrue(e.getMessage().startsWith("not a supported BERT encoder graph; missing: embeddings/position_embeddings"),
                e.getMessage());
        assertTrue(e.getMessage().contains("embeddings/token_type_embeddings"), e.getMessage());
        assertTrue(e.getMessage().contains("encoder layers"), e.getMessage());

        ProtoWriter quantized = new ProtoWriter().string(1, "a").string(1, "b").string(2, "/encoder/layer.0/x/MatMul_output_0")
                .string(4, "MatMulInteger");
        byte[] q = new ProtoWriter().message(7, new ProtoWriter().message(1, quantized)).toByteArray();
        e = assertThrows(OnnxFormatException.class, () -> BertOnnxMapper.map(OnnxReader.read(q)));
        assertTrue(e.getMessage().startsWith("quantized graph (MatMulInteger node"), e.getMessage());
    }
}
