package dev.plumbline.engines.onnx;

import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All three built-in models: the mapped weights run through the scalar reference agree with
 * ONNX Runtime on the same file. Heavier than the MiniLM check in {@link BertOnnxMapperTest}
 * (12-layer models, 133 MB each), so it runs in the real-data suite.
 */
@Tag("real-data")
class AllModelsReferenceTest {

    @ParameterizedTest
    @CsvSource({"minilm-l6, 6", "bge-small-en-v1.5, 12", "e5-small-v2, 12"})
    void referenceForwardPassMatchesOnnxRuntime(String model, int layers) throws Exception {
        BertWeights w = BertOnnxMapper.map(OnnxReader.read(TestModels.files(model).onnx()));
        assertEquals(new BertConfig(30522, 384, layers, 12, 1536, 512, 2, 1e-12f), w.config());
        double err = BertOnnxMapperTest.maxErrorAgainstOnnxRuntime(model);
        System.out.printf("%s: max |scalar reference - ONNX Runtime| over last hidden states = %.3g%n", model, err);
        assertTrue(err < BertOnnxMapperTest.HIDDEN_STATE_TOLERANCE, model + ": " + err);
    }
}
