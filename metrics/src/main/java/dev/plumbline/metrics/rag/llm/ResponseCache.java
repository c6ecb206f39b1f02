package dev.plumbline.metrics.rag.llm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Content-addressed store of LLM replies: the key is the SHA-256 of prompt version, model and the
 * exact messages sent, so a rerun with the same inputs costs nothing and returns the same
 * verdicts. Writes are atomic (temp file + rename), so a crash never leaves half a reply.
 */
public final class ResponseCache {
    private final Path dir;

    /** @param dir cache folder (created on first write) */
    public ResponseCache(Path dir) {
        this.dir = dir;
    }

    /** The key for one request. */
    public static String key(String promptVersion, String model, String messages) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {promptVersion, model, messages}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached reply, if any. */
    public Optional<String> get(String key) {
        Path f = file(key);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stores a reply. */
    public void put(String key, String reply) throws IOException {
        Path f = file(key);
        Files.createDirectories(f.getParent());
        Path tmp = Files.createTempFile(f.getParent(), key, ".tmp");
        Files.writeString(tmp, reply);
        try {
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
