package dev.plumbline.harness.cli;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.Pooling;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;
import dev.plumbline.engines.train.KernelCrossEncoder;
import dev.plumbline.engines.train.LoraAdapter;
import dev.plumbline.engines.train.Trainer;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.cross.CrossEncoderSupport;
import dev.plumbline.harness.cross.LocalCrossModel;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.provenance.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plumbline judge-train}: trains the {@code local-cross} detector — LoRA adapters and a
 * classification head on a frozen base encoder, on the project's own kernels — from
 * {@link DetectorTrainingData}, and writes the adapter with a settings file that records the
 * command, the data's fingerprints and SHA-256, the seed, the hyperparameters, the loss and the
 * time. For a seed and the same inputs it writes the same adapter bytes (the {@code simd} backend
 * computes every row the same on any thread count); {@code adapter_sha256_after_step_2} lets a
 * quick {@code --max-steps 2} run confirm that a machine reproduces the recipe.
 */
@Command(name = "judge-train", mixinStandardHelpOptions = true,
        description = "Train the local-cross detector (LoRA cross-encoder) offline and write its adapter.")
public final class JudgeTrainCommand implements Callable<Integer> {
    /** Head outputs: unsupported (0) and supported ({@link CrossEncoderSupport#SUPPORTED}). */
    private static final int CLASSES = 2;
    /** Steps between progress lines (and the window of the mean loss they print). */
    private static final int PROGRESS_EVERY = 25;

    @Option(names = "--labelled", description = "labelled dataset spec whose fitting part trains (repeatable),"
            + " e.g. halueval:../shared/datasets/halueval/qa_one-turn_data.json")
    List<String> labelled = new ArrayList<>();

    @Option(names = "--passages", description = "dataset spec whose documents become synthetic pairs (repeatable),"
            + " e.g. beir:../shared/datasets/arguana")
    List<String> passages = new ArrayList<>();

    @Option(names = "--passages-per-dataset", defaultValue = "1000", description = "passages drawn from each --passages dataset")
    int passagesPerDataset;

    @Option(names = "--out", required = true, description = "folder for the adapter and local-cross.properties")
    Path out;

    @Option(names = "--model", defaultValue = "minilm-l6", description = "base model (built-in name)")
    String model;

    @Option(names = "--pooling", defaultValue = "cls", description = "cls or mean")
    String pooling;

    @Option(names = "--rank", defaultValue = "8", description = "LoRA rank")
    int rank;

    @Option(names = "--alpha", defaultValue = "16", description = "LoRA scale numerator (updates times alpha / rank)")
    double alpha;

    @Option(names = "--epochs", defaultValue = "2")
    int epochs;

    @Option(names = "--batch", defaultValue = "16", description = "examples per optimizer step")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (AdamW, linear warm-up and decay)")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0.01")
    double weightDecay;

    @Option(names = "--warmup", defaultValue = "0.06", description = "share of the steps spent warming up")
    double warmup;

    @Option(names = "--max-tokens", defaultValue = "192", description = "pair length while training")
    int maxTokens;

    @Option(names = "--judge-max-tokens", defaultValue = "256", description = "pair length the judge reads (longer contexts in windows)")
    int judgeMaxTokens;

    @Option(names = "--threshold", defaultValue = "0.5", description = "support probability from which a claim is supported")
    double threshold;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--threads", description = "kernel threads (default: all processors)")
    Integer threads;

    @Option(names = "--max-steps", description = "stop after this many steps (to check a machine reproduces the recipe)")
    Integer maxSteps;

    @Override
    public Integer call() throws IOException {
        Pooling pool = switch (pooling.toLowerCase(Locale.ROOT)) {
            case "cls" -> Pooling.CLS;
            case "mean" -> Pooling.MEAN;
            default -> throw new UsageException("--pooling must be cls or mean, got " + pooling);
        };
        if (labelled.isEmpty() && passages.isEmpty()) {
            throw new UsageException("give training data: --labelled and/or --passages (see plumbline judge-train --help)");
        }
        if (rank < 1 || alpha <= 0 || maxTokens < 8 || judgeMaxTokens < 8) {
            throw new UsageException("--rank must be >= 1, --alpha > 0, --max-tokens and --judge-max-tokens >= 8");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        DetectorTrainingData.Assembled data = DetectorTrainingData.assemble(labelled, passages, passagesPerDataset, seed);
        ModelFiles files = ModelRegistry.get(model).load();
        BertWeights base = BertOnnxMapper.map(OnnxReader.read(files.onnx()));
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(files.tokenizerJson(), model);
        if (maxTokens > base.config().maxPositions() || judgeMaxTokens > base.config().maxPositions()) {
            throw new UsageException(model + " reads at most " + base.config().maxPositions() + " tokens");
        }
        List<Trainer.Example> examples = new ArrayList<>(data.pairs().size());
        long tokens = 0;
        for (DetectorTrainingData.Pair p : data.pairs()) {
            WordPieceTokenizer.Pair enc = tokenizer.encodePair(p.first(), p.context(), maxTokens);
            examples.add(new Trainer.Example(enc.ids(), enc.types(), p.supported() ? CrossEncoderSupport.SUPPORTED : 0));
            tokens += enc.ids().length;
        }
        System.err.printf(Locale.ROOT, "judge-train: %d pairs (%.0f tokens on average), %s%n", examples.size(),
                (double) tokens / examples.size(), data.byOrigin());
        Trainer.Settings settings;
        try {
            settings = new Trainer.Settings(epochs, batch, lr, weightDecay, warmup, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String[] afterTwo = {""};
        List<Double> losses;
        LoraAdapter adapter;
        try (Kernels kernels = KernelBackends.create(LocalCrossModel.BACKEND, t)) {
            KernelCrossEncoder m = new KernelCrossEncoder(base, kernels, pool, CLASSES, rank, alpha, seed);
            long trainStart = System.nanoTime();
            double[] window = {0};
            losses = Trainer.train(m, examples, settings, (step, total, loss) -> {
                window[0] += loss;
                if (step == 2) {
                    afterTwo[0] = LoraAdapter.of(m, rank, alpha, pool, CLASSES).sha256();
                }
                if (step % PROGRESS_EVERY == 0 || step == total) {
                    double s = (System.nanoTime() - trainStart) / 1e9;
                    int last = step % PROGRESS_EVERY == 0 ? PROGRESS_EVERY : step % PROGRESS_EVERY;
                    System.err.printf(Locale.ROOT, "judge-train: step %d/%d, mean loss of the last %d %.4f, %.0f s,"
                            + " about %.0f s left%n", step, total, last, window[0] / last, s, s / step * (total - step));
                    window[0] = 0;
                }
                return maxSteps == null || step < maxSteps;
            });
            adapter = LoraAdapter.of(m, rank, alpha, pool, CLASSES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        byte[] bytes = adapter.bytes();
        String adapterName = model + ".lora";
        Files.createDirectories(out);
        AtomicFiles.writeBytes(out.resolve(adapterName), bytes);
        StringBuilder p = new StringBuilder();
        p.append("# The local-cross detector, written by: plumbline judge-train");
        labelled.forEach(s -> p.append(" --labelled ").append(s));
        passages.forEach(s -> p.append(" --passages ").append(s));
        p.append(String.format(Locale.ROOT, " --passages-per-dataset %d --model %s --pooling %s --rank %d --alpha %s"
                        + " --epochs %d --batch %d --lr %s --weight-decay %s --warmup %s --max-tokens %d"
                        + " --judge-max-tokens %d --threshold %s --seed %d%s --out DIR%n", passagesPerDataset, model,
                pooling, rank, alpha, epochs, batch, lr, weightDecay, warmup, maxTokens, judgeMaxTokens, threshold,
                seed, maxSteps == null ? "" : " --max-steps " + maxSteps));
        for (String line : data.provenance()) {
            p.append("# ").append(line).append('\n');
        }
        p.append("# pairs by origin and label: ").append(data.byOrigin()).append('\n');
        p.append("# BEGIN, TruthfulQA, SciFact and the held-out fifths are never used here.\n");
        int n = losses.size();
        p.append(String.format(Locale.ROOT, "# %d steps of %d examples on %s with %d threads, %.0f s in all, on %s;"
                        + " mean loss of the first %d steps %.4f, of the last %d %.4f%n", n, batch,
                LocalCrossModel.BACKEND, t, seconds, Hardware.current().cpuModel(), PROGRESS_EVERY,
                mean(losses, 0, Math.min(PROGRESS_EVERY, n)), PROGRESS_EVERY,
                mean(losses, Math.max(0, n - PROGRESS_EVERY), n)));
        p.append("model=").append(model).append('\n');
        p.append("adapter=").append(adapterName).append('\n');
        p.append("adapter_sha256=").append(ModelFiles.sha256(bytes)).append('\n');
        p.append("adapter_sha256_after_step_2=").append(afterTwo[0]).append('\n');
        p.append("training_pairs=").append(examples.size()).append('\n');
        p.append("training_data_sha256=").append(data.sha256()).append('\n');
        p.append("seed=").append(seed).append('\n');
        p.append("threshold=").append(threshold).append('\n');
        p.append("max_tokens=").append(judgeMaxTokens).append('\n');
        AtomicFiles.writeString(out.resolve(LocalCrossModel.PROPERTIES), p.toString());
        System.out.print(p);
        return 0;
    }

    private static double mean(List<Double> xs, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += xs.get(i);
        }
        return to > from ? s / (to - from) : Double.NaN;
    }
}
