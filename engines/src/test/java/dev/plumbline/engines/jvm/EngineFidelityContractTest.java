package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.kernels.Backends;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure-Java engine on every available kernel backend but {@code scalar} ({@link
 * Backends#fast()}) against ONNX Runtime, the peer and oracle: for every built-in model, sentence
 * vectors agree to cosine ≥ 0.9999 (the fidelity bar) on varied texts,
 * including padding-heavy batches and a text past the model's length limit.
 */
public class EngineFidelityContractTest {
    /** The bar for the smallest cosine between the two engines' vectors of one text. */
    private static final double MIN_COSINE = 0.9999;

    private static final List<String> TEXTS = List.of(
            "Aspirin reduces the risk of myocardial infarction in patients with coronary disease.",
            "What causes the seasons on Earth?",
            "Café au lait spots (CALs) are flat, pigmented birthmarks; ≥6 spots suggest NF1.",
            "短い日本語の文と English mixed together 🙂",
            "x",
            "Protein kinase C phosphorylates serine residues. ".repeat(80));

    static Stream<Arguments> backendsAndModels() {
        return Backends.fastWith("minilm-l6", "bge-small-en-v1.5", "e5-small-v2");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void matchesOnnxRuntime(String backend, String model) throws IOException {
        ModelSpec spec = ModelRegistry.get(model);
        EngineOptions options = new EngineOptions(2, 4);
        try (Engine java = Engines.provider(backend).open(spec, options);
             Engine ort = Engines.provider("onnxruntime").open(spec, options)) {
            for (boolean query : new boolean[] {true, false}) {
                float[][] a = java.encode(TEXTS, query);
                float[][] b = ort.encode(TEXTS, query);
                assertEquals(b.length, a.length);
                for (int i = 0; i < a.length; i++) {
                    double dot = 0;
                    for (int j = 0; j < a[i].length; j++) {
                        dot += (double) a[i][j] * b[i][j];
                    }
                    assertTrue(dot >= MIN_COSINE, backend + " " + model + " text " + i + " cosine " + dot);
                }
            }
            assertEquals(backend, java.identity().engine());
            assertEquals(ort.identity().modelSha256(), java.identity().modelSha256());
        }
    }
}
