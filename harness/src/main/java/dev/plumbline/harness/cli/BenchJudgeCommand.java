package dev.plumbline.harness.cli;

import dev.plumbline.datasets.RagSample;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.JudgedSamples;
import dev.plumbline.harness.run.JudgeSettings;
import dev.plumbline.harness.run.Judges;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.reports.provenance.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * {@code plumbline bench judge}: throughput of the local judges on a dataset's samples, at each
 * thread count, judges side by side in one process. Each configuration judges the samples once
 * to warm up, then in several timed rounds of at least {@code --seconds} of judging; each pass
 * over the samples uses a fresh judge that holds no vectors yet, so the figure includes encoding
 * every distinct claim, context sentence, question and answer once. Model loading and garbage
 * collection between passes are outside the clock. Threads bound both the encoder engine and the
 * lexical work.
 */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Local judge throughput (samples/s) on a dataset, per thread count.")
public final class BenchJudgeCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "dataset spec with RAG samples, e.g. halueval:FILE")
    String dataset;

    @Option(names = "--judges", split = ",", defaultValue = "local,local-lexical,local-cross", description = "local judges to measure")
    List<String> judges;

    /** The judges that run offline, on this machine: every registered judge but the LLM one. */
    private static final List<String> LOCAL = Judges.names().stream().filter(n -> !n.equals("llm")).toList();

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts")
    List<Integer> threads;

    @Option(names = "--samples", defaultValue = "2000", description = "samples judged per round (the dataset's first)")
    int limit;

    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds per configuration")
    int rounds;

    @Option(names = "--seconds", defaultValue = "2", description = "minimum judging seconds per round")
    double seconds;

    @Option(names = "--one-by-one", description = "judge each sample alone, as the run pipeline does to time "
            + "each one (default: all at once, as judge and judge-eval do)")
    boolean oneByOne;

    private List<RagInput> inputs;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        if (limit < 1 || rounds < 1 || !(seconds > 0)) {
            throw new UsageException("--samples and --rounds must be >= 1, --seconds > 0");
        }
        for (String j : judges) {
            if (!LOCAL.contains(j)) {
                throw new UsageException("unknown local judge '" + j + "'; use " + String.join(", ", LOCAL));
            }
        }
        List<RagSample> answered = JudgedSamples.answered(JudgeSupport.load(dataset));
        inputs = answered.subList(0, Math.min(limit, answered.size())).stream()
                .map(JudgedSamples::input).toList();
        double chars = inputs.stream().mapToDouble(in -> in.question().length() + in.answer().length()
                + in.contexts().stream().mapToInt(String::length).sum()).average().orElse(0);
        System.out.printf(Locale.ROOT, "%s: %d samples, %.0f characters per sample (question + answer + contexts)%n",
                dataset, inputs.size(), chars);
        System.out.println("on " + Hardware.current().describe());
        System.out.printf(Locale.ROOT, "%-14s %7s %16s %16s%n", "judge", "threads", "best samples/s",
                "median samples/s");
        for (int t : threads) {
            ForkJoinPool pool = new ForkJoinPool(t);
            try {
                for (String name : judges) {
                    try (Judge warm = Judges.open(name, JudgeSettings.local(t))) {
                        pool.submit(pass(warm)).get();
                    }
                    double[] rates = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        long nanos = 0;
                        long judged = 0;
                        do {
                            // A fresh judge per pass starts with no vectors kept, so every pass encodes;
                            // the previous one's garbage is collected before the clock starts.
                            try (Judge judge = Judges.open(name, JudgeSettings.local(t))) {
                                System.gc();
                                long start = System.nanoTime();
                                pool.submit(pass(judge)).get();
                                nanos += System.nanoTime() - start;
                                judged += inputs.size();
                            }
                        } while (nanos < seconds * 1e9);
                        rates[r] = judged / (nanos / 1e9);
                    }
                    Arrays.sort(rates);
                    System.out.printf(Locale.ROOT, "%-14s %7d %16.1f %16.1f%n", name, t, rates[rounds - 1],
                            rates[rounds / 2]);
                }
            } finally {
                pool.shutdown();
            }
        }
        return 0;
    }

    /** One pass over the samples: all at once, or one at a time as the run pipeline judges them. */
    private Runnable pass(Judge judge) {
        return oneByOne ? () -> inputs.forEach(judge::judge) : () -> judge.judgeAll(inputs);
    }
}
