package dev.plumbline.harness.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JVM heap peak and process peak RSS. The heap peak is the sum of the heap pools' peak usage
 * since {@link #resetHeapPeak()}: an upper bound on the true peak, since pools peak at different
 * times. Peak RSS is the kernel's {@code VmHWM} for this process, which covers everything the
 * process touched so far (heap, native engine memory, FFM arenas, mapped files).
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /** Starts a new heap-peak measurement. */
    public static void resetHeapPeak() {
        for (MemoryPoolMXBean p : heapPools()) {
            p.resetPeakUsage();
        }
    }

    /** Sum of heap pools' peak usage since the last reset, in bytes. */
    public static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : heapPools()) {
            sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /**
     * The process's peak resident set ({@code VmHWM} in {@code /proc/self/status}) in bytes, or
     * NaN where there is no such file (not Linux): undefined, not zero.
     */
    public static double peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024.0; // the kernel reports kB
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
