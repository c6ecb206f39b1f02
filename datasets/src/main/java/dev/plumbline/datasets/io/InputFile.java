package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A named input: a file, or an entry of an archive. */
public interface InputFile {
    /** The name used in messages ({@code dir/corpus.jsonl}, {@code data.zip!/scifact/corpus.jsonl}). */
    Path path();

    /** Opens the bytes; the caller closes the stream. */
    InputStream open() throws IOException;

    /**
     * Opens the bytes, or reports a missing file to {@code out} ({@link Check#MISSING_FILE}) and
     * returns {@code null}, so a reader goes on to the next file.
     *
     * @param what what the file should hold, for the message
     */
    default InputStream openOrReport(DatasetBuilder out, String what) throws IOException {
        try {
            return open();
        } catch (NoSuchFileException e) {
            out.fileError(Check.MISSING_FILE, path(), 0, "no such file (expected " + what + ")");
            return null;
        }
    }

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
