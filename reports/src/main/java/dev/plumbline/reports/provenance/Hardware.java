package dev.plumbline.reports.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The machine a run used: what decides whether two latency measurements are comparable.
 *
 * @param cpuModel     {@code model name} from /proc/cpuinfo (or {@code os.arch} elsewhere)
 * @param logicalCpus  processors available to the JVM
 * @param isaFlags     SIMD and crypto ISA extensions the CPU reports (sorted): the
 *                     {@code flags} (x86) or {@code Features} (ARM) entries that decide which
 *                     kernels can run, such as {@code avx2}, {@code avx512f}, {@code fma}, {@code asimd}
 * @param memoryBytes  total memory ({@code MemTotal}), 0 when unknown
 */
public record Hardware(String cpuModel, int logicalCpus, List<String> isaFlags, long memoryBytes) {
    private static final List<String> ISA_PREFIXES = List.of("sse", "ssse", "avx", "fma", "f16c", "bmi", "amx",
            "vnni", "aes", "sha", "asimd", "sve", "sme", "neon", "fp16", "bf16", "i8mm", "dotprod");

    /** Copies the flags. */
    public Hardware {
        isaFlags = List.copyOf(isaFlags);
    }

    /** The machine this JVM runs on, read from /proc/cpuinfo and /proc/meminfo where they exist. */
    public static Hardware current() {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        String meminfo = read(Path.of("/proc/meminfo"));
        return fromProc(cpuinfo, meminfo, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch", "unknown"));
    }

    /**
     * Parses the text of /proc/cpuinfo and /proc/meminfo (either may be empty).
     *
     * @param fallbackModel model to report when cpuinfo names none
     */
    public static Hardware fromProc(String cpuinfo, String meminfo, int logicalCpus, String fallbackModel) {
        String model = null;
        TreeSet<String> flags = new TreeSet<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (model == null && (key.equals("model name") || key.equals("hardware") || key.equals("cpu model"))) {
                model = value;
            }
            if (key.equals("flags") || key.equals("features")) {
                for (String f : value.split("\\s+")) {
                    if (isIsaFlag(f)) {
                        flags.add(f);
                    }
                }
            }
        }
        long memory = 0;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).strip().split("\\s+");
                try {
                    memory = Long.parseLong(parts[0]) * 1024L;
                } catch (NumberFormatException e) {
                    memory = 0;
                }
            }
        }
        return new Hardware(model == null ? fallbackModel : model, logicalCpus, new ArrayList<>(flags), memory);
    }

    /** A one-line description for reports: model, CPUs and memory. */
    public String describe() {
        String mem = memoryBytes > 0 ? ", " + (memoryBytes + (1L << 29)) / (1L << 30) + " GiB" : "";
        return cpuModel + " (" + logicalCpus + " CPUs" + mem + ")";
    }

    /**
     * Whether timings from the two machines can be compared: same CPU model, CPU count and ISA.
     * Memory size is not compared; it rarely moves latency and differs between VM flavours.
     */
    public boolean sameAs(Hardware other) {
        return cpuModel.equals(other.cpuModel) && logicalCpus == other.logicalCpus
                && isaFlags.equals(other.isaFlags);
    }

    private static boolean isIsaFlag(String flag) {
        if (flag.startsWith("smep")) {
            // x86 supervisor-mode execution prevention, not ARM's SME matrix extension.
            return false;
        }
        for (String p : ISA_PREFIXES) {
            if (flag.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            // Not Linux, or /proc hidden: provenance then says "unknown" rather than failing a run.
            return "";
        }
    }
}
