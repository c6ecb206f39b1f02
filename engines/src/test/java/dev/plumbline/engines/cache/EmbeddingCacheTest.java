package dev.plumbline.engines.cache;

import dev.plumbline.engines.model.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddingCacheTest {
    @TempDir
    Path root;

    /** A key that differs from others only in the model hash and the engine name. */
    static VectorKey key(String modelSha256, String engine) {
        return new VectorKey(engine, "1", "fp32", modelSha256, "tok", 256, Pooling.MEAN, true, "", "");
    }

    @Test
    void entriesSurviveReopening() {
        try (EmbeddingCache c = EmbeddingCache.open(root, key("modelsha", "simd"), false, 3)) {
            c.put("hello", new float[] {1, 2, 3});
            c.put("world", new float[] {-0.5f, 0, 7});
            assertArrayEquals(new float[] {1, 2, 3}, c.get("hello"));
            assertNull(c.get("unseen"));
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, key("modelsha", "simd"), false, 3)) {
            assertEquals(2, c.size());
            assertArrayEquals(new float[] {-0.5f, 0, 7}, c.get("world"));
        }
    }

    @Test
    void namespacesSeparateModelsEnginesAndQueryMode() {
        Path a;
        try (EmbeddingCache c = EmbeddingCache.open(root, key("modelsha", "simd"), false, 3)) {
            a = c.file();
            c.put("x", new float[] {1, 1, 1});
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, key("modelsha", "simd"), true, 3)) {
            assertNotEquals(a, c.file());
            assertNull(c.get("x"));
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, key("othermodel", "simd"), false, 3)) {
            assertNull(c.get("x"));
        }
    }

    @Test
    void aRecordCutShortByACrashIsDroppedOnOpen() throws IOException {
        Path file;
        try (EmbeddingCache c = EmbeddingCache.open(root, key("m", "e"), false, 4)) {
            c.put("kept", new float[] {1, 2, 3, 4});
            c.put("torn", new float[] {5, 6, 7, 8});
            file = c.file();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5);
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, key("m", "e"), false, 4)) {
            assertEquals(1, c.size());
            assertArrayEquals(new float[] {1, 2, 3, 4}, c.get("kept"));
            assertNull(c.get("torn"));
            c.put("torn", new float[] {5, 6, 7, 8});
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, key("m", "e"), false, 4)) {
            assertArrayEquals(new float[] {5, 6, 7, 8}, c.get("torn"));
        }
    }

    @Test
    void wrongDimensionIsRejected() {
        try (EmbeddingCache c = EmbeddingCache.open(root, key("m", "e"), false, 4)) {
            assertThrows(IllegalArgumentException.class, () -> c.put("x", new float[3]));
        }
    }
}
