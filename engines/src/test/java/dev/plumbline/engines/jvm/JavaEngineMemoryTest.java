package dev.plumbline.engines.jvm;

import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.HeldArrays;
import dev.plumbline.engines.TestModels;
import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.kernels.Backends;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.Pooling;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memory.weight_bytes} and {@code memory.scratch_bytes} are what the pure-Java engines
 * really hold: equal to the bytes of every array reachable from them (tokenizer aside), on every
 * available backend, and the FP32 matrices the weights were packed from are not among them.
 */
class JavaEngineMemoryTest {
    private static final BertConfig SMALL = new BertConfig(101, 64, 2, 4, 256, 40, 2, 1e-12f);

    static Stream<String> backends() {
        return Backends.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void encoderCountsEveryArrayItHoldsAndKeepsNoUnpackedCopy(String backend) {
        BertWeights w = RandomBertWeights.create(SMALL, 7);
        try (Kernels kernels = KernelBackends.create(backend, 2)) {
            BertEncoder encoder = new BertEncoder(w, kernels, 4, 64);
            assertEquals(0, encoder.scratchBytes(), "no buffers before the first batch");
            assertHeld(encoder, kernels);
            encoder.embed(new int[][] {{1, 5, 9, 2}, {1, 7, 2}, {1, 3, 3, 3, 3, 3, 2}}, Pooling.MEAN);
            assertTrue(encoder.scratchBytes() > 0);
            assertHeld(encoder, kernels);
            HeldArrays held = HeldArrays.of(encoder);
            for (BertWeights.Layer l : w.layers()) {
                for (float[] raw : List.of(l.queryW(), l.keyW(), l.valueW(), l.attnOutW(), l.interW(), l.outW())) {
                    assertFalse(held.holds(raw), backend + ": the unpacked FP32 matrix is still held");
                }
            }
        }
    }

    /** MiniLM on simd: every byte reachable from the engine is weights or scratch, and the figure is MiniLM's size. */
    @Test
    void miniLmOnSimdReportsWhatItHolds() {
        var files = TestModels.files("minilm-l6");
        var spec = ModelRegistry.get("minilm-l6");
        try (JavaEngine engine = new JavaEngine("simd", spec, files, KernelBackends.create("simd", 2),
                new EngineOptions(2, 8))) {
            engine.encode(List.of("a short text", "and a somewhat longer one to grow the work buffers"), false);
            EngineMemory m = engine.memory();
            Object tokenizer = field(engine, "tokenizer");
            assertEquals(HeldArrays.of(engine, tokenizer).bytes(), m.weightBytes() + m.scratchBytes(),
                    "weights " + m.weightBytes() + " + scratch " + m.scratchBytes());
            assertEquals(0, m.offHeapBytes());
            assertEquals(EngineMemory.UNKNOWN, m.nativeRssGrowthBytes(), "nothing is out of sight");
            // Packed without padding at MiniLM's widths (384, 1536), so exactly the model's FP32
            // size; before, the engine held these and the unpacked copies too (42.5 MB more).
            long fp32 = BertOnnxMapper.map(OnnxReader.read(files.onnx())).bytes();
            assertEquals(fp32, m.weightBytes());
            assertEquals(engine.weightBytes(), m.weightBytes());
            assertEquals("simd", engine.kernelBackend());
            List<String> texts = List.of("a", "short text", "and a somewhat longer one");
            long tokens = 0;
            for (String t : texts) {
                tokens += files.tokenizer().encode(spec.input(t, true), spec.maxTokens()).length;
            }
            assertEquals(tokens, engine.tokenCount(texts, true));
        }
    }

    private static Object field(Object o, String name) {
        try {
            var f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertHeld(BertEncoder encoder, Kernels kernels) {
        long held = HeldArrays.of(encoder).bytes();
        // Heap only: what a backend holds off the heap is its offHeapBytes, outside this walk.
        assertEquals(held, encoder.weightBytes() + encoder.scratchBytes(),
                kernels.name() + ": weights " + encoder.weightBytes() + " + scratch " + encoder.scratchBytes());
    }
}
