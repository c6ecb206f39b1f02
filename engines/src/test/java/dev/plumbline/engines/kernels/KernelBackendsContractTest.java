package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plumbline.engines.Availability;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link KernelBackends} registry and what every backend in it must do, whichever backends
 * the JVM running this has registered: this module's {@code scalar} and {@code simd} are always
 * there; every available backend is created by name with the requested threads; every
 * unavailable one refuses with its reason and fix; no backend takes another's packed matrices;
 * and all reject bad shapes with the same {@link KernelArgs} messages.
 */
public class KernelBackendsContractTest {
    static Stream<Arguments> registered() {
        return KernelBackends.names().stream().map(Arguments::of);
    }

    static Stream<Arguments> available() {
        return Backends.allArguments();
    }

    static Stream<Arguments> pairs() {
        return Backends.allPairs();
    }

    @Test
    void namesAreSortedUniqueAndIncludeThisModulesBackends() {
        List<String> names = KernelBackends.names();
        assertTrue(names.contains(KernelBackends.SCALAR), names.toString());
        assertTrue(names.contains(KernelBackends.SIMD), names.toString());
        assertEquals(names.stream().sorted().distinct().toList(), names, "sorted, one provider per name");
        assertEquals(names, KernelBackends.providers().stream().map(KernelBackendProvider::name).toList());
        assertTrue(Backends.all().contains(KernelBackends.SCALAR), "scalar runs anywhere");
        for (KernelBackendProvider p : KernelBackends.available()) {
            assertTrue(p.availability().available(), p.name());
        }
    }

    /** simd runs wherever the Vector API is loaded: always in this module's tests (see the pom's argLine). */
    @Test
    void simdRunsWhereTheVectorModuleIsLoaded() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(vector, KernelBackends.unavailableReason(KernelBackends.SIMD).isEmpty(),
                KernelBackends.unavailableReason(KernelBackends.SIMD).orElse("simd available"));
        assertEquals(vector, Backends.all().contains(KernelBackends.SIMD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void availableBackendsAreCreatedByNameAndTheOthersSayWhyNot(String name) {
        KernelBackendProvider p = KernelBackends.provider(name);
        assertEquals(name, p.name());
        assertFalse(p.describe().isBlank(), name + " describes itself");
        assertTrue(p.autoRank() >= 0 || p.autoRank() == KernelBackendProvider.NEVER_AUTO,
                name + " auto rank " + p.autoRank());
        Availability a = p.availability();
        if (a.available()) {
            assertTrue(KernelBackends.unavailableReason(name).isEmpty(), name + " runs here");
            for (int threads : new int[] {1, 2}) {
                try (Kernels k = KernelBackends.create(name, threads)) {
                    assertEquals(name, k.name());
                    assertEquals(name.equals(KernelBackends.SCALAR) ? 1 : threads, k.threads(), name);
                }
            }
        } else {
            String reason = KernelBackends.unavailableReason(name).orElseThrow();
            assertTrue(reason.contains(a.reason()) && reason.contains(a.fix()), reason);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelBackends.create(name, 1));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains(a.reason())
                    && e.getMessage().contains(a.fix()), e.getMessage());
        }
    }

    @Test
    void unknownNamesSayWhatIsKnown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelBackends.create("no-such-backend", 1));
        assertTrue(e.getMessage().contains("known: " + String.join(", ", KernelBackends.names())), e.getMessage());
        assertTrue(e.getMessage().contains("scalar") && e.getMessage().contains("simd"), e.getMessage());
        assertTrue(KernelBackends.unavailableReason("no-such-backend").orElseThrow().contains("known: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("available")
    void badThreadCountsSayWhatIsAllowed(String name) {
        for (int threads : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelBackends.create(name, threads));
            assertTrue(e.getMessage().contains("threads must be >= 1"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "packed by {0}, used by {1}")
    @MethodSource("pairs")
    void matricesPackedByOneBackendAreRejectedByAnother(String packer, String user) {
        try (Kernels from = KernelBackends.create(packer, 1); Kernels to = KernelBackends.create(user, 1)) {
            Kernels.PackedMatrix w = from.pack(new float[6], 2, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> to.gemm(new float[2], 1, w, null, new float[3]));
            assertTrue(e.getMessage().contains("pack it with the " + user + " backend"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> to.gemmGelu(new float[2], 1, w, null, new float[3]));
            assertTrue(e.getMessage().contains("pack it with the " + user + " backend"), e.getMessage());
        }
    }

    /**
     * What {@code pack} holds is counted exactly once, on the heap ({@link Kernels.PackedMatrix#heapBytes()})
     * or off it ({@link Kernels#offHeapBytes()}), and at least the k·n floats of the matrix: an
     * engine's {@code memory.weight_bytes} is the sum of these, so a backend that forgot to count
     * its packed copies would under-report its weights.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("available")
    void packedMatricesAreAccountedOnOrOffTheHeap(String name) {
        try (Kernels k = KernelBackends.create(name, 1)) {
            for (int[] shape : new int[][] {{1, 1}, {7, 13}, {384, 1536}, {1023, 65}}) {
                long offBefore = k.offHeapBytes();
                Kernels.PackedMatrix w = k.pack(new float[shape[0] * shape[1]], shape[0], shape[1]);
                long held = w.heapBytes() + (k.offHeapBytes() - offBefore);
                long floats = (long) shape[0] * shape[1] * Float.BYTES;
                assertTrue(held >= floats, name + " " + shape[0] + "x" + shape[1] + ": heap " + w.heapBytes()
                        + " + off-heap growth " + (k.offHeapBytes() - offBefore) + " bytes < " + floats);
                // A padded layout may hold more, but not more than one extra 64-float panel per row.
                assertTrue(held <= floats + (long) shape[0] * 64 * Float.BYTES + (1 << 16), name + " holds " + held);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("available")
    void shapeErrorsNameTheConstraint(String name) {
        try (Kernels k = KernelBackends.create(name, 2)) {
            Kernels.PackedMatrix w = k.pack(new float[12], 3, 4);
            assertMessage(() -> k.gemm(new float[5], 2, w, null, new float[8]), "fewer than m·k");
            assertMessage(() -> k.gemm(new float[6], 2, w, null, new float[7]), "fewer than m·n");
            assertMessage(() -> k.gemm(new float[6], 2, w, new float[3], new float[8]), "needs n = 4");
            assertMessage(() -> k.gemm(new float[6], -1, w, null, new float[8]), "row count m must be >= 0");
            assertMessage(() -> k.gemmGelu(new float[5], 2, w, null, new float[8]), "fewer than m·k");
            assertMessage(() -> k.pack(new float[11], 3, 4), "fewer than k·n");
            assertMessage(() -> k.pack(new float[12], 0, 4), "weight shape must be positive");
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
            assertMessage(() -> k.addLayerNorm(new float[6], null, 2, 3, new float[2], new float[3], 1e-12f),
                    "gamma and beta must hold cols = 3");
            assertMessage(() -> k.gelu(new float[3], 4), "n must be in [0, x.length = 3]");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
