package dev.plumbline.engines.jvm;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.kernels.Backends;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.model.ModelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A text's vector from the pure-Java engine on every available kernel backend but {@code scalar}
 * ({@link Backends#fast()}) does not depend on what it is batched with, the batch size or the
 * thread count, bit for bit. The local judge relies on this: it encodes whatever texts a run
 * happens to hold together, and must still give the same verdict for the same sample.
 */
public class EngineBatchInvarianceContractTest {
    /** Unit vectors' elements, for backends that are not batch-invariant (OpenBLAS): absolute. */
    static final float NOT_INVARIANT_TOLERANCE = 1e-5f;
    private static final List<String> TEXTS = List.of(
            "What causes the seasons on Earth?",
            "x",
            "The Eiffel Tower was completed in 1889 for the World's Fair in Paris, France.",
            "Aspirin reduces the risk of myocardial infarction in patients with coronary disease, "
                    + "according to several randomized trials published between 1980 and 2000.",
            "No.",
            "Protein kinase C phosphorylates serine residues. ".repeat(30),
            "Marie Curie won two Nobel prizes.");

    static Stream<Arguments> backends() {
        return Backends.fastArguments();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void vectorsAreIdenticalAloneInBatchesAndOnAnyThreadCount(String backend) throws Exception {
        boolean exact;
        try (dev.plumbline.engines.kernels.Kernels k = KernelBackends.create(backend, 1)) {
            exact = k.batchInvariant();
        }
        float[][] alone = new float[TEXTS.size()][];
        try (Engine one = Engines.provider(backend).open(ModelRegistry.get("minilm-l6"), new EngineOptions(1, 1))) {
            for (int i = 0; i < TEXTS.size(); i++) {
                alone[i] = one.encode(List.of(TEXTS.get(i)), false)[0];
            }
        }
        for (EngineOptions options : List.of(new EngineOptions(1, 32), new EngineOptions(2, 32),
                new EngineOptions(2, 3))) {
            try (Engine e = Engines.provider(backend).open(ModelRegistry.get("minilm-l6"), options)) {
                List<String> shuffled = new ArrayList<>(TEXTS);
                java.util.Collections.reverse(shuffled);
                float[][] batch = e.encode(shuffled, false);
                for (int i = 0; i < TEXTS.size(); i++) {
                    if (exact) {
                        assertArrayEquals(alone[i], batch[TEXTS.size() - 1 - i], backend + " " + options + " text " + i);
                    } else {
                        // OpenBLAS chooses kernels by shape: same vector up to float rounding.
                        assertArrayEquals(alone[i], batch[TEXTS.size() - 1 - i], NOT_INVARIANT_TOLERANCE,
                                backend + " " + options + " text " + i);
                    }
                }
            }
        }
    }
}
