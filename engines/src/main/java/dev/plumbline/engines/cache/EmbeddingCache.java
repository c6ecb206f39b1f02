package dev.plumbline.engines.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * On-disk cache of embeddings, so repeated experiments do not re-encode a corpus. One cache file
 * per namespace — the SHA-256 of a {@link VectorKey} (everything that changes a vector) and whether
 * the texts are queries —
 * holds fixed-size records {@code [SHA-256 of the text][dim floats, little-endian]}, appended as
 * they are computed. A record cut short by a crash is ignored on open, so the file never needs
 * repair; a second process using the same namespace waits for the file lock.
 *
 * <p>Location: {@code $XDG_CACHE_HOME/plumbline/embeddings}, default {@code ~/.cache/plumbline/embeddings}.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final int KEY_BYTES = 32;

    private final Path file;
    private final int dim;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<Key, float[]> entries = new HashMap<>();
    private long validBytes;

    private record Key(long a, long b, long c, long d) {
        static Key of(byte[] sha) {
            ByteBuffer bb = ByteBuffer.wrap(sha);
            return new Key(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
        }
    }

    /**
     * Opens (or creates) the cache for one namespace.
     *
     * @param root  cache root, e.g. {@link #defaultRoot()}
     * @param key   everything that changes the vectors
     * @param query whether the cached texts are encoded as queries (prefixes differ)
     * @param dim   embedding dimension
     */
    public static EmbeddingCache open(Path root, VectorKey key, boolean query, int dim) {
        return new EmbeddingCache(file(root, key, query, dim), dim);
    }

    /** The file of one namespace under {@code root}: {@code embeddings/NS.f32} (see {@link #open}). */
    public static Path file(Path root, VectorKey key, boolean query, int dim) {
        String ns = sha256Hex(key.canonical() + "\nrole=" + (query ? "query" : "passage") + "\ndim=" + dim);
        return root.resolve("embeddings").resolve(ns + ".f32");
    }

    /**
     * Opens (or creates) one namespace's cache file directly, for copying whole namespaces between
     * cache folders ({@code plumbline cache merge}); {@code dim} must be the namespace's.
     */
    public static EmbeddingCache openFile(Path file, int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        return new EmbeddingCache(file, dim);
    }

    /**
     * Adds every whole record of another cache file of the same namespace to this one (a record
     * cut short at the end of {@code source} is ignored; keys already here are kept as they are),
     * reading {@code source} without locking or changing it.
     *
     * @return records added
     * @throws IOException when {@code source} cannot be read
     */
    public int addAll(Path source) throws IOException {
        int record = KEY_BYTES + dim * Float.BYTES;
        int added = 0;
        try (FileChannel in = FileChannel.open(source, java.nio.file.StandardOpenOption.READ)) {
            long whole = in.size() / record * record;
            ByteBuffer buf = ByteBuffer.allocate(record).order(ByteOrder.LITTLE_ENDIAN);
            for (long pos = 0; pos < whole; pos += record) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (in.read(buf, pos + buf.position()) < 0) {
                        throw new IOException(source + ": ended inside a record at byte " + pos);
                    }
                }
                buf.flip();
                byte[] sha = new byte[KEY_BYTES];
                buf.get(sha);
                Key key = Key.of(sha);
                if (entries.containsKey(key)) {
                    continue;
                }
                float[] v = new float[dim];
                buf.asFloatBuffer().get(v);
                append(sha, key, v);
                added++;
            }
        }
        return added;
    }

    /** {@code $XDG_CACHE_HOME/plumbline}, or {@code ~/.cache/plumbline}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("plumbline");
    }

    private EmbeddingCache(Path file, int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("embedding dimension must be positive, got " + dim);
        }
        this.file = file;
        this.dim = dim;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = lockOrFail(channel, file);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open embedding cache " + file + ": " + e.getMessage()
                    + " (pass --no-cache to run without it)", e);
        }
    }

    private static FileLock lockOrFail(FileChannel channel, Path file) throws IOException {
        try {
            return channel.lock();
        } catch (OverlappingFileLockException e) {
            throw new IOException("the cache " + file + " is already open in this process");
        }
    }

    private void load() throws IOException {
        int record = KEY_BYTES + dim * Float.BYTES;
        long size = channel.size();
        long whole = size / record * record;
        ByteBuffer buf = ByteBuffer.allocate(record).order(ByteOrder.LITTLE_ENDIAN);
        byte[] key = new byte[KEY_BYTES];
        for (long pos = 0; pos < whole; pos += record) {
            buf.clear();
            while (buf.hasRemaining()) {
                if (channel.read(buf, pos + buf.position()) < 0) {
                    break;
                }
            }
            buf.flip();
            buf.get(key);
            float[] v = new float[dim];
            buf.asFloatBuffer().get(v);
            entries.put(Key.of(key), v);
        }
        validBytes = whole;
        if (whole != size) {
            channel.truncate(whole);
        }
    }

    /** The cached embedding of a text, or {@code null}. */
    public float[] get(String text) {
        float[] v = entries.get(Key.of(sha256(text)));
        return v == null ? null : v.clone();
    }

    /** Stores an embedding (appended to the file immediately). */
    public void put(String text, float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("embedding has " + vector.length + " dimensions, cache expects " + dim);
        }
        byte[] sha = sha256(text);
        Key key = Key.of(sha);
        if (entries.containsKey(key)) {
            return;
        }
        append(sha, key, vector);
    }

    private void append(byte[] sha, Key key, float[] vector) {
        ByteBuffer buf = ByteBuffer.allocate(KEY_BYTES + dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(sha);
        buf.asFloatBuffer().put(vector);
        buf.position(0);
        try {
            while (buf.hasRemaining()) {
                validBytes += channel.write(buf, validBytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file + ": " + e.getMessage(), e);
        }
        entries.put(key, vector.clone());
    }

    /** Number of cached embeddings. */
    public int size() {
        return entries.size();
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.force(false);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close embedding cache " + file, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
