package dev.plumbline.engines.onnx;

import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.encoder.BertSequenceClassifier;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ClassificationHead;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationHeadMapperTest {
    /**
     * The project's encoder (FP32 kernels, head in FP64) vs ONNX Runtime (FP32 throughout) on the
     * same generated graph: the logits differ by FP32 rounding only (about 4e-7 here). Logits of
     * these models spread over about a unit between inputs, so a misplaced tensor is off by far more.
     */
    static final double LOGIT_TOLERANCE = 1e-5;

    static final int VOCAB = 30522;
    /** Odd sizes: hidden 36 in 3 heads of 12, feed-forward 53, 41 positions. */
    static GeneratedBert.Spec spec(GeneratedBert.Head head, int labels, long seed) {
        return new GeneratedBert.Spec(VOCAB, 36, 3, 53, 2, 41, labels, head, seed);
    }

    @Test
    void gemmAndMatMulHeadsMatchOnnxRuntimeOverOddBatchesAndLengths() throws Exception {
        for (var c : List.of(new Object[] {GeneratedBert.Head.BERT_GEMM, 1}, new Object[] {GeneratedBert.Head.BERT_GEMM, 2},
                new Object[] {GeneratedBert.Head.BERT_MATMUL, 3})) {
            byte[] onnx = GeneratedBert.write(spec((GeneratedBert.Head) c[0], (int) c[1], 7));
            OnnxModel model = OnnxReader.read(onnx);
            BertWeights w = BertOnnxMapper.map(model);
            assertEquals(new BertConfig(VOCAB, 36, 2, 3, 53, 41, 2, 1e-12f), w.config());
            ClassificationHead head = ClassificationHeadMapper.map(model, 36);
            assertEquals((int) c[1], head.labels());
            Random r = new Random(11);
            try (Kernels k = KernelBackends.create(KernelBackends.SIMD, 2); OrtLogits ort = new OrtLogits(onnx)) {
                BertSequenceClassifier ours = new BertSequenceClassifier(new BertEncoder(w, k), head);
                for (int batch : new int[] {1, 3, 7}) {
                    List<int[]> ids = new ArrayList<>();
                    List<int[]> types = new ArrayList<>();
                    for (int b = 0; b < batch; b++) {
                        int len = 2 * r.nextInt(20) + 5; // odd, 5..43 capped below at the 41 positions
                        pair(r, Math.min(len, 41), ids, types);
                    }
                    float[][] expected = ort.logits(ids, types);
                    double[][] actual = ours.logits(ids.toArray(int[][]::new), types.toArray(int[][]::new));
                    double spread = 0;
                    for (int b = 0; b < batch; b++) {
                        for (int l = 0; l < head.labels(); l++) {
                            assertEquals(expected[b][l], actual[b][l], LOGIT_TOLERANCE, c[0] + " labels " + c[1]
                                    + " batch " + batch + " input " + b + " logit " + l);
                            spread = Math.max(spread, Math.abs(actual[b][l] - actual[0][l]));
                        }
                    }
                    assertTrue(batch == 1 || spread > 100 * LOGIT_TOLERANCE,
                            "logits should differ between inputs, spread " + spread);
                }
            }
        }
    }

    /** {@code [CLS] a [SEP] b [SEP]} of {@code len} random word ids, types 0 through the first [SEP], 1 after. */
    static void pair(Random r, int len, List<int[]> ids, List<int[]> types) {
        int[] id = new int[len];
        int[] type = new int[len];
        int sep = 1 + r.nextInt(len - 2);
        for (int t = 0; t < len; t++) {
            id[t] = t == 0 ? 101 : t == sep || t == len - 1 ? 102 : 1000 + r.nextInt(VOCAB - 1000);
            type[t] = t > sep ? 1 : 0;
        }
        ids.add(id);
        types.add(type);
    }

    @Test
    void gemmWeightsAreReadTransposedAsTheirNamesSay() {
        OnnxModel model = OnnxReader.read(GeneratedBert.write(spec(GeneratedBert.Head.BERT_GEMM, 2, 3)));
        ClassificationHead head = ClassificationHeadMapper.map(model, 36);
        float[] classifier = model.graph().initializers().get("classifier.weight").floats(); // [labels × hidden]
        float[] pooler = model.graph().initializers().get("bert.pooler.dense.weight").floats(); // [hidden × hidden], out × in
        for (int i = 0; i < 36; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(classifier[k * 36 + i], head.classifierW()[i * 2 + k]);
            }
            for (int j = 0; j < 36; j++) {
                assertEquals(pooler[j * 36 + i], head.poolerW()[i * 36 + j]);
            }
        }
        assertEquals(model.graph().initializers().get("classifier.bias").floats()[1], head.classifierB()[1]);
    }

    @Test
    void aPlainEncoderHasNoHead() {
        for (OnnxModel plain : List.of(OnnxReader.read(TestModels.files("minilm-l6").onnx()),
                OnnxReader.read(GeneratedBert.write(spec(GeneratedBert.Head.NONE, 1, 1))))) {
            OnnxFormatException e = assertThrows(OnnxFormatException.class,
                    () -> ClassificationHeadMapper.map(plain, BertOnnxMapper.map(plain).config().hidden()));
            assertEquals("no sequence-classification head: no nodes scoped pooler/dense or classifier (a plain encoder,"
                    + " not a cross-encoder); " + ClassificationHeadMapper.EXPECTED, e.getMessage());
        }
    }

    @Test
    void aRobertaHeadIsRejectedWithWhatWasExpected() {
        OnnxModel model = OnnxReader.read(GeneratedBert.write(spec(GeneratedBert.Head.ROBERTA, 2, 1)));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> ClassificationHeadMapper.map(model, 36));
        assertEquals("unsupported classification head: nodes scoped classifier/dense, classifier/out_proj (a RoBERTa-style"
                + " head: dense, tanh, out_proj, without BERT's pooler); " + ClassificationHeadMapper.EXPECTED, e.getMessage());
    }

    @Test
    void aHeadOfTheWrongWidthListsWhatIsMissing() {
        OnnxModel model = OnnxReader.read(GeneratedBert.write(spec(GeneratedBert.Head.BERT_GEMM, 1, 1)));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> ClassificationHeadMapper.map(model, 40));
        assertTrue(e.getMessage().startsWith("not a supported sequence-classification head; missing: pooler/dense weight"
                + " of 40 inputs and 40 outputs (transB=1: shape [out, in]), found [36, 36]; classifier weight of 40"
                + " inputs"), e.getMessage());
    }
}
