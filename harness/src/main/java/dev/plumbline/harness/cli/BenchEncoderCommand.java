package dev.plumbline.harness.cli;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.harness.UsageException;
import dev.plumbline.reports.provenance.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plumbline bench encoder}: encoder throughput of several engines side by side in one
 * process, on texts that tokenize to exactly L tokens, at each batch size and thread count.
 * Each configuration is warmed up, then timed over several rounds of at least
 * {@code --seconds}; the table shows the best and the median round. FLOPs per sentence come from
 * the model's shape: {@code 2·L·layers·(4h² + 2h·i)} in linear layers plus {@code 4·L²·h·layers}
 * in attention; "% peak" is against {@code --peak-gflops} per core when given.
 */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = "Encoder throughput, engines side by side (sentences/s, tokens/s, GFLOPS, % of peak).")
public final class BenchEncoderCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "minilm-l6", description = "model")
    String model;

    @Option(names = "--engines", split = ",", defaultValue = "simd,onnxruntime", description = "engines to compare")
    List<String> engines;

    @Option(names = "--tokens", defaultValue = "128", description = "tokens per sentence, [CLS] and [SEP] included")
    int tokens;

    @Option(names = "--batches", split = ",", defaultValue = "32,1", description = "batch sizes")
    List<Integer> batches;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts")
    List<Integer> threads;

    @Option(names = "--seconds", defaultValue = "3", description = "minimum seconds per timed round")
    double seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds per configuration")
    int rounds;

    /**
     * FP32 FMA peak per core of the machine, for the "% peak" column. Not assumed: machines of
     * one kind differ (Zen 4 at 116 GFLOPS/core per ../shared/PERF_NOTES.md; Zen 5 parts with
     * 512-bit FMA units reach about twice that). Without it the column shows nan.
     */
    @Option(names = "--peak-gflops", defaultValue = "0", description = "FP32 peak GFLOPS per core, for %% of peak (default: not shown)")
    double peakPerCore;

    @Override
    public Integer call() throws java.io.IOException {
        if (tokens < 3 || rounds < 1 || seconds <= 0) {
            throw new UsageException("--tokens must be >= 3, --rounds >= 1, --seconds > 0");
        }
        ModelSpec spec = ModelRegistry.get(model).withMaxTokens(tokens);
        BertConfig config = BertOnnxMapper.map(OnnxReader.read(spec.load().onnx())).config();
        double flopsPerSentence = 2.0 * tokens * config.layers()
                * (4.0 * config.hidden() * config.hidden() + 2.0 * config.hidden() * config.intermediate())
                + 4.0 * tokens * tokens * config.hidden() * config.layers();
        System.out.printf(Locale.ROOT, "model %s, %d tokens per sentence, %.2f GFLOP per sentence%s%n",
                model, tokens, flopsPerSentence / 1e9, peakPerCore > 0
                        ? String.format(Locale.ROOT, "; peak %.0f GFLOPS per core (--peak-gflops)", peakPerCore) : "");
        // Throughput depends on the machine above all: name it beside the figures.
        System.out.println("on " + Hardware.current().describe() + "; each configuration warmed up for " + seconds
                + " s, then " + rounds + " timed rounds of at least " + seconds + " s");
        System.out.printf(Locale.ROOT, "%-12s %7s %5s %13s %13s %11s %9s %8s%n", "engine", "threads", "batch",
                "best sent/s", "median sent/s", "tokens/s", "GFLOPS", "% peak");
        for (int t : threads) {
            for (int b : batches) {
                for (String name : engines) {
                    try (Engine e = Engines.provider(name).open(spec, new EngineOptions(t, b))) {
                        double[] rates = measure(e, b);
                        double best = Arrays.stream(rates).max().orElseThrow();
                        double median = rates[rates.length / 2];
                        double gflops = best * flopsPerSentence / 1e9;
                        String pct = peakPerCore > 0
                                ? String.format(Locale.ROOT, "%.0f%%", 100 * gflops / (peakPerCore * t)) : "-";
                        System.out.printf(Locale.ROOT, "%-12s %7d %5d %13.1f %13.1f %11.0f %9.1f %8s%n", name, t, b,
                                best, median, best * tokens, gflops, pct);
                    }
                }
            }
        }
        return 0;
    }

    /** Sentences/s of each timed round, sorted. */
    private double[] measure(Engine e, int batch) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            // Distinct texts (no cache anywhere), each long enough to be cut at exactly the token limit.
            texts.add(("sentence " + i + " measures how quickly the encoder turns words into vectors. ").repeat(
                    1 + tokens / 8));
        }
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            e.encode(texts, false);
        }
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long n = 0;
            do {
                e.encode(texts, false);
                n += batch;
            } while (System.nanoTime() - start < seconds * 1e9);
            rates[r] = n / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates;
    }
}
