package dev.plumbline.harness.run;

import dev.plumbline.engines.EngineMemory;
import dev.plumbline.engines.ProcessMemory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Memory of one pipeline cell, and the process's peak once. The process's high-water mark
 * ({@code VmHWM}) only grows, so reading it after each cell makes later cells look heavier by
 * everything earlier ones touched. Instead each cell starts by resetting the kernel's mark to the
 * current resident set (recording the process peak so far first), and reports its own growth:
 * the peak during the cell minus the resident set at its start. The process peak is the largest
 * mark seen, reported once per run (provenance), not per cell.
 *
 * <p>The heap peak is the sum of the heap pools' peak usage since the cell started: an upper
 * bound on the true peak, since pools peak at different times. Direct and mapped NIO buffers are
 * the JVM's exact count ({@link BufferPoolMXBean}).
 */
public final class MemoryProbe {
    /** The largest {@code VmHWM} read before a reset: the process peak survives the resets. */
    private static long processPeak = EngineMemory.UNKNOWN;

    private MemoryProbe() {
    }

    /** Starts measuring a cell: heap pool peaks and the resident-set mark start again from now. */
    public static synchronized Cell startCell() {
        for (MemoryPoolMXBean p : heapPools()) {
            p.resetPeakUsage();
        }
        processPeak = Math.max(processPeak, ProcessMemory.peakBytes());
        boolean reset = ProcessMemory.resetPeak();
        return new Cell(ProcessMemory.residentBytes(), reset, bufferBytes());
    }

    /**
     * The process's peak resident set so far, bytes, across the resets {@link #startCell()} makes;
     * NaN where there is no {@code /proc} (not Linux): undefined, not zero.
     */
    public static synchronized double processPeakBytes() {
        processPeak = Math.max(processPeak, ProcessMemory.peakBytes());
        return EngineMemory.value(processPeak);
    }

    /** One cell's measurement, started by {@link #startCell()}. */
    public static final class Cell {
        private final long rssAtStart;
        private final boolean peakReset;
        private final long buffersAtStart;

        private Cell(long rssAtStart, boolean peakReset, long buffersAtStart) {
            this.rssAtStart = rssAtStart;
            this.peakReset = peakReset;
            this.buffersAtStart = buffersAtStart;
        }

        /**
         * The cell's own growth of the resident set: its peak ({@code VmHWM} since the start)
         * minus the resident set at the start, bytes; NaN where the mark could not be reset (then
         * the mark would be the process's, not the cell's) or there is no {@code /proc}.
         */
        public double rssGrowthBytes() {
            long peak = ProcessMemory.peakBytes();
            if (!peakReset || peak == EngineMemory.UNKNOWN || rssAtStart == EngineMemory.UNKNOWN) {
                return Double.NaN;
            }
            return Math.max(0, peak - rssAtStart);
        }

        /** Sum of the heap pools' peak usage since the start, bytes (an upper bound of the heap peak). */
        public double heapPeakBytes() {
            long sum = 0;
            for (MemoryPoolMXBean p : heapPools()) {
                sum += p.getPeakUsage().getUsed();
            }
            return sum;
        }

        /**
         * Growth of the JVM's direct and mapped NIO buffers since the start (exact, the JVM's own
         * count, including buffers not yet collected), bytes, at least 0.
         */
        public double bufferGrowthBytes() {
            return Math.max(0, bufferBytes() - buffersAtStart);
        }
    }

    private static long bufferBytes() {
        long sum = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            sum += Math.max(0, b.getMemoryUsed());
        }
        return sum;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
