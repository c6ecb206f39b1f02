package dev.plumbline.engines.ort;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxRuntimeEngineTest {
    /** Batch composition changes ORT's kernel blocking, so vectors agree to FP32 rounding only. */
    static final float BATCHING_TOLERANCE = 1e-5f;

    private static Engine engine;

    @BeforeAll
    static void open() throws Exception {
        ModelSpec minilm = ModelRegistry.get("minilm-l6");
        engine = new OnnxRuntimeEngine(minilm, TestModels.files("minilm-l6"), new EngineOptions(2, 3));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void isRegisteredWithServiceLoader() {
        EngineProvider p = Engines.provider("onnxruntime");
        assertTrue(p.availability().available(), p.availability().describe());
        assertTrue(p.describe().startsWith("ONNX Runtime 1.24.2"), p.describe());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Engines.provider("nope"));
        assertTrue(e.getMessage().startsWith("unknown engine 'nope'; registered engines: onnxruntime"), e.getMessage());
    }

    @Test
    void identityNamesEngineVersionThreadsAndModelHash() {
        var id = engine.identity();
        assertEquals("onnxruntime", id.engine());
        assertEquals("1.24.2", id.version());
        assertEquals("CPU execution provider, 2 intra-op threads", id.backend());
        assertEquals("minilm-l6", id.model());
        assertEquals(TestModels.files("minilm-l6").onnxSha256(), id.modelSha256());
        assertEquals(384, engine.dimension());
    }

    /**
     * ONNX Runtime's memory is out of sight: no exact figure is claimed, and the resident-set
     * growth across creation and the first batch is reported once a batch has run (Linux). How
     * large it is depends on what the process freed before (the allocator reuses it), so only its
     * presence is asserted; a fresh process shows the session's size (README, the demo).
     */
    @Test
    void memoryIsTheResidentSetGrowthOfCreationAndFirstBatchNoExactFigures() throws Exception {
        ModelSpec minilm = ModelRegistry.get("minilm-l6");
        try (Engine e = new OnnxRuntimeEngine(minilm, TestModels.files("minilm-l6"), new EngineOptions(1, 4))) {
            assertEquals(dev.plumbline.engines.EngineMemory.NOT_REPORTED, e.memory(), "nothing before the first batch");
            e.encode(List.of("one text", "and another"), false);
            var m = e.memory();
            assertEquals(dev.plumbline.engines.EngineMemory.UNKNOWN, m.weightBytes());
            assertEquals(dev.plumbline.engines.EngineMemory.UNKNOWN, m.scratchBytes());
            if (dev.plumbline.engines.ProcessMemory.residentBytes() != dev.plumbline.engines.EngineMemory.UNKNOWN) {
                assertTrue(m.nativeRssGrowthBytes() >= 0, m.toString());
            }
            assertEquals("CPUExecutionProvider", e.kernelBackend());
            assertEquals(minilm.maxTokens(), e.tokenCount(List.of("word ".repeat(1000)), false));
        }
    }

    @Test
    void vectorsAreUnitNormAndSimilaritiesAreSensible() {
        List<String> texts = List.of(
                "A man is playing a guitar.",
                "Someone plays an acoustic guitar on stage.",
                "The stock market fell sharply after the interest rate announcement.",
                "Shares dropped when the central bank raised rates.",
                "");
        float[][] v = engine.encode(texts, false);
        assertEquals(texts.size(), v.length);
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, Math.sqrt(dot(x, x)), 1e-5);
        }
        // Paraphrases are far closer to each other than to the other topic.
        assertTrue(dot(v[0], v[1]) > 0.5, "guitar pair " + dot(v[0], v[1]));
        assertTrue(dot(v[2], v[3]) > 0.5, "market pair " + dot(v[2], v[3]));
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.3);
        assertTrue(dot(v[2], v[3]) > dot(v[1], v[3]) + 0.3);
    }

    @Test
    void resultsComeBackInInputOrderWhateverTheBatching() {
        List<String> texts = List.of("a much longer sentence about proteins, genes and the cells that express them",
                "short", "a medium length sentence here", "x", "another fairly long sentence with several words in it");
        float[][] together = engine.encode(texts, false); // batches of 3, sorted by length
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = engine.encode(List.of(texts.get(i)), false)[0];
            assertArrayEquals(alone, together[i], BATCHING_TOLERANCE, "text " + i);
        }
    }

    @Test
    void queryPrefixChangesOnlyModelsThatHaveOne() throws Exception {
        // MiniLM has no prefixes: query and passage vectors are the same.
        float[] asQuery = engine.encode(List.of("vitamin d and bone health"), true)[0];
        float[] asPassage = engine.encode(List.of("vitamin d and bone health"), false)[0];
        assertArrayEquals(asPassage, asQuery, 0f);
        assertEquals("query: x", ModelRegistry.get("e5-small-v2").input("x", true));
        assertEquals("passage: x", ModelRegistry.get("e5-small-v2").input("x", false));
        assertEquals("Represent this sentence for searching relevant passages: x",
                ModelRegistry.get("bge-small-en-v1.5").input("x", true));
        assertEquals("x", ModelRegistry.get("bge-small-en-v1.5").input("x", false));
    }

    @Test
    void longTextsAreTruncatedToTheModelLength() {
        String longText = "word ".repeat(2000);
        float[] v = engine.encode(List.of(longText), false)[0];
        float[] cut = engine.encode(List.of("word ".repeat(254)), false)[0]; // 254 + [CLS] + [SEP] = 256
        assertArrayEquals(cut, v, BATCHING_TOLERANCE);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
