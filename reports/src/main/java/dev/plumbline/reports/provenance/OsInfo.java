package dev.plumbline.reports.provenance;

/**
 * The operating system a run used.
 *
 * @param name    {@code os.name}
 * @param version {@code os.version} (the kernel release on Linux)
 * @param arch    {@code os.arch}
 */
public record OsInfo(String name, String version, String arch) {
    /** The running system. */
    public static OsInfo current() {
        return new OsInfo(System.getProperty("os.name", ""), System.getProperty("os.version", ""),
                System.getProperty("os.arch", ""));
    }
}
