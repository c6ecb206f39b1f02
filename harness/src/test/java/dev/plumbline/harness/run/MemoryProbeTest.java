package dev.plumbline.harness.run;

import dev.plumbline.engines.ProcessMemory;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each cell reports its own resident-set growth, not the process's high-water mark so far: a
 * cell that touches 96 MiB shows it, the next cell (which touches nothing new) does not inherit
 * it, and the process peak, reported once, still covers both.
 */
class MemoryProbeTest {
    private static final long MIB = 1 << 20;

    @Test
    void aCellReportsItsOwnGrowthAndTheProcessPeakSurvivesTheResets() {
        assumeTrue(ProcessMemory.peakBytes() > 0 && ProcessMemory.resetPeak(),
                "needs Linux /proc with a writable clear_refs");
        long before = ProcessMemory.residentBytes();
        MemoryProbe.Cell heavy = MemoryProbe.startCell();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(96 * MIB);
            for (long off = 0; off < s.byteSize(); off += 4096) {
                s.set(ValueLayout.JAVA_BYTE, off, (byte) 1); // touch every page: resident now
            }
            assertTrue(heavy.rssGrowthBytes() >= 90 * MIB, "growth " + heavy.rssGrowthBytes() / MIB + " MiB");
        }
        double heavyGrowth = heavy.rssGrowthBytes();
        MemoryProbe.Cell light = MemoryProbe.startCell();
        byte[] small = new byte[1 << 16];
        small[small.length - 1] = 1;
        assertTrue(light.rssGrowthBytes() < 48 * MIB, "the light cell does not carry the heavy one's "
                + heavyGrowth / MIB + " MiB: " + light.rssGrowthBytes() / MIB + " MiB");
        assertTrue(MemoryProbe.processPeakBytes() >= before + 90 * MIB,
                "process peak " + MemoryProbe.processPeakBytes() / MIB + " MiB covers the heavy cell");
        assertTrue(light.heapPeakBytes() > 0);
    }
}
