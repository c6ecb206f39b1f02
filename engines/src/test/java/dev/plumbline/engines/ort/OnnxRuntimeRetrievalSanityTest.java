package dev.plumbline.engines.ort;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.SharedData;
import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.model.ModelRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each built-in model through ONNX Runtime, with its prefixes and pooling, on SciFact: for 30 test
 * queries, the relevant abstract should rank near the top among 200 abstracts. A wrong pooling,
 * a missing query instruction or a broken tokenizer shows up here as a collapse of the ranks.
 */
@Tag("real-data")
class OnnxRuntimeRetrievalSanityTest {

    @ParameterizedTest
    @ValueSource(strings = {"minilm-l6", "bge-small-en-v1.5", "e5-small-v2"})
    void relevantAbstractsRankHigh(String model) throws Exception {
        Map<String, String> corpus = SharedData.corpus("scifact");
        Map<String, String> queries = SharedData.queries("scifact");
        Map<String, String> firstRelevant = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.dataset("scifact").resolve("qrels/test.tsv")).subList(1, 31)) {
            String[] f = line.split("\t");
            firstRelevant.putIfAbsent(f[0], f[1]);
        }
        Set<String> docIds = new LinkedHashSet<>(firstRelevant.values());
        for (String id : corpus.keySet()) {
            if (docIds.size() >= 200) {
                break;
            }
            docIds.add(id);
        }
        List<String> ids = new ArrayList<>(docIds);
        List<String> qids = new ArrayList<>(firstRelevant.keySet());
        try (Engine engine = open(model)) {
            float[][] docs = engine.encode(ids.stream().map(corpus::get).toList(), false);
            float[][] qs = engine.encode(qids.stream().map(queries::get).toList(), true);
            for (float[] v : docs) {
                assertEquals(1.0, Math.sqrt(OnnxRuntimeEngineTest.dot(v, v)), 1e-5);
            }
            int top1 = 0;
            int top10 = 0;
            for (int q = 0; q < qids.size(); q++) {
                double relevant = OnnxRuntimeEngineTest.dot(qs[q], docs[ids.indexOf(firstRelevant.get(qids.get(q)))]);
                int rank = 1;
                for (float[] d : docs) {
                    if (OnnxRuntimeEngineTest.dot(qs[q], d) > relevant) {
                        rank++;
                    }
                }
                top1 += rank == 1 ? 1 : 0;
                top10 += rank <= 10 ? 1 : 0;
            }
            System.out.printf("%s via onnxruntime: relevant abstract at rank 1 for %d/%d queries, top 10 for %d/%d"
                    + " (among %d abstracts)%n", model, top1, qids.size(), top10, qids.size(), ids.size());
            assertTrue(top10 >= 0.8 * qids.size(), model + ": only " + top10 + " of " + qids.size() + " in the top 10");
        }
    }

    private static Engine open(String model) throws IOException {
        try {
            return new OnnxRuntimeEngine(ModelRegistry.get(model), TestModels.files(model), new EngineOptions(2, 16));
        } catch (ai.onnxruntime.OrtException e) {
            throw new IOException(e);
        }
    }
}
