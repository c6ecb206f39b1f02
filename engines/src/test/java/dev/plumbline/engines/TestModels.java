package dev.plumbline.engines;

import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/** The built-in models' files, read once per test JVM (they are 90–133 MB each). */
public final class TestModels {
    private static final ConcurrentHashMap<String, ModelFiles> FILES = new ConcurrentHashMap<>();

    private TestModels() {
    }

    /** The files of built-in model {@code name}. */
    public static ModelFiles files(String name) {
        return FILES.computeIfAbsent(name, n -> {
            try {
                return ModelRegistry.get(n).load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
