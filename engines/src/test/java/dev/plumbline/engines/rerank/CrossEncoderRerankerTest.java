package dev.plumbline.engines.rerank;

import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.onnx.GeneratedBert;
import dev.plumbline.engines.onnx.OrtLogits;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code cross-encoder} reranker on small generated {@code BertForSequenceClassification}
 * graphs (no cross-encoder weights are reachable from the build machines), held to ONNX Runtime
 * running the same file: scores and order.
 */
class CrossEncoderRerankerTest {
    /** Project encoder vs ONNX Runtime on the same graph: FP32 rounding (about 4e-7 on these models). */
    static final double SCORE_TOLERANCE = 1e-5;
    /** The generated models' position table, so the default max_tokens. */
    static final int POSITIONS = 41;

    static final String QUERY = "does vitamin d lower the risk of heart disease";
    static final List<String> CANDIDATES = List.of(
            "Vitamin D deficiency is associated with an increased risk of cardiovascular disease in adults.",
            "The council repaired the footbridge near the harbour.",
            "",
            "Heart disease.",
            "naïve café 東京",
            "In a randomized trial of 25,871 participants, supplementation with vitamin D3 at 2000 IU per day did"
                    + " not lower the incidence of invasive cancer or cardiovascular events compared with placebo over"
                    + " a median follow-up of 5.3 years, and results were similar across subgroups.",
            "Salmon migrate upstream every autumn to spawn.");

    @TempDir
    static Path dir;
    static Path oneLogit;
    static Path threeLogits;
    static Path plain;

    @BeforeAll
    static void writeModels() throws IOException {
        oneLogit = write("one", GeneratedBert.Head.BERT_GEMM, 1);
        threeLogits = write("three", GeneratedBert.Head.BERT_MATMUL, 3);
        plain = write("plain", GeneratedBert.Head.NONE, 1);
    }

    /** A folder with a generated model.onnx and minilm-l6's tokenizer.json (same vocabulary size). */
    static Path write(String name, GeneratedBert.Head head, int labels) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("model.onnx"), GeneratedBert.write(new GeneratedBert.Spec(30522, 36, 3, 53, 2,
                POSITIONS, labels, head, 21)));
        Files.write(d.resolve("tokenizer.json"), TestModels.files("minilm-l6").tokenizerJson());
        return d;
    }

    static Reranker open(Path path, String... options) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("path", path.toString());
        o.put("threads", "1");
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return Rerankers.open(Rerankers.config("xenc", "cross-encoder", "rerankers[0]", o));
    }

    /** ONNX Runtime's score of each candidate: the logit, or the label's log-softmax, from its FP32 logits. */
    static double[] ortScores(Path model, int label) throws Exception {
        WordPieceTokenizer tok = TestModels.files("minilm-l6").tokenizer();
        List<int[]> ids = new ArrayList<>();
        List<int[]> types = new ArrayList<>();
        for (String c : CANDIDATES) {
            WordPieceTokenizer.Pair p = tok.encodePair(QUERY, c, POSITIONS);
            ids.add(p.ids());
            types.add(p.types());
        }
        assertEquals(POSITIONS, ids.get(5).length, "the long candidate is truncated to the position table");
        float[][] logits;
        try (OrtLogits ort = new OrtLogits(Files.readAllBytes(model.resolve("model.onnx")))) {
            logits = ort.logits(ids, types);
        }
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            if (logits[i].length == 1) {
                out[i] = logits[i][0];
            } else {
                double sum = 0;
                for (float z : logits[i]) {
                    sum += Math.exp(z);
                }
                out[i] = logits[i][label] - Math.log(sum);
            }
        }
        return out;
    }

    static int[] order(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).mapToInt(i -> i).toArray();
    }

    @Test
    void scoresAreOnnxRuntimesAndRankTheSame() throws Exception {
        record Case(Path model, String label, int ortLabel, String labels) {
        }
        for (Case c : List.of(new Case(oneLogit, null, 0, "1"), new Case(threeLogits, null, 1, "3"),
                new Case(threeLogits, "2", 2, "3"), new Case(threeLogits, "0", 0, "3"))) {
            double[] expected = ortScores(c.model(), c.ortLabel());
            double[] actual;
            try (Reranker r = c.label() == null ? open(c.model()) : open(c.model(), "label", c.label())) {
                actual = r.scores(QUERY, CANDIDATES);
                assertEquals(Integer.toString(POSITIONS), r.details().get("max_tokens"), "default: the position table");
                assertEquals(c.labels(), r.details().get("labels"));
                assertEquals(Integer.toString(c.ortLabel()), r.details().get("label"));
                assertEquals("cross-encoder", r.type());
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], SCORE_TOLERANCE, c + " candidate " + i);
            }
            int[] byOrt = order(expected);
            for (int i = 1; i < byOrt.length; i++) {
                assertTrue(expected[byOrt[i - 1]] - expected[byOrt[i]] > 2 * SCORE_TOLERANCE,
                        "the generated model separates every candidate, so the order is defined: " + c);
            }
            assertArrayEquals(byOrt, order(actual), c.toString());
        }
    }

    @Test
    void scoresDoNotDependOnBatchingAndTheOnnxFileCanBeGiven() throws Exception {
        double[] all;
        try (Reranker r = open(oneLogit)) {
            all = r.scores(QUERY, CANDIDATES);
            for (int i = 0; i < CANDIDATES.size(); i++) {
                assertEquals(all[i], r.scores(QUERY, List.of(CANDIDATES.get(i)))[0], 0, "alone, candidate " + i);
            }
            assertEquals(0, r.scores(QUERY, List.of()).length);
        }
        try (Reranker r = open(oneLogit.resolve("model.onnx"), "batch_size", "1", "threads", "3")) {
            assertArrayEquals(all, r.scores(QUERY, CANDIDATES), 0);
        }
        try (Reranker r = open(oneLogit, "max_tokens", "16")) {
            double[] shorter = r.scores(QUERY, CANDIDATES);
            assertEquals(all[3], shorter[3], 0, "a pair of 16 tokens or fewer (query 9, candidate 3, specials 3) is not cut");
            assertTrue(shorter[0] != all[0], "a longer pair is cut to max_tokens");
        }
    }

    @Test
    void aPlainEncoderFailsNamingThePathAndWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(plain).close());
        assertEquals("rerankers[0].path: " + plain.resolve("model.onnx") + ": no sequence-classification head: no nodes"
                + " scoped pooler/dense or classifier (a plain encoder, not a cross-encoder); expected BERT's"
                + " sequence-classification head as torch.onnx and Optimum export BertForSequenceClassification: the"
                + " pooler (a Gather of the [CLS] row, index 0 on axis 1, then a Gemm or MatMul + Add scoped"
                + " pooler/dense, then Tanh) and the classifier (a Gemm or MatMul + Add scoped classifier, reading the"
                + " pooler's output, giving the logits)", e.getMessage());
    }

    @Test
    void optionErrorsNameTheKeyPath() {
        assertEquals("rerankers[0].path: required: the cross-encoder model, a directory with model.onnx and"
                + " tokenizer.json, or an .onnx file with tokenizer.json beside it", checkError(Map.of()));
        Path nowhere = dir.resolve("nowhere");
        assertEquals("rerankers[0].path: " + nowhere + ": model path does not exist; give a directory with model.onnx"
                + " and tokenizer.json, or an .onnx file", checkError(Map.of("path", nowhere.toString())));
        assertEquals("rerankers[0].backend: unknown kernel backend 'nope'; known: "
                        + String.join(", ", dev.plumbline.engines.kernels.KernelBackends.names()),
                checkError(Map.of("path", oneLogit.toString(), "backend", "nope")));
        assertEquals("rerankers[0].lable: a cross-encoder reranker has no option 'lable'; it knows backend,"
                        + " batch_size, depth, label, max_tokens, path, threads",
                checkError(Map.of("path", oneLogit.toString(), "lable", "1")));
        assertEquals("rerankers[0].batch_size: must be an integer from 1 to 4096, got '0'",
                checkError(Map.of("path", oneLogit.toString(), "batch_size", "0")));
        assertEquals("rerankers[0].label: must be an integer from 0 to 1000000, got '-1'",
                checkError(Map.of("path", oneLogit.toString(), "label", "-1")));

        Path onnx3 = threeLogits.resolve("model.onnx");
        assertEquals("rerankers[0].label: " + onnx3 + " has 3 logits (labels 0 to 2), no label 3",
                assertThrows(IllegalArgumentException.class, () -> open(threeLogits, "label", "3").close()).getMessage());
        assertEquals("rerankers[0].label: " + oneLogit.resolve("model.onnx") + " has 1 logit (label 0), no label 1",
                assertThrows(IllegalArgumentException.class, () -> open(oneLogit, "label", "1").close()).getMessage());
        assertEquals("rerankers[0].max_tokens: 42 is more than the 41 positions of " + oneLogit.resolve("model.onnx"),
                assertThrows(IllegalArgumentException.class, () -> open(oneLogit, "max_tokens", "42").close())
                        .getMessage());
    }

    private static String checkError(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> Rerankers.check(
                Rerankers.config("xenc", "cross-encoder", "rerankers[0]", options))).getMessage();
    }
}
