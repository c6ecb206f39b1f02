package dev.plumbline.engines.ort;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.onnx.OnnxFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime's own int8 models ({@code minilm-l6-q}, …), the quantized engines' peers: they run
 * on the {@code onnxruntime} engine close to their FP32 originals, and a Java engine refuses them
 * with the remedy instead of failing to parse.
 */
class OnnxRuntimeInt8ModelsTest {
    /**
     * Dynamic int8 quantization of MiniLM moves sentence vectors by a few 1e-3 in cosine (measured
     * 0.985 to 0.995 on these sentences); a wrong model or broken pooling gives below 0.9.
     */
    private static final double MIN_COSINE_TO_FP32 = 0.97;

    private static final List<String> TEXTS = List.of("The quick brown fox jumps over the lazy dog.",
            "Aspirin reduces the risk of heart attack in some adults.",
            "Quantized models trade a little accuracy for speed and memory.");

    @Test
    void int8GraphRunsOnOnnxRuntimeCloseToFp32() throws Exception {
        try (Engine fp32 = Engines.provider("onnxruntime").open(ModelRegistry.get("minilm-l6"), new EngineOptions(1, 4));
             Engine int8 = Engines.provider("onnxruntime").open(ModelRegistry.get("minilm-l6-q"),
                     new EngineOptions(1, 4))) {
            assertNotEquals(fp32.identity().modelSha256(), int8.identity().modelSha256());
            float[][] a = fp32.encode(TEXTS, false);
            float[][] b = int8.encode(TEXTS, false);
            for (int i = 0; i < TEXTS.size(); i++) {
                double dot = 0;
                for (int j = 0; j < a[i].length; j++) {
                    dot += a[i][j] * b[i][j];
                }
                assertTrue(dot >= MIN_COSINE_TO_FP32 && dot < 0.99999, "sentence " + i + " cosine " + dot);
            }
        }
    }

    @Test
    void javaEnginesRefuseTheInt8GraphWithTheRemedy() {
        OnnxFormatException e = assertThrows(OnnxFormatException.class,
                () -> Engines.provider("simd").open(ModelRegistry.get("minilm-l6-q"), new EngineOptions(1, 4)));
        assertTrue(e.getMessage().startsWith("quantized graph ("), e.getMessage());
        assertTrue(e.getMessage().contains("run it with --engine onnxruntime"), e.getMessage());
        assertEquals(ModelRegistry.get("minilm-l6").pooling(), ModelRegistry.get("minilm-l6-q").pooling());
    }
}
