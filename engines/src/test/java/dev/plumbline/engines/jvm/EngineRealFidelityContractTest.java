package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.SharedData;
import dev.plumbline.engines.kernels.Backends;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fidelity of the pure-Java engine on every available kernel backend but {@code scalar} ({@link
 * Backends#fast()}) against ONNX Runtime on real SciFact passages, for every built-in model: min
 * cosine ≥ 0.9999, max absolute element error reported (ONNX Runtime encodes each model's
 * passages once per JVM, for all backends). The CI run uses the first 100 passages;
 * {@code -Dplumbline.fidelity.passages=1000} gives the 1,000-passage figure.
 */
@Tag("real-data")
public class EngineRealFidelityContractTest {
    private static final double MIN_COSINE = 0.9999;

    /** ONNX Runtime's vectors of the passages, by model and passage count. */
    private static final Map<String, float[][]> ORT = new ConcurrentHashMap<>();

    static Stream<Arguments> backendsAndModels() {
        return Backends.fastWith("minilm-l6", "bge-small-en-v1.5", "e5-small-v2");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndModels")
    void matchesOnnxRuntimeOnSciFactPassages(String backend, String model) throws IOException {
        int n = Integer.getInteger("plumbline.fidelity.passages", 100);
        List<String> passages = new ArrayList<>(SharedData.corpus("scifact").values()).subList(0, n);
        ModelSpec spec = ModelRegistry.get(model);
        EngineOptions options = new EngineOptions(Runtime.getRuntime().availableProcessors(), 32);
        float[][] a;
        try (Engine java = Engines.provider(backend).open(spec, options)) {
            a = java.encode(passages, false);
        }
        String key = model + "/" + n;
        float[][] b = ORT.get(key);
        if (b == null) {
            try (Engine ort = Engines.provider("onnxruntime").open(spec, options)) {
                b = ort.encode(passages, false);
            }
            ORT.put(key, b);
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
        System.out.printf(Locale.ROOT,
                "fidelity %s %s: %d SciFact passages, min cosine %.9f, max abs element error %.2e%n",
                backend, model, n, minCosine, maxAbs);
        assertTrue(minCosine >= MIN_COSINE, backend + " " + model + ": min cosine " + minCosine);
    }
}
