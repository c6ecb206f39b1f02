package dev.plumbline.harness.cli;

import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline run EXPERIMENT}: runs every dataset × model × engine of an experiment file and
 * writes one results document, the TREC runs and the reports. Exit 0, or 1 when a gate rule of
 * the experiment fails, 2 for an invalid experiment (the message names the key path).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment file: datasets x models x engines -> results.json, TREC runs, reports.",
                "Exit 0 ok, 1 a gate rule failed, 2 invalid experiment. See examples/demo.yaml for the schema."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment file (.yaml, .yml or .json)")
    Path experiment;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output folder (overrides output.dir)")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        Experiment x = ExperimentParser.read(experiment);
        if (out != null) {
            x = x.withOutDir(out);
        }
        List<String> args = new ArrayList<>(List.of("run", experiment.toString()));
        if (out != null) {
            args.addAll(List.of("--out", out.toString()));
        }
        return ExperimentRunner.run(x, args, quiet);
    }
}
