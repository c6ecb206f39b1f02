package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a {@code .zip} in place: entries are streamed from the archive, never extracted, so a
 * crafted entry name cannot write anywhere. Entry names that would escape a folder
 * ({@code ../x}, {@code /etc/x}, {@code C:\x}) make the whole archive an error, and the bytes
 * inflated from all entries together are capped (a zip bomb stops at the cap, counted on the
 * actual bytes, not on the sizes the archive claims).
 */
public final class ZipInput implements Closeable {
    /** Most entries an archive may have. */
    public static final int MAX_ENTRIES = 100_000;

    private final Path zip;
    private final ZipFile file;
    private final long maxBytes;
    private final Map<String, ZipEntry> entries;
    private long inflated;

    private ZipInput(Path zip, ZipFile file, long maxBytes, Map<String, ZipEntry> entries) {
        this.zip = zip;
        this.file = file;
        this.maxBytes = maxBytes;
        this.entries = entries;
    }

    /**
     * Opens and checks an archive.
     *
     * @throws RecordException {@link Check#ARCHIVE} (fatal) for an unsafe entry name or too many entries
     */
    public static ZipInput open(Path zip, long maxBytes) throws IOException {
        ZipFile zf = new ZipFile(zip.toFile());
        try {
            Map<String, ZipEntry> map = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> e = zf.entries();
            while (e.hasMoreElements()) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (!isSafe(name)) {
                    throw new RecordException(Check.ARCHIVE, "unsafe entry name \"" + name
                            + "\" (expected relative paths that stay inside the archive; nothing was read)", true);
                }
                if (map.size() >= MAX_ENTRIES) {
                    throw new RecordException(Check.ARCHIVE, "more than " + MAX_ENTRIES
                            + " entries (expected a dataset archive)", true);
                }
                if (!entry.isDirectory()) {
                    map.put(name.replace('\\', '/'), entry);
                }
            }
            return new ZipInput(zip, zf, maxBytes, map);
        } catch (RuntimeException ex) {
            zf.close();
            throw ex;
        }
    }

    /** Whether an entry name stays inside the folder it is extracted to. */
    static boolean isSafe(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return false;
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.length() >= 2 && n.charAt(1) == ':') {
            return false;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** File entry names (with {@code /} separators), in archive order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    /** The archive's path. */
    public Path path() {
        return zip;
    }

    /** The entry with this name, or {@code null}. */
    public InputFile entry(String name) {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        Path shown = Path.of(zip + "!", name.split("/"));
        return new InputFile() {
            @Override
            public Path path() {
                return shown;
            }

            @Override
            public InputStream open() throws IOException {
                return new Capped(file.getInputStream(entry));
            }

            @Override
            public String toString() {
                return shown.toString();
            }
        };
    }

    /** Counts inflated bytes over all entries against the cap. */
    private final class Capped extends FilterInputStream {
        Capped(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            inflated += n;
            if (inflated > maxBytes) {
                throw new RecordException(Check.ARCHIVE, "archive " + zip + " expands to more than " + maxBytes
                        + " bytes (expected at most the archive size limit; raise it with --max-archive-bytes)", true);
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
