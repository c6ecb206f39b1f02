package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * OpenBLAS through FFM: Debian's {@code libopenblas0-pthread} when it is installed, else the build
 * inside {@code org.bytedeco:openblas} on the class path (its libquadmath, libgfortran and
 * libopenblas copied to a content-hashed cache folder and opened by full path in that order, so
 * libopenblas finds its dependencies already loaded). Loaded once; {@code blasint} is 32-bit in
 * both builds.
 */
final class OpenBlas {
    /** Where Debian's pthread build lives (the alternatives link points to it). */
    private static final List<Path> SYSTEM = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0"),
            Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0"));
    private static final String JAR_DIR = "/org/bytedeco/openblas/linux-x86_64/";
    /** Load order of the jar's libraries: each after the ones it needs. */
    private static final List<String> JAR_LIBS = List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5",
            "libopenblas.so.0");

    /** {@code CblasRowMajor}. */
    static final int ROW_MAJOR = 101;
    /** {@code CblasNoTrans}. */
    static final int NO_TRANS = 111;

    private static final Object LOCK = new Object();
    private static volatile OpenBlas instance;
    private static volatile Availability availability;

    private final MethodHandle sgemm;
    private final MethodHandle setThreads;
    private final String config;
    private final String source;
    private int threads = -1;

    private OpenBlas(SymbolLookup lib, String source) throws Throwable {
        Linker linker = Linker.nativeLinker();
        this.source = source;
        this.sgemm = linker.downcallHandle(find(lib, "cblas_sgemm"), FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT,
                ADDRESS, JAVA_INT), Linker.Option.critical(true));
        this.setThreads = linker.downcallHandle(find(lib, "openblas_set_num_threads"),
                FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle getConfig = linker.downcallHandle(find(lib, "openblas_get_config"), FunctionDescriptor.of(ADDRESS));
        this.config = ((MemorySegment) getConfig.invokeExact()).reinterpret(256).getString(0).trim();
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("OpenBLAS lacks " + name));
    }

    /** Whether OpenBLAS loads here; when not, why and what to do. */
    static Availability availability() {
        load();
        return availability;
    }

    /** The loaded library; only after {@link #availability()} said yes. */
    static OpenBlas get() {
        load();
        if (instance == null) {
            throw new IllegalStateException("OpenBLAS unavailable: " + availability.reason());
        }
        return instance;
    }

    /** e.g. {@code OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64 (org.bytedeco:openblas)}. */
    String describe() {
        return config + " (" + source + ")";
    }

    /**
     * {@code c[m × n] = a[m × k] · b[k × n] + beta · c}, row-major, on {@code threads} OpenBLAS
     * threads. OpenBLAS's thread count is process-wide, so it is set here, before each call that
     * needs another count; backends share this one instance and call it one at a time.
     */
    synchronized void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, float beta, MemorySegment c,
                            int threadCount) {
        try {
            if (threadCount != threads) {
                setThreads.invokeExact(threadCount);
                threads = threadCount;
            }
            sgemm.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, k, b, n, beta, c, n);
        } catch (Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    private static void load() {
        if (availability != null) {
            return;
        }
        synchronized (LOCK) {
            if (availability != null) {
                return;
            }
            List<String> tried = new ArrayList<>();
            try {
                for (Path p : SYSTEM) {
                    if (Files.isRegularFile(p)) {
                        instance = new OpenBlas(SymbolLookup.libraryLookup(p, Arena.global()), "Debian " + p);
                        availability = Availability.yes();
                        return;
                    }
                    tried.add(p.toString());
                }
                Path dir = extractFromJar();
                if (dir != null) {
                    SymbolLookup last = null;
                    for (String lib : JAR_LIBS) {
                        last = SymbolLookup.libraryLookup(dir.resolve(lib), Arena.global());
                    }
                    instance = new OpenBlas(last, "org.bytedeco:openblas");
                    availability = Availability.yes();
                    return;
                }
                tried.add("org.bytedeco:openblas on the class path");
                availability = Availability.no("OpenBLAS not found (tried " + String.join(", ", tried) + ")",
                        "apt-get install libopenblas0-pthread, or run through ./plumbline (its class path has"
                                + " org.bytedeco:openblas)");
            } catch (Throwable t) {
                availability = Availability.no("OpenBLAS does not load: " + t.getMessage(),
                        "apt-get install libopenblas0-pthread");
            }
        }
    }

    /** Copies the jar's libraries to {@code <cache>/openblas/<sha256>/}; null when the jar is absent. */
    private static Path extractFromJar() throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (String lib : JAR_LIBS) {
            try (InputStream in = OpenBlas.class.getResourceAsStream(JAR_DIR + lib)) {
                if (in == null) {
                    return null;
                }
                contents.add(in.readAllBytes());
            }
        }
        return LibraryFolder.of("openblas", JAR_LIBS, contents);
    }
}
