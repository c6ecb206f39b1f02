package dev.plumbline.harness.cli;

import dev.plumbline.engines.Availability;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.kernels.FmaPeak;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.harness.UsageException;
import dev.plumbline.reports.provenance.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.engines.cache.EmbeddingCache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plumbline bench encoder}: encoder throughput of several engines side by side in one
 * process, on texts that tokenize to exactly L tokens, at each batch size and thread count.
 * Each configuration opens every engine, warms each up, then times rounds of at least
 * {@code --seconds} that alternate between the engines; the table shows the best and the median
 * round. FLOPs per sentence come from
 * the model's shape: {@code 2·L·layers·(4h² + 2h·i)} in linear layers plus {@code 4·L²·h·layers}
 * in attention; "% peak" is against the FP32 FMA peak per core measured first (or
 * {@code --peak-gflops}) times the thread count, and the CPU model is printed above the table.
 */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = "Encoder throughput, engines side by side (sentences/s, tokens/s, GFLOPS, %% of peak).")
public final class BenchEncoderCommand implements Callable<Integer> {

    @Option(names = "--model", split = ",", defaultValue = "minilm-l6",
            description = "model, or several separated by commas (one table each)")
    List<String> models;

    @Option(names = "--quality", paramLabel = "DATASET",
            description = "also score every engine on this dataset (e.g. beir:../shared/datasets/scifact): nDCG@10 and "
                    + "R@100 of exact dot-product search, their difference to the reference engine with a paired "
                    + "randomization test, the min and mean cosine of its document vectors to the reference's, "
                    + "beside weight MiB and sentences/s at each thread count (first batch size)")
    String quality;

    @Option(names = "--reference", paramLabel = "ENGINE",
            description = "the engine --quality compares against (default: the first of --engines)")
    String reference;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "embedding cache root for --quality (default: the user cache, ~/.cache/plumbline)")
    Path cacheDir;

    @Option(names = "--engines", split = ",", defaultValue = "simd,native,openblas,onnxruntime",
            description = "engines to compare (unavailable ones are listed with the reason and skipped); ENGINE@MODEL "
                    + "runs another model of the same shape, e.g. onnxruntime@minilm-l6-q (ONNX Runtime's int8 graph); "
                    + "ENGINE@-SUFFIX appends to each --model's name: onnxruntime@-q")
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
     * 512-bit FMA units reach about twice that), so by default it is measured here first
     * ({@link FmaPeak}).
     */
    @Option(names = "--peak-gflops", defaultValue = "0",
            description = "FP32 peak GFLOPS per core for %% of peak (default: measured here with an FMA loop)")
    double peakPerCore;

    @Option(names = "--profile", description = "after the table, time every kernel call of the kernel-backed "
            + "engines (simd, native, openblas, ...) and print where the forward pass spends its time")
    boolean profile;

    @Override
    public Integer call() throws java.io.IOException {
        if (tokens < 3 || rounds < 1 || seconds <= 0) {
            throw new UsageException("--tokens must be >= 3, --rounds >= 1, --seconds > 0");
        }
        List<String> runnable = new ArrayList<>();
        for (String entry : engines) {
            Availability a = Engines.provider(engineOf(entry)).availability();
            if (a.available()) {
                runnable.add(entry);
            } else {
                System.out.println("skipped " + entry + ": " + a.describe());
            }
        }
        String peakSource = "--peak-gflops";
        if (peakPerCore <= 0) {
            peakPerCore = FmaPeak.gflopsPerCore(2.0);
            peakSource = "measured FMA peak";
        }
        if (reference != null && !runnable.contains(reference)) {
            throw new UsageException("--reference " + reference + " is not one of the runnable --engines " + runnable);
        }
        Dataset dataset = quality == null ? null : Datasets.load(quality);
        for (String model : models) {
            benchModel(model, runnable, peakSource, dataset);
        }
        return 0;
    }

    private void benchModel(String model, List<String> runnable, String peakSource, Dataset dataset)
            throws java.io.IOException {
        ModelSpec spec = ModelRegistry.get(model).withMaxTokens(tokens);
        BertWeights weights = BertOnnxMapper.map(OnnxReader.read(spec.load().onnx()));
        BertConfig config = weights.config();
        double flopsPerSentence = 2.0 * tokens * config.layers()
                * (4.0 * config.hidden() * config.hidden() + 2.0 * config.hidden() * config.intermediate())
                + 4.0 * tokens * tokens * config.hidden() * config.layers();
        System.out.printf(Locale.ROOT, "model %s, %d tokens per sentence, %.2f GFLOP per sentence; FP32 peak %.0f GFLOPS"
                + " per core (%s)%n", model, tokens, flopsPerSentence / 1e9, peakPerCore, peakSource);
        // Throughput depends on the machine above all: name it beside the figures.
        System.out.println("on " + Hardware.current().describe() + "; each configuration warmed up for " + seconds
                + " s, then " + rounds + " timed rounds of at least " + seconds + " s, alternating between engines");
        System.out.printf(Locale.ROOT, "%-24s %7s %5s %13s %13s %11s %9s %8s %12s%n", "engine", "threads", "batch",
                "best sent/s", "median sent/s", "tokens/s", "GFLOPS", "% peak", "weights MiB");
        // Best sentences/s per engine and thread count at the first batch size, for --quality's table.
        Map<String, Map<Integer, Double>> bestRates = new LinkedHashMap<>();
        Map<String, String> weightMiB = new LinkedHashMap<>();
        for (int t : threads) {
            for (int b : batches) {
                List<String> texts = texts(b);
                List<Engine> open = new ArrayList<>();
                try {
                    for (String entry : runnable) {
                        ModelSpec rowModel = ModelRegistry.get(modelOf(entry, model)).withMaxTokens(tokens);
                        open.add(Engines.provider(engineOf(entry)).open(rowModel, new EngineOptions(t, b)));
                    }
                    for (Engine e : open) {
                        warm(e, texts);
                    }
                    // Rounds alternate between the engines, so a change in machine load during the
                    // run touches every engine's rounds alike and the same-run ratio stays fair.
                    double[][] rates = new double[open.size()][rounds];
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < open.size(); i++) {
                            rates[i][r] = round(open.get(i), texts);
                        }
                    }
                    for (int i = 0; i < open.size(); i++) {
                        Arrays.sort(rates[i]);
                        double best = rates[i][rounds - 1];
                        double median = rates[i][rounds / 2];
                        double gflops = best * flopsPerSentence / 1e9;
                        String pct = String.format(Locale.ROOT, "%.0f%%", 100 * gflops / (peakPerCore * t));
                        System.out.printf(Locale.ROOT, "%-24s %7d %5d %13.1f %13.1f %11.0f %9.1f %8s %12s%n",
                                runnable.get(i), t, b, best, median, best * tokens, gflops, pct,
                                weightsMiB(open.get(i).memory()));
                        if (b == batches.get(0)) {
                            bestRates.computeIfAbsent(runnable.get(i), e -> new LinkedHashMap<>()).put(t, best);
                            weightMiB.putIfAbsent(runnable.get(i), weightsMiB(open.get(i).memory()));
                        }
                    }
                } finally {
                    for (Engine e : open) {
                        e.close();
                    }
                }
            }
        }
        if (profile) {
            for (String name : runnable) {
                if (!KernelBackends.names().contains(name)) {
                    continue; // ONNX Runtime's own graph cannot be wrapped
                }
                for (int t : threads) {
                    for (int b : batches) {
                        EncoderProfile.print(name, weights, t, b, tokens, seconds, peakPerCore);
                    }
                }
            }
        }
        if (dataset != null) {
            qualityTable(model, runnable, dataset, bestRates, weightMiB);
        }
    }

    /**
     * Scores every engine on the dataset (at the model's own token limit, not {@code --tokens}) and
     * prints one row per engine: quality, its difference to the reference with paired p-values,
     * cosines to the reference's document vectors, weight MiB and the throughput just measured.
     */
    private void qualityTable(String model, List<String> runnable, Dataset dataset,
                              Map<String, Map<Integer, Double>> bestRates, Map<String, String> weightMiB)
            throws java.io.IOException {
        String ref = reference != null ? reference : runnable.get(0);
        Path root = cacheDir != null ? cacheDir : EmbeddingCache.defaultRoot();
        int maxThreads = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<String, EncoderQuality.Scores> scores = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(List.of(ref));
        runnable.stream().filter(e -> !e.equals(ref)).forEach(order::add);
        for (String entry : order) {
            ModelSpec rowModel = ModelRegistry.get(modelOf(entry, model));
            try (Engine e = Engines.provider(engineOf(entry)).open(rowModel, new EngineOptions(maxThreads, 32))) {
                System.out.println("scoring " + entry + " on " + dataset.spec() + " ...");
                scores.put(entry, EncoderQuality.score(e, dataset, root));
            }
        }
        EncoderQuality.Scores base = scores.get(ref);
        System.out.printf(Locale.ROOT, "%nquality of %s on %s (%d queries, %d documents; model's own token limit), "
                + "reference %s; p: paired randomization test, 10,000 permutations; cosines of document vectors%n",
                model, dataset.spec(), base.topics().size(), base.docs().length, ref);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-24s %8s %8s %7s %7s %8s %7s %8s %8s %12s",
                "engine", "nDCG@10", "delta", "p", "R@100", "delta", "p", "min cos", "mean cos", "weights MiB"));
        for (int t : threads) {
            header.append(String.format(Locale.ROOT, " %10s", "sent/s " + t + "t"));
        }
        System.out.println(header);
        for (String entry : runnable) {
            EncoderQuality.Scores s = scores.get(entry);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-24s %8.4f", entry, s.mean(s.ndcg())));
            if (entry.equals(ref)) {
                row.append(String.format(Locale.ROOT, " %8s %7s %7.4f %8s %7s %8s %8s", "-", "-", s.mean(s.recall()),
                        "-", "-", "-", "-"));
            } else {
                EncoderQuality.Delta d = EncoderQuality.delta(base, s, model + "/" + entry);
                row.append(String.format(Locale.ROOT, " %+8.4f %7.4f %7.4f %+8.4f %7.4f %8.6f %8.6f", d.ndcg(), d.ndcgP(),
                        s.mean(s.recall()), d.recall(), d.recallP(), d.minCosine(), d.meanCosine()));
            }
            row.append(String.format(Locale.ROOT, " %12s", weightMiB.getOrDefault(entry, "-")));
            for (int t : threads) {
                Double rate = bestRates.getOrDefault(entry, Map.of()).get(t);
                row.append(rate == null ? String.format(Locale.ROOT, " %10s", "-")
                        : String.format(Locale.ROOT, " %10.1f", rate));
            }
            System.out.println(row);
        }
    }

    /**
     * The model of an entry: {@code model} for {@code ENGINE}, MODEL for {@code ENGINE@MODEL}, and
     * {@code model} + SUFFIX for {@code ENGINE@-SUFFIX} ({@code onnxruntime@-q}: each model's
     * ONNX Runtime int8 graph, so one engine list serves several models).
     */
    private static String modelOf(String entry, String model) {
        int at = entry.indexOf('@');
        if (at < 0) {
            return model;
        }
        String m = entry.substring(at + 1);
        return m.startsWith("-") ? model + m : m;
    }

    /** The engine of an {@code ENGINE} or {@code ENGINE@MODEL} entry. */
    private static String engineOf(String entry) {
        int at = entry.indexOf('@');
        return at < 0 ? entry : entry.substring(0, at);
    }

    /**
     * Exact weight bytes where the engine counts them; for a library that allocates out of sight
     * (ONNX Runtime), its measured resident-set growth marked {@code ~} (weights, session and the
     * first batch's buffers together).
     */
    private static String weightsMiB(dev.plumbline.engines.EngineMemory m) {
        if (m.weightBytes() != dev.plumbline.engines.EngineMemory.UNKNOWN) {
            return String.format(Locale.ROOT, "%.1f", m.weightBytes() / 1048576.0);
        }
        if (m.nativeRssGrowthBytes() != dev.plumbline.engines.EngineMemory.UNKNOWN) {
            return String.format(Locale.ROOT, "~%.1f", m.nativeRssGrowthBytes() / 1048576.0);
        }
        return "-";
    }

    /** Distinct texts (no cache anywhere), each long enough to be cut at exactly the token limit. */
    private List<String> texts(int batch) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            texts.add(("sentence " + i + " measures how quickly the encoder turns words into vectors. ").repeat(
                    1 + tokens / 8));
        }
        return texts;
    }

    /** Encodes for {@code --seconds} untimed, so the JIT and caches are warm. */
    private void warm(Engine e, List<String> texts) {
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            e.encode(texts, false);
        }
    }

    /** Sentences/s of one timed round of at least {@code --seconds}. */
    private double round(Engine e, List<String> texts) {
        long start = System.nanoTime();
        long n = 0;
        do {
            e.encode(texts, false);
            n += texts.size();
        } while (System.nanoTime() - start < seconds * 1e9);
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
