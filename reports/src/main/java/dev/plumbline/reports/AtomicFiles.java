package dev.plumbline.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see the old content or the new, never a part: the text goes to a
 * temporary file beside the target ({@code .NAME.RANDOM.tmp}), which is renamed over the target
 * once complete. On every other way out (an I/O error, a full disk, text UTF-8 cannot encode, an
 * exception from the code producing the text) the temporary file is deleted and the target is
 * left as it was.
 */
public final class AtomicFiles {
    /** Produces a file's text. */
    @FunctionalInterface
    public interface Body {
        /** Writes the text; the writer is closed by the caller. */
        void write(Writer w) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} as UTF-8 from {@code body}, atomically.
     *
     * @throws IOException when writing or renaming fails (text that UTF-8 cannot encode is
     *                     reported as such); the target is unchanged and no temporary file remains
     */
    public static void write(Path file, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        boolean moved = false;
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            } catch (CharacterCodingException e) {
                throw new IOException("text with an unpaired surrogate (a lone \\uD800-\\uDFFF), which UTF-8 cannot "
                        + "encode; fix the input that holds it", e);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // The write already failed; that error is the one to report.
                }
            }
        }
    }

    /** Writes {@code bytes} to {@code file}, atomically (binary formats: Parquet). */
    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        boolean moved = false;
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code text} to {@code file} as UTF-8, atomically. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, w -> w.write(text));
    }

    /**
     * {@link #write} with the failure as an {@link UncheckedIOException} whose message names the file.
     */
    public static void writeUnchecked(Path file, Body body) {
        try {
            write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
