package dev.plumbline.engines.encoder;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BertEncoder} checks that do not depend on the kernel backend (run on {@code scalar});
 * what every backend must do is in {@link EncoderContractTest}.
 */
class BertEncoderTest {
    private static final BertConfig SMALL = new BertConfig(101, 64, 2, 4, 256, 40, 2, 1e-12f);

    @Test
    void mismatchedWeightsAreRejectedByName() {
        BertWeights good = RandomBertWeights.create(SMALL, 1);
        List<BertWeights.Layer> layers = new ArrayList<>(good.layers());
        BertWeights.Layer l = layers.get(1);
        layers.set(1, new BertWeights.Layer(l.queryW(), l.queryB(), l.keyW(), l.keyB(), l.valueW(), l.valueB(),
                l.attnOutW(), l.attnOutB(), l.attnLnGamma(), l.attnLnBeta(), l.interW(), new float[255], l.outW(),
                l.outB(), l.outLnGamma(), l.outLnBeta()));
        BertWeights bad = new BertWeights(SMALL, good.wordEmbeddings(), good.positionEmbeddings(),
                good.tokenTypeEmbeddings(), good.embeddingLnGamma(), good.embeddingLnBeta(), layers);
        try (Kernels scalar = KernelBackends.create("scalar", 1)) {
            assertMessage(() -> new BertEncoder(bad, scalar), "weight layers[1].interB must hold 256 floats, has 255");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
