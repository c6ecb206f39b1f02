package dev.plumbline.ffm;

import dev.plumbline.engines.cache.EmbeddingCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where shared libraries shipped inside jars are put so they can be opened by path: a folder
 * {@code <cache>/KIND/<sha256 of names and bytes>/} under the Plumbline cache. The name is the
 * content's hash, so two builds never share a folder and a rebuilt library is never mistaken for
 * an old one; each file is written to a temporary file and renamed, so a second process never
 * opens a half-written library.
 */
final class LibraryFolder {
    private LibraryFolder() {
    }

    /**
     * The folder holding {@code names[i]} with {@code contents[i]}, written unless already there.
     *
     * @param kind folder under the cache, e.g. {@code native}
     */
    static Path of(String kind, List<String> names, List<byte[]> contents) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < names.size(); i++) {
            sha.update(names.get(i).getBytes(StandardCharsets.UTF_8));
            sha.update(contents.get(i));
        }
        Path dir = EmbeddingCache.defaultRoot().resolve(kind).resolve(HexFormat.of().formatHex(sha.digest())
                .substring(0, 32));
        Files.createDirectories(dir);
        for (int i = 0; i < names.size(); i++) {
            Path file = dir.resolve(names.get(i));
            if (Files.isRegularFile(file) && Files.size(file) == contents.get(i).length) {
                continue;
            }
            Path tmp = Files.createTempFile(dir, names.get(i), ".tmp");
            try {
                Files.write(tmp, contents.get(i));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return dir;
    }
}
