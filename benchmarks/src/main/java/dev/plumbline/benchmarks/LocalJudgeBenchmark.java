package dev.plumbline.benchmarks;

import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.local.LocalJudge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the local judge (lexical mode) on HaluEval-QA-sized samples: a knowledge passage
 * of about 80 words, a one-sentence question and a one- or two-sentence answer. The target
 * is at least 200 samples/s on 2 cores.
 *
 * <p>{@code java --sun-misc-unsafe-memory-access=allow -jar benchmarks/target/benchmarks.jar LocalJudgeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LocalJudgeBenchmark {
    private LocalJudge judge;
    private RagInput sample;

    /** Builds the judge and one representative sample. */
    @Setup
    public void setUp() {
        judge = LocalJudge.lexical();
        String knowledge = "The Halden Bridge is a steel arch bridge over the Vesle river in the town of Norvik. "
                + "It was designed by the engineer Marta Lind and opened to traffic on 14 May 1932, replacing a "
                + "wooden ferry crossing that had served the town since 1870. The main span is 412 metres long "
                + "and the deck carries two lanes of road traffic and a footpath. The bridge was not damaged in "
                + "the 1951 flood, when the river rose 6 metres above its normal level.";
        sample = new RagInput("b1", "Who designed the bridge over the Vesle river in Norvik?",
                "The Halden Bridge was designed by Marta Lind. It opened in 1932.", List.of(knowledge),
                "Marta Lind designed it.");
    }

    /** Judges one sample: claims, context relevance, reference claims, answer relevance. */
    @Benchmark
    public Judgment judgeSample() {
        return judge.judge(sample);
    }
}
