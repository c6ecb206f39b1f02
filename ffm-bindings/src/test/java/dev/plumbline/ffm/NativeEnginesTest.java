package dev.plumbline.ffm;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.jvm.JavaEngine;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.ModelRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native backends as the rest of the project sees them: registry, auto, engines, memory. */
class NativeEnginesTest {
    @BeforeEach
    void needsNative() {
        NativeAssumptions.assumeNative();
    }

    @Test
    void registeredAsBackendsAndEnginesAndPreferredByAuto() {
        assertTrue(KernelBackends.names().containsAll(List.of("native", "openblas", "scalar", "simd")),
                KernelBackends.names().toString());
        assertTrue(Engines.providers().stream().anyMatch(p -> p.name().equals("native") && p.availability().available()));
        assertEquals("native", Engines.auto().provider().name(), Engines.auto().reason());
        assertTrue(new NativeBackendProvider().describe().contains(PlumblineC.isaActive().label()));
        assertEquals(List.of(), List.copyOf(new NativeBackendProvider().quantizations()));
        assertEquals(List.of("int8-w8a8"), List.copyOf(new NativeInt8BackendProvider().quantizations()));
    }

    @Test
    void theLibraryIsExtractedToAContentHashedFolder() {
        String dir = NativeLibrary.get().path().getParent().getFileName().toString();
        assertTrue(dir.matches("[0-9a-f]{32}"), dir);
    }

    @Test
    void offHeapWeightsAreCountedExactly() throws Exception {
        try (Kernels k = KernelBackends.create("native", 1)) {
            assertEquals(0, k.offHeapBytes());
            k.pack(new float[100 * 70], 100, 70);
            long panel = PlumblineC.panelF32();
            long expected = PlumblineC.packedFloatsF32(100, 70) * Float.BYTES;
            assertEquals(expected, k.offHeapBytes());
            assertTrue(expected >= 100L * ((70 + panel - 1) / panel * panel) * Float.BYTES);
        }
        try (Engine e = Engines.provider("native").open(ModelRegistry.get("minilm-l6"), new EngineOptions(1, 8));
             Engine s = Engines.provider("simd").open(ModelRegistry.get("minilm-l6"), new EngineOptions(1, 8))) {
            long nativeBytes = ((JavaEngine) e).weightBytes();
            long simdBytes = ((JavaEngine) s).weightBytes();
            long offHeap = e.memory().offHeapBytes();
            // The linear layers live off the heap, and are counted: both engines hold the same
            // weights, packed in panels of 64 columns (up to 63 padding columns per matrix differ).
            assertTrue(offHeap > 20_000_000, "packed linear weights off the heap: " + offHeap);
            assertEquals(0, s.memory().offHeapBytes());
            assertTrue(Math.abs(nativeBytes - simdBytes) <= 36L * 63 * 1536 * Float.BYTES,
                    nativeBytes + " vs " + simdBytes);
            assertTrue(e.identity().backend().contains("native kernels (" + PlumblineC.isaActive().label()),
                    e.identity().backend());
        }
    }

    @Test
    void aClosedBackendAndOversizedHeadsAreExceptionsNotCrashes() {
        Kernels k = KernelBackends.create("native", 2);
        Kernels.PackedMatrix p = k.pack(new float[6], 2, 3);
        float[] big = new float[2 * 300];
        assertThrows(IllegalArgumentException.class,
                () -> k.attention(big, big, big, new int[] {0}, new int[] {2}, 1, 300, big));
        k.close();
        assertThrows(IllegalStateException.class, () -> k.gemm(new float[2], 1, p, null, new float[3]));
        assertThrows(IllegalStateException.class, () -> k.gelu(new float[2], 2));
    }

    @Test
    void openBlasIsAvailableAndSaysWhichBuild() {
        assertTrue(OpenBlas.availability().available(), OpenBlas.availability().describe());
        assertTrue(OpenBlas.get().describe().contains("OpenBLAS"), OpenBlas.get().describe());
    }
}
