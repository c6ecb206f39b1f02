package dev.plumbline.benchmarks;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TrecQrelsReader;
import dev.plumbline.datasets.trec.TrecRunReader;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrResults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parsing and scoring a TREC run in process, the two halves of {@code plumbline trec-eval}:
 * {@code parseRun} reads the run file, {@code evaluate} ranks and scores an already parsed run
 * with the four measures of the README benchmark.
 *
 * <p>{@code java --sun-misc-unsafe-memory-access=allow -jar benchmarks/target/benchmarks.jar IrEvaluatorBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IrEvaluatorBenchmark {
    @Param({"1000"})
    int topics;

    private Path runFile;
    private Qrels qrels;
    private Run run;
    private IrEvaluator evaluator;

    /** Generates the data once per trial. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("plumbline-bench");
        runFile = dir.resolve("run.txt");
        Path qrelsFile = dir.resolve("qrels.txt");
        BigRunGenerator.generate(runFile, qrelsFile, topics, 1000, 42);
        qrels = TrecQrelsReader.read(qrelsFile);
        run = TrecRunReader.read(runFile);
        evaluator = IrEvaluator.of(qrels, List.of("ndcg_cut.10", "recall.1000", "recip_rank", "map"),
                EvalParams.DEFAULTS);
    }

    /** Reads the run file (topics × 1,000 lines). */
    @Benchmark
    public Run parseRun() {
        return TrecRunReader.read(runFile);
    }

    /** Ranks and scores the parsed run. */
    @Benchmark
    public IrResults evaluate() {
        return evaluator.evaluate(run);
    }
}
