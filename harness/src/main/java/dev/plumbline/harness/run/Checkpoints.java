package dev.plumbline.harness.run;

import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import dev.plumbline.reports.results.StatisticsConfig;
import dev.plumbline.harness.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * finished cell, timings included; the cell that was interrupted is computed again from its start.
 */
final class Checkpoints {
    private final Path dir;

    /**
     * @param resume keep the checkpoints already there; otherwise a fresh run removes them
     */
    Checkpoints(Path outDir, boolean resume) {
        this.dir = outDir.resolve("checkpoint");
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
        atomically(items, ResultsJson.itemsString(r));
        atomically(file, ResultsJson.documentString(r, items.getFileName().toString()));
    }

    private Path file(int index) {
        return dir.resolve(String.format(Locale.ROOT, "cell-%03d.json", index));
    }

    /**
     * Writes {@code text} to a temporary file beside {@code file} and renames it into place; on
     * failure the temporary file is removed and {@code file} left as it was.
     */
    static void atomically(Path file, String text) {
        AtomicFiles.writeUnchecked(file, w -> w.write(text));
    }
}
