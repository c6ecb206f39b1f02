package dev.plumbline.harness.run;

import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import dev.plumbline.reports.results.StatisticsConfig;
import dev.plumbline.harness.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finished cells of a run, each saved as a one-engine results document under
 * {@code OUT/checkpoint/} the moment it is done (items file first, then the document, each
 * renamed into place, so a crash leaves either a whole checkpoint or none). {@code run --resume}
 * reads them back instead of recomputing, so a resumed run ends with the same values for every
 * finished cell, timings included. The cell that was running keeps its finished items in
 * {@code OUT/checkpoint/cell-NNN.partial.jsonl} ({@link ItemLog}), so it continues from its last
 * finished item; the log is removed once the cell is saved.
 *
 * <p>A fresh run also keeps two copies of its experiment file: {@code OUT/experiment.yaml}, which
 * {@code --resume} and {@code reproduce} read, and {@code OUT/checkpoint/experiment.yaml}, the
 * file as the run began, so {@link #checkUnchanged} can refuse to resume after the first was edited.
 */
public final class Checkpoints {
    /** Base name of the experiment copies ({@code experiment.yaml} or {@code experiment.json}). */
    public static final String COPY = "experiment";

    /** How files reach the disk; a test swaps it to simulate a full disk. */
    interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    static volatile FileWriter writer = Checkpoints::writeAndSync;

    private final Path dir;
    private final boolean resume;

    /**
     * Checkpoints of the run of {@code x}; a fresh run also keeps the experiment copies.
     *
     * @param resume keep the checkpoints already there; otherwise a fresh run removes them
     */
    Checkpoints(Experiment x, boolean resume) {
        this(x.outDir(), resume);
        if (!resume && x.source() != null) {
            String name = copyName(x.source());
            byte[] text;
            try {
                text = Files.readAllBytes(x.source());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + x.source() + " to keep a copy: " + e.getMessage(), e);
            }
            atomically(List.of(x.outDir().resolve(name), dir.resolve(name)), List.of(text, text));
        }
    }

    /**
     * @param resume keep the checkpoints already there; otherwise a fresh run removes them
     */
    Checkpoints(Path outDir, boolean resume) {
        this.dir = outDir.resolve("checkpoint");
        this.resume = resume;
        try {
            if (!resume && Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The saved cell {@code index}, or {@code null} when it was not finished.
     *
     * @throws UsageException when the saved cell is another cell or was computed on other data
     */
    Results load(int index, String cell, DatasetFingerprint dataset) {
        return load(index, cell, dataset, null, null);
    }

    /**
     * The saved judge cell {@code index}, or {@code null} when it was not finished; as
     * {@link #load(int, String, DatasetFingerprint)}, and the saved cell must also have been judged
     * by {@code judge} with exactly {@code judgeDetails} (version, parameters' hash).
     *
     * @throws UsageException when the saved cell is another cell, on other data, or by another judge
     */
    Results load(int index, String cell, DatasetFingerprint dataset, String judge, Map<String, String> judgeDetails) {
        Path file = file(index);
        if (!Files.exists(file)) {
            return null;
        }
        Results saved = ResultsJson.read(file);
        String savedCell = saved.engines().get(0).engine();
        List<DatasetFingerprint> ds = saved.provenance().datasets();
        if (!savedCell.equals(cell) || ds.isEmpty() || !ds.get(0).sha256().equals(dataset.sha256())) {
            throw new UsageException(file + " holds cell " + savedCell + " on " + (ds.isEmpty() ? "?" : ds.get(0).path())
                    + ", not " + cell + " on this data; the experiment or dataset changed since the run began,"
                    + " so start a fresh run instead of --resume");
        }
        if (judge != null) {
            var savedJudge = saved.provenance().judge();
            if (savedJudge == null || !savedJudge.name().equals(judge)
                    || !savedJudge.details().entrySet().containsAll(judgeDetails.entrySet())) {
                throw new UsageException(file + " was judged by " + (savedJudge == null ? "no judge"
                        : savedJudge.name() + " " + savedJudge.details()) + ", not by " + judge + " " + judgeDetails
                        + " (Plumbline's judge changed since the run began); start a fresh run instead of --resume");
            }
        }
        return saved;
    }

    /** Saves a finished cell. */
    void save(int index, EngineRun run, Provenance provenance, long seed) {
        Results r = Results.of(run.engine(), "", StatisticsConfig.DEFAULTS.withSeed(seed), provenance, List.of(run));
        Path file = file(index);
        Path items = ResultsJson.itemsFileFor(file);
        atomically(items, ResultsJson.itemsString(r), file, ResultsJson.documentString(r, items.getFileName().toString()));
    }

    /**
     * The log of finished items of cell {@code index} while it runs; on {@code --resume} it holds
     * the items a stopped run finished, provided {@code header} (what the items depend on) is unchanged.
     */
    ItemLog items(int index, com.fasterxml.jackson.databind.node.ObjectNode header) {
        return ItemLog.open(partial(index), header, resume);
    }

    /** Removes the log of cell {@code index} once the cell itself is saved. */
    void dropItems(int index) {
        try {
            Files.deleteIfExists(partial(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + partial(index) + ": " + e.getMessage(), e);
        }
    }

    /** The name of the experiment copy for {@code source}: {@code experiment.json} or {@code experiment.yaml}. */
    public static String copyName(Path source) {
        return COPY + (source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? ".json" : ".yaml");
    }

    /**
     * Refuses to resume the run in {@code outDir} when its experiment copy {@code copy} differs
     * from the file as the run began, naming each changed key path. Comments and layout may change.
     * A folder from a version that kept no such reference passes.
     *
     * @throws UsageException naming what changed and how to start afresh
     */
    public static void checkUnchanged(Path outDir, Path copy) {
        Path reference = outDir.resolve("checkpoint").resolve(copy.getFileName());
        if (!Files.exists(reference)) {
            return;
        }
        List<String> changed = ExperimentParser.differences(ExperimentParser.tree(reference), ExperimentParser.tree(copy));
        if (!changed.isEmpty()) {
            throw new UsageException(copy + " was edited after the run began (" + String.join("; ",
                    changed.subList(0, Math.min(5, changed.size()))) + (changed.size() > 5 ? "; ..." : "")
                    + "), so its finished cells are from another experiment: undo the edit to resume, or start"
                    + " afresh with plumbline run " + copy + " --out " + outDir + " --force");
        }
    }

    private Path partial(int index) {
        return dir.resolve(String.format(Locale.ROOT, "cell-%03d.partial.jsonl", index));
    }

    private Path file(int index) {
        return dir.resolve(String.format(Locale.ROOT, "cell-%03d.json", index));
    }

    /** Writes {@code text} to a temporary file beside {@code file} and renames it into place. */
    static void atomically(Path file, String text) {
        atomically(List.of(file), List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes two files that belong together (a results document and its items), each to a
     * temporary file first; only when both are complete and synced are they renamed into place,
     * {@code first} first. A failed write (a full disk) leaves both earlier files as they were.
     */
    static void atomically(Path first, String firstText, Path second, String secondText) {
        atomically(List.of(first, second), List.of(firstText.getBytes(StandardCharsets.UTF_8),
                secondText.getBytes(StandardCharsets.UTF_8)));
    }

    private static void atomically(List<Path> files, List<byte[]> contents) {
        List<Path> tmps = new ArrayList<>();
        Path current = files.get(0);
        boolean moved = false;
        try {
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i);
                Path tmp = Files.createTempFile(current.toAbsolutePath().getParent(), current.getFileName().toString(),
                        ".tmp");
                tmps.add(tmp);
                writer.write(tmp, contents.get(i));
            }
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i);
                Files.move(tmps.get(i), current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + current + ": " + OutputFolder.reason(e, current)
                    + (moved ? "" : "; the earlier file, if any, is unchanged"), e);
        } finally {
            for (Path tmp : tmps) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Left behind only when the folder itself went away.
                }
            }
        }
    }

    private static void writeAndSync(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }
}
