package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelBackendsTest {
    @Test
    void createsEveryBackendByName() {
        assertEquals(List.of("scalar", "simd"), KernelBackends.names());
        for (String name : KernelBackends.names()) {
            assertTrue(KernelBackends.unavailableReason(name).isEmpty(), name + " runs in the test JVM");
            try (Kernels k = KernelBackends.create(name, 2)) {
                assertEquals(name, k.name());
                assertEquals(name.equals("scalar") ? 1 : 2, k.threads());
            }
        }
    }

    @Test
    void unknownNamesAndBadThreadCountsSayWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelBackends.create("cuda", 1));
        assertTrue(e.getMessage().contains("known: scalar, simd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelBackends.create("simd", 0));
        assertTrue(e.getMessage().contains("threads must be >= 1"), e.getMessage());
    }

    @Test
    void matricesPackedByOneBackendAreRejectedByAnother() {
        try (Kernels scalar = KernelBackends.create("scalar", 1); Kernels simd = KernelBackends.create("simd", 1)) {
            Kernels.PackedMatrix w = scalar.pack(new float[6], 2, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> simd.gemm(new float[2], 1, w, null, new float[3]));
            assertTrue(e.getMessage().contains("pack it with the simd backend"), e.getMessage());
        }
    }

    @Test
    void shapeErrorsNameTheConstraint() {
        for (String name : KernelBackends.names()) {
            try (Kernels k = KernelBackends.create(name, 2)) {
                Kernels.PackedMatrix w = k.pack(new float[12], 3, 4);
                assertMessage(() -> k.gemm(new float[5], 2, w, null, new float[8]), "fewer than m·k");
                assertMessage(() -> k.gemm(new float[6], 2, w, null, new float[7]), "fewer than m·n");
                assertMessage(() -> k.gemm(new float[6], 2, w, new float[3], new float[8]), "needs n = 4");
                assertMessage(() -> k.pack(new float[11], 3, 4), "fewer than k·n");
                float[] x8 = new float[8];
                assertMessage(() -> k.attention(x8, x8, x8, new int[] {0}, new int[] {5}, 1, 2, x8),
                        "(last row + 1)·heads·headDim = 10 floats, one holds 8");
                assertMessage(() -> k.attention(x8, x8, x8, new int[] {1}, new int[] {0}, 1, 2, x8),
                        "lengths[0] = 0 must be >= 1");
                assertMessage(() -> k.attention(x8, x8, x8, new int[] {0, 1}, new int[] {2, 1}, 1, 2, x8),
                        "offsets[1] = 1 must be >= 2 (sequences in row order, not overlapping)");
                assertMessage(() -> k.attention(x8, x8, x8, new int[] {-1}, new int[] {1}, 1, 2, x8),
                        "offsets[0] = -1 must be >= 0");
                assertMessage(() -> k.attention(x8, x8, x8, new int[] {0, 2}, new int[] {1}, 1, 2, x8),
                        "give one offset and one length per sequence");
                assertMessage(() -> k.attention(x8, x8, x8, new int[] {0}, new int[] {1}, 1, 0, x8),
                        "heads and headDim > 0");
                assertMessage(() -> k.addLayerNorm(new float[5], null, 2, 3, new float[3], new float[3], 1e-12f),
                        "rows·cols = 6");
                assertMessage(() -> k.gelu(new float[3], 4), "n must be in [0, x.length = 3]");
            }
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
