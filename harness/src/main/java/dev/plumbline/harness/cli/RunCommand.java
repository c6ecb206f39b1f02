package dev.plumbline.harness.cli;

import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.Checkpoints;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import dev.plumbline.harness.run.OutputFolder;
import dev.plumbline.harness.run.Shard;
import dev.plumbline.harness.run.ShardManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline run EXPERIMENT}: runs every dataset × model × engine of an experiment file and
 * writes one results document, the TREC runs and the reports. A copy of the experiment goes into
 * the output folder, so {@code plumbline run --resume DIR} can continue a run that stopped, from
 * the cells it had finished. The output folder is locked for the run; one that already holds files
 * is refused unless {@code --force}. With {@code --shard I/N} it runs one part of every cell into a
 * partial results folder, which {@code plumbline merge} combines with the others. Exit 0, or 1 when
 * a gate rule of the experiment fails, 2 for an invalid experiment (the message names the key path)
 * or output folder.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment file: datasets x models x engines -> results.json, TREC runs, reports.",
                "Exit 0 ok, 1 a gate rule failed, 2 invalid experiment. See examples/demo.yaml for the schema."})
public final class RunCommand implements Callable<Integer> {
    /** The copy of the experiment file in the output folder, which {@code --resume} reads. */
    static final String COPY = Checkpoints.COPY;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT",
            description = "experiment file (.yaml, .yml or .json)")
    Path experiment;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output folder (overrides output.dir)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the run in DIR that stopped part way (run from the same working directory)")
    Path resume;

    @Option(names = "--force",
            description = "write into an output folder that already holds files (an earlier run's are replaced)")
    boolean force;

    @Option(names = "--repeat", paramLabel = "N",
            description = "timed passes over the queries per cell, each query encoded and searched (overrides latency.repeat); N > 1 reports the run-to-run spread")
    Integer repeat;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "run part I of N of every cell (queries and samples split by a hash of their ids, each"
                    + " query searched against the whole corpus) into a partial results folder;"
                    + " combine the N folders with plumbline merge")
    String shard;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("run"));
        if (repeat != null && (repeat < 1 || repeat > ExperimentParser.MAX_REPEAT)) {
            throw new UsageException("--repeat must be from 1 to " + ExperimentParser.MAX_REPEAT + ", got " + repeat);
        }
        if (resume != null) {
            if (experiment != null || out != null) {
                throw new UsageException("--resume DIR takes the experiment and output folder from DIR;"
                        + " drop EXPERIMENT and --out");
            }
            if (force) {
                throw new UsageException("--force starts afresh and --resume continues; give one of them");
            }
            if (resume.toString().isEmpty()) {
                throw new UsageException("--resume is empty; give the output folder of the run to continue");
            }
            if (shard != null) {
                throw new UsageException("--resume DIR continues the part recorded in DIR/" + ShardManifest.FILE
                        + "; drop --shard");
            }
            Path copy = findCopy(resume);
            Checkpoints.checkUnchanged(resume, copy);
            Experiment x = withRepeat(ExperimentParser.read(copy).withOutDir(resume));
            args.addAll(List.of("--resume", resume.toString()));
            ShardManifest part = ShardManifest.read(resume);
            return runResumable(x, args, OutputFolder.Mode.RESUME, part == null ? Shard.WHOLE : part.shard());
        }
        if (experiment == null) {
            throw new UsageException("give an experiment file (see examples/demo.yaml) or --resume DIR");
        }
        Shard part = shard == null ? Shard.WHOLE : Shard.parse(shard);
        Experiment x = withRepeat(ExperimentParser.read(experiment));
        if (out != null) {
            x = x.withOutDir(out);
        }
        args.add(experiment.toString());
        if (out != null) {
            args.addAll(List.of("--out", out.toString()));
        }
        if (repeat != null) {
            args.addAll(List.of("--repeat", repeat.toString()));
        }
        if (force) {
            args.add("--force");
        }
        if (shard != null) {
            args.addAll(List.of("--shard", part.toString()));
        }
        return runResumable(x, args, force ? OutputFolder.Mode.REPLACE : OutputFolder.Mode.FRESH, part);
    }

    /**
     * Runs with a shutdown hook that, on Ctrl-C or a kill, says how to continue: finished cells
     * are already saved and the embedding cache keeps every vector encoded, so nothing is lost.
     */
    private int runResumable(Experiment x, List<String> args, OutputFolder.Mode mode, Shard part) {
        Path dir = x.outDir();
        Thread hint = new Thread(() -> System.err.println("\nplumbline: interrupted; finished cells are saved,"
                + " continue with: plumbline run --resume " + dir));
        Runtime.getRuntime().addShutdownHook(hint);
        try {
            return ExperimentRunner.run(x, args, quiet, mode, part);
        } finally {
            Runtime.getRuntime().removeShutdownHook(hint);
        }
    }

    private Experiment withRepeat(Experiment x) {
        return repeat == null ? x : x.withRepeat(repeat);
    }

    static Path findCopy(Path dir) {
        for (String ext : List.of(".yaml", ".json")) {
            Path p = dir.resolve(COPY + ext);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new UsageException(dir + " holds no " + COPY + ".yaml or " + COPY + ".json; --resume needs the output"
                + " folder of a plumbline run");
    }
}
