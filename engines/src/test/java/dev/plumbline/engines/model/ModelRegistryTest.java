package dev.plumbline.engines.model;

import dev.plumbline.engines.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRegistryTest {
    @Test
    void builtInModelsAndTheirSettings() {
        assertEquals(List.of("minilm-l6", "bge-small-en-v1.5", "e5-small-v2", "minilm-l6-q", "bge-small-en-v1.5-q",
                        "e5-small-v2-q"),
                ModelRegistry.builtIn().stream().map(ModelSpec::name).toList());
        ModelSpec minilm = ModelRegistry.get("minilm-l6");
        assertEquals(Pooling.MEAN, minilm.pooling());
        assertEquals(256, minilm.maxTokens());
        assertEquals(Pooling.CLS, ModelRegistry.get("bge-small-en-v1.5").pooling());
        assertEquals(512, ModelRegistry.get("e5-small-v2").maxTokens());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRegistry.get("bert"));
        assertTrue(e.getMessage().startsWith("unknown model 'bert'; known models: minilm-l6, bge-small-en-v1.5, e5-small-v2, minilm-l6-q"),
                e.getMessage());
    }

    @Test
    void classpathFilesCarryTheirSha256() {
        ModelFiles f = TestModels.files("minilm-l6");
        // The Xenova/all-MiniLM-L6-v2 onnx/model.onnx export the 1.19.0-beta29 jar ships.
        assertEquals("759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e", f.onnxSha256());
        assertEquals(90_387_606, f.onnx().length);
        assertEquals(ModelFiles.sha256(f.tokenizerJson()), f.tokenizerSha256());
        assertTrue(f.origin().startsWith("classpath:all-minilm-l6-v2.onnx (dev.langchain4j:"), f.origin());
    }

    @Test
    void modelsFromAPathAreFoundInTheirDirectory(@TempDir Path dir) throws Exception {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ModelRegistry.fromPath(dir, Pooling.MEAN, true, 128, "", ""));
        assertTrue(e.getMessage().contains("no model.onnx"), e.getMessage());
        Files.createDirectories(dir.resolve("onnx"));
        Files.write(dir.resolve("onnx/model.onnx"), new byte[] {1, 2, 3});
        e = assertThrows(NoSuchFileException.class, () -> ModelRegistry.fromPath(dir, Pooling.MEAN, true, 128, "", ""));
        assertTrue(e.getMessage().contains("missing tokenizer.json in"), e.getMessage());
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        ModelSpec spec = ModelRegistry.fromPath(dir, Pooling.CLS, true, 128, "q: ", "");
        ModelFiles files = spec.load();
        assertEquals(ModelFiles.sha256(new byte[] {1, 2, 3}), files.onnxSha256());
        assertEquals(dir.resolve("onnx/model.onnx").toString(), files.origin());
        assertEquals("q: text", spec.input("text", true));
    }
}
