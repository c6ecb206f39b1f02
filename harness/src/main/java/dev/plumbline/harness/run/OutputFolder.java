package dev.plumbline.harness.run;

import dev.plumbline.harness.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output folder of one run, held for the run's length: checked (a folder, writable), locked
 * against a second run ({@link FileChannel#tryLock} on {@value #LOCK}, which holds the owner's
 * pid), and, for a fresh run, refused when it already holds files unless the caller replaces them
 * on purpose ({@code --force}). A run that fails before it wrote anything leaves no folder behind.
 * The lock file itself stays: removing it on exit would let a third run lock a new file while a
 * second still holds the old one.
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file in the output folder. */
    public static final String LOCK = ".plumbline.lock";

    /** What the run may find in the folder. */
    public enum Mode {
        /** A new run: the folder must be new or hold nothing (beyond an old lock file and empty folders). */
        FRESH,
        /** A new run that replaces what an earlier one wrote ({@code --force}, the demo, reproduce); says so. */
        REPLACE,
        /** {@code --resume}: continue the run the folder holds. */
        RESUME
    }

    private final Path dir;
    private final Path created;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean finished;

    private OutputFolder(Path dir, Path created, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.created = created;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Checks, creates and locks {@code dir}.
     *
     * @param notes where to say that an earlier run is being replaced, or {@code null} for silence
     * @throws UsageException when {@code dir} is a file, cannot be written, is in use by another
     *                        run, or (under {@link Mode#FRESH}) already holds files
     */
    public static OutputFolder open(Path dir, Mode mode, PrintStream notes) {
        if (dir.toString().isEmpty()) {
            throw new UsageException("the output folder is empty; give --out (or output.dir) a folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("output folder " + dir + " is a file; give --out (or output.dir) a folder");
        }
        Path created = firstMissing(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot create output folder " + dir + ": " + reason(e, dir)
                    + "; give --out (or output.dir) a folder you can write to");
        }
        FileChannel channel;
        FileLock lock;
        Path lockFile = dir.resolve(LOCK);
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            removeCreated(created);
            throw new UsageException("cannot write into output folder " + dir + ": " + reason(e, dir)
                    + "; give --out (or output.dir) a folder you can write to");
        }
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            // Some network file systems have no locks; the run goes on, unprotected, and says so.
            if (notes != null) {
                notes.println("plumbline: cannot lock " + lockFile + " (" + reason(e, dir) + "); a second run into "
                        + dir + " would not be stopped");
            }
            return checked(new OutputFolder(dir, created, channel, null), mode, notes);
        }
        if (lock == null) {
            String owner = owner(channel);
            close(channel);
            throw new UsageException("output folder " + dir + " is in use by another plumbline run"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + " holding " + lockFile
                    + "; wait for it to finish or give another --out");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            close(channel);
            removeCreated(created);
            throw new UsageException("cannot write into output folder " + dir + ": " + reason(e, dir)
                    + "; give --out (or output.dir) a folder you can write to");
        }
        return checked(new OutputFolder(dir, created, channel, lock), mode, notes);
    }

    /** Applies {@code mode} to what the folder holds, now that no other run can change it. */
    private static OutputFolder checked(OutputFolder f, Mode mode, PrintStream notes) {
        List<String> held = f.contents();
        if (mode == Mode.FRESH && !held.isEmpty()) {
            f.close();
            boolean run = held.contains("results.json") || held.stream().anyMatch(n -> n.startsWith(Checkpoints.COPY + "."));
            throw new UsageException("output folder " + f.dir + " already holds " + (run ? "an earlier run" : "files")
                    + " (" + String.join(", ", held.subList(0, Math.min(3, held.size())))
                    + (held.size() > 3 ? ", ..." : "") + "); add --force to replace " + (run ? "it" : "them")
                    + (run ? ", --resume " + f.dir + " to continue it" : "") + ", or give another --out");
        }
        if (mode == Mode.REPLACE && held.contains("results.json") && notes != null) {
            notes.println("plumbline: replacing the earlier run in " + f.dir);
        }
        return f;
    }

    /** Marks the run as done: {@link #close} keeps everything. */
    public void finished() {
        finished = true;
    }

    /**
     * Releases the lock. When the run did not finish and the folder was made by this run and holds
     * nothing it wrote (only the lock file and empty folders), the folder is removed again.
     */
    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        close(channel);
        if (!finished && created != null && contents().isEmpty()) {
            removeCreated(created);
        }
    }

    /**
     * Names in the folder other than the lock file and empty folders, folders with a slash:
     * {@code results.json} first, then sorted.
     */
    private List<String> contents() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.comparing((Path q) -> !q.getFileName().toString().equals("results.json"))
                    .thenComparing(Comparator.naturalOrder())).toList()) {
                String name = p.getFileName().toString();
                if (name.equals(LOCK)) {
                    continue;
                }
                if (!Files.isDirectory(p)) {
                    out.add(name);
                } else if (holdsFiles(p)) {
                    out.add(name + "/");
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private static boolean holdsFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.anyMatch(p -> !Files.isDirectory(p));
        }
    }

    /** The top-most folder of {@code dir}'s path that does not exist yet, or {@code null}. */
    private static Path firstMissing(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path missing = null;
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Removes {@code top} and everything under it, when that is only empty folders and the lock file. */
    private static void removeCreated(Path top) {
        if (top == null || !Files.isDirectory(top)) {
            return;
        }
        try (Stream<Path> s = Files.walk(top)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            if (all.stream().anyMatch(p -> !Files.isDirectory(p) && !p.getFileName().toString().equals(LOCK))) {
                return;
            }
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort: an empty folder left behind is harmless.
        }
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return s.matches("\\d{1,19}") ? s : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through it that could be lost.
        }
    }

    /** What went wrong with {@code dir}: the reason, and the path only when it is another one. */
    public static String reason(IOException e, Path dir) {
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        if (e instanceof FileSystemException f) {
            String why = e instanceof AccessDeniedException || f.getReason() == null ? "permission denied" : f.getReason();
            boolean elsewhere = f.getFile() != null && !Path.of(f.getFile()).toAbsolutePath().normalize()
                    .equals(dir.toAbsolutePath().normalize()) && !Path.of(f.getFile()).getFileName().toString().equals(LOCK);
            return (elsewhere ? f.getFile() + ": " : "") + why;
        }
        return String.valueOf(e.getMessage());
    }
}
