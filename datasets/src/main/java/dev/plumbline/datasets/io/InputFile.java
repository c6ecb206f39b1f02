package dev.plumbline.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A named input: a file, or an entry of an archive. */
public interface InputFile {
    /** The name used in messages ({@code dir/corpus.jsonl}, {@code data.zip!/scifact/corpus.jsonl}). */
    Path path();

    /** Opens the bytes; the caller closes the stream. */
    InputStream open() throws IOException;

    /** A plain file. */
    static InputFile of(Path file) {
        return new InputFile() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }
}
