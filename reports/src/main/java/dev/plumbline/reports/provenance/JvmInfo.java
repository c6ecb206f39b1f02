package dev.plumbline.reports.provenance;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM a run used.
 *
 * @param vendor  {@code java.vendor}
 * @param version {@code java.runtime.version}
 * @param vmName  {@code java.vm.name}
 * @param flags   the JVM's input arguments (flags and {@code -D} properties) in order
 */
public record JvmInfo(String vendor, String version, String vmName, List<String> flags) {
    /** Copies the flags. */
    public JvmInfo {
        flags = List.copyOf(flags);
    }

    /** The running JVM. */
    public static JvmInfo current() {
        return new JvmInfo(System.getProperty("java.vendor", ""),
                System.getProperty("java.runtime.version", System.getProperty("java.version", "")),
                System.getProperty("java.vm.name", ""),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
