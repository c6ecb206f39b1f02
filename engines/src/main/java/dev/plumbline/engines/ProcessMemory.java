package dev.plumbline.engines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as the Linux kernel reports it in {@code /proc/self/status}:
 * the only view of memory that libraries allocate out of the JVM's sight (ONNX Runtime's arenas,
 * BLAS buffers). Elsewhere (no {@code /proc}) every figure is {@link EngineMemory#UNKNOWN}.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** Resident set now ({@code VmRSS}), bytes, or {@link EngineMemory#UNKNOWN}. */
    public static long residentBytes() {
        return field("VmRSS:");
    }

    /**
     * Peak resident set ({@code VmHWM}) since the process started or since the last
     * {@link #resetPeak()}, bytes, or {@link EngineMemory#UNKNOWN}.
     */
    public static long peakBytes() {
        return field("VmHWM:");
    }

    /**
     * Resets {@code VmHWM} to the current resident set (writes {@code 5} to
     * {@code /proc/self/clear_refs}, Linux 4.0 and later), so that the next {@link #peakBytes()}
     * is the peak since now; it changes nothing else about the process.
     *
     * @return whether the kernel took it (false where {@code /proc} is missing or read-only)
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
                }
            }
        } catch (IOException | SecurityException | NumberFormatException | java.io.UncheckedIOException e) {
            return EngineMemory.UNKNOWN;
        }
        return EngineMemory.UNKNOWN;
    }
}
