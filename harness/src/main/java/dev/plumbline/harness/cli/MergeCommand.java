package dev.plumbline.harness.cli;

import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.Checkpoints;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import dev.plumbline.harness.run.OutputFolder;
import dev.plumbline.harness.run.ShardMerge;
import dev.plumbline.reports.gate.GateRules;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline merge DIR... --out DIR}: combines the partial results folders of
 * {@code plumbline run EXPERIMENT --shard I/N} into what the unsharded run writes (results
 * document, TREC runs, contexts files, the experiment copy), then prints the summary, writes the
 * experiment's reports and applies its gate, as {@code run} does. Parts of different experiments,
 * splits, data, builds, engines or judges, and a missing or repeated part, are refused with one
 * line (exit 2).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the partial results folders of plumbline run EXPERIMENT --shard I/N into the results"
                + " of the unsharded run.",
                "Exit 0 ok, 1 a gate rule of the experiment failed, 2 the folders are not the parts of one run."})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "the partial results folder of every part")
    List<Path> parts;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "output folder")
    Path out;

    @Option(names = "--force",
            description = "write into an output folder that already holds files (an earlier run's are replaced)")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "no notes on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        for (Path p : parts) {
            if (p.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new UsageException("--out " + out + " is one of the parts; merge into a folder of its own");
            }
        }
        List<ShardMerge.Part> read = ShardMerge.read(parts);
        Path copy = RunCommand.findCopy(read.get(0).dir());
        Experiment x = ExperimentParser.read(copy).withOutDir(out);
        Results baseline = x.gateBaseline() == null ? null : ResultsJson.read(x.gateBaseline());
        GateRules rules = ExperimentRunner.gateRules(x, baseline);
        List<String> args = new ArrayList<>(List.of("merge"));
        parts.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--out", out.toString()));
        Results merged = ShardMerge.merge(read, x.irMeasures(), args);
        try (OutputFolder folder = OutputFolder.open(out, force ? OutputFolder.Mode.REPLACE : OutputFolder.Mode.FRESH,
                quiet ? null : System.err)) {
            // The experiment copy, as the unsharded run keeps one beside its results.
            try {
                Files.copy(copy, out.resolve(Checkpoints.copyName(copy)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + copy + " to " + out + ": " + e.getMessage(), e);
            }
            ShardMerge.writeRuns(read, out);
            ShardMerge.writeResults(merged, out);
            System.out.println("merged " + read.size() + " parts of " + merged.runId() + " into " + out);
            int code = ExperimentRunner.finish(x, merged, rules, baseline);
            folder.finished();
            return code;
        }
    }
}
