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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads the project's native kernel library once per process. The Maven build compiles
 * {@code src/main/native} with gcc into the jar under {@value #RESOURCE}; at first use the bytes
 * are copied to a content-hashed {@link LibraryFolder} and opened with
 * {@link SymbolLookup#libraryLookup(Path, Arena)}. Everything that can go wrong — another OS or
 * CPU, a build without gcc, an unwritable cache, a library from another build — becomes an
 * {@link Availability} with the reason and the fix, never an exception at class load.
 */
public final class NativeLibrary {
    /** The library's file name. */
    private static final String LIBRARY = "libplumbline.so";
    /** Where the build puts the library inside the jar. */
    static final String RESOURCE = "/native/linux-x86_64/" + LIBRARY;
    /** {@code PLUMBLINE_ABI_VERSION} these bindings were written for. */
    static final int ABI_VERSION = 3;

    private static final Object LOCK = new Object();
    private static volatile NativeLibrary instance;
    private static volatile Availability availability;

    private final SymbolLookup symbols;
    private final Path path;

    private NativeLibrary(SymbolLookup symbols, Path path) {
        this.symbols = symbols;
        this.path = path;
    }

    /** Whether the library loads here; when not, why and what to do. Loads it on the first call. */
    public static Availability availability() {
        load();
        return availability;
    }

    /**
     * The loaded library.
     *
     * @throws IllegalStateException with the reason and the fix when it cannot load here
     */
    static NativeLibrary get() {
        load();
        if (instance == null) {
            throw new IllegalStateException("native kernels unavailable: " + availability.reason() + "; fix: "
                    + availability.fix());
        }
        return instance;
    }

    /** The file the library was loaded from (in the cache folder). */
    Path path() {
        return path;
    }

    /**
     * A downcall handle for {@code name}.
     *
     * @param critical whether the call may read Java heap arrays in place ({@link Linker.Option#critical}); the GC
     *                 waits while such a call runs, which is why only kernels take it
     */
    MethodHandle downcall(String name, FunctionDescriptor fd, boolean critical) {
        MemorySegment address = symbols.find(name).orElseThrow(() -> new IllegalStateException(
                "symbol " + name + " missing from " + path + "; the library is from another build (rebuild with ./run-tests)"));
        return critical
                ? Linker.nativeLinker().downcallHandle(address, fd, Linker.Option.critical(true))
                : Linker.nativeLinker().downcallHandle(address, fd);
    }

    private static void load() {
        if (availability != null) {
            return;
        }
        synchronized (LOCK) {
            if (availability == null) {
                try {
                    instance = open();
                    availability = Availability.yes();
                } catch (Unavailable u) {
                    availability = Availability.no(u.getMessage(), u.fix);
                }
            }
        }
    }

    private static NativeLibrary open() throws Unavailable {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new Unavailable("the native kernels are built for Linux x86-64 only, this is " + os + "/" + arch,
                    "use the simd engine (pure Java, every platform)");
        }
        byte[] bytes;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new Unavailable("this build has no native kernel library (gcc was not found when ffm-bindings"
                        + " was built)", "install gcc (apt-get install gcc) and rebuild with ./run-tests");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new Unavailable("cannot read the native library from the jar: " + e.getMessage(), "rebuild with ./run-tests");
        }
        Path file;
        try {
            file = extract(bytes);
        } catch (IOException e) {
            throw new Unavailable("cannot write the native library to the cache: " + e.getMessage(),
                    "make $XDG_CACHE_HOME (default ~/.cache) writable");
        }
        SymbolLookup symbols;
        try {
            symbols = SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the native library " + file + " does not load: " + e.getMessage(),
                    "rebuild with ./run-tests on this machine");
        } catch (IllegalCallerException e) {
            throw new Unavailable("native access is not enabled for this code",
                    "start java with --enable-native-access=ALL-UNNAMED (./plumbline does this)");
        }
        NativeLibrary lib = new NativeLibrary(symbols, file);
        int abi;
        try {
            abi = (int) lib.downcall("plumbline_abi_version", FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT),
                    false).invokeExact();
        } catch (Throwable t) {
            throw new Unavailable("the native library " + file + " cannot be called: " + t.getMessage(),
                    "rebuild with ./run-tests");
        }
        if (abi != ABI_VERSION) {
            throw new Unavailable("the native library speaks ABI " + abi + ", these bindings " + ABI_VERSION,
                    "rebuild with ./run-tests so the jar and the library match");
        }
        return lib;
    }

    /** Copies the library to {@code <cache>/native/<sha256>/libplumbline.so} unless it is there already. */
    private static Path extract(byte[] bytes) throws IOException {
        return LibraryFolder.of("native", List.of(LIBRARY), List.of(bytes)).resolve(LIBRARY);
    }

    /** Why the library cannot be used, with the fix. */
    private static final class Unavailable extends Exception {
        final String fix;

        Unavailable(String reason, String fix) {
            super(reason);
            this.fix = fix;
        }
    }
}
