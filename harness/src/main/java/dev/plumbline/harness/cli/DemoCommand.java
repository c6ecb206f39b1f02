package dev.plumbline.harness.cli;

import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.harness.generate.Generators;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline demo}: the built-in experiment on {@code builtin:demo} (a generated corpus with
 * graded qrels and 160 labelled RAG samples): minilm-l6 on the fast engines available here,
 * retrieval metrics, the RAG metrics with the local judge, latency and memory. Offline; writes
 * under {@code plumbline-out/demo}. The same experiment as a file is {@code examples/demo.yaml}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the built-in demo experiment (builtin:demo, minilm-l6, local judge) and write a report.")
public final class DemoCommand implements Callable<Integer> {
    /** The engines the demo compares, fastest first; the scalar oracle is left out, it is too slow for a demo. */
    static final List<String> ENGINES = List.of("simd", "onnxruntime");

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "plumbline-out/demo",
            description = "output folder (default plumbline-out/demo)")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
            description = "engines to compare (default: simd, onnxruntime), e.g. --engines simd,native-int8,native-int4")
    List<String> engineNames = ENGINES;

    @Option(names = "--no-cache", description = "do not read or write the embedding cache")
    boolean noCache;

    @Override
    public Integer call() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Experiment.EngineSpec> engines = new ArrayList<>();
        for (String name : engineNames) {
            EngineProvider p = Engines.provider(name);
            if (p.availability().available()) {
                engines.add(new Experiment.EngineSpec(name, cores, 32, 0));
            } else {
                System.err.println("plumbline: skipping engine " + name + ": " + p.availability().describe());
            }
        }
        if (!quiet) {
            System.err.println("plumbline: the scalar reference engine is left out of the demo (too slow for it);"
                    + " name it in an experiment file to include it");
        }
        if (engines.isEmpty()) {
            throw new dev.plumbline.harness.UsageException("no demo engine is available here (" + engineNames
                    + "); run plumbline engines to see why");
        }
        Experiment x = new Experiment("demo", null, List.of("builtin:demo"), null, List.of("minilm-l6"), engines,
                Experiment.denseShorthand(List.of("minilm-l6"), engines, "flat", java.util.Map.of(), "engines"), null, 100,
                ExperimentParser.DEFAULT_IR, List.of("faithfulness", "answer_relevance", "context_precision",
                "context_recall"), "local", null, ExperimentParser.DEFAULT_WARMUP, 1, 42, !noCache, null, out, List.of("html", "md"), null, null,
                List.of(Chunkers.config(Chunkers.NONE, Chunkers.NONE, "chunking[0]", java.util.Map.of()),
                        Chunkers.config("fixed", "fixed", "chunking[1]", java.util.Map.of())),
                List.of(Generators.config("extractive", "extractive", "generators[0]", java.util.Map.of())), List.of());
        List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString()));
        if (noCache) {
            args.add("--no-cache");
        }
        return ExperimentRunner.run(x, args, quiet, false);
    }
}
