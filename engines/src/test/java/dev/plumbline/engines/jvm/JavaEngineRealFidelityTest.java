package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.SharedData;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fidelity of the simd engine against ONNX Runtime on real SciFact passages, for every built-in
 * model: min cosine ≥ 0.9999, max absolute element error reported. The CI run uses the first 100
 * passages; {@code -Dplumbline.fidelity.passages=1000} gives the 1,000-passage figure.
 */
@Tag("real-data")
class JavaEngineRealFidelityTest {
    private static final double MIN_COSINE = 0.9999;

    @ParameterizedTest
    @ValueSource(strings = {"minilm-l6", "bge-small-en-v1.5", "e5-small-v2"})
    void simdMatchesOnnxRuntimeOnSciFactPassages(String model) throws IOException {
        int n = Integer.getInteger("plumbline.fidelity.passages", 100);
        List<String> passages = new ArrayList<>(SharedData.corpus("scifact").values()).subList(0, n);
        ModelSpec spec = ModelRegistry.get(model);
        EngineOptions options = new EngineOptions(Runtime.getRuntime().availableProcessors(), 32);
        float[][] a;
        float[][] b;
        try (Engine simd = Engines.provider("simd").open(spec, options)) {
            a = simd.encode(passages, false);
        }
        try (Engine ort = Engines.provider("onnxruntime").open(spec, options)) {
            b = ort.encode(passages, false);
        }
        double minCosine = 1;
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < a[i].length; j++) {
                dot += (double) a[i][j] * b[i][j];
                maxAbs = Math.max(maxAbs, Math.abs(a[i][j] - b[i][j]));
            }
            minCosine = Math.min(minCosine, dot);
        }
        System.out.printf(Locale.ROOT, "fidelity %s: %d SciFact passages, min cosine %.9f, max abs element error %.2e%n",
                model, n, minCosine, maxAbs);
        assertTrue(minCosine >= MIN_COSINE, model + ": min cosine " + minCosine);
    }
}
