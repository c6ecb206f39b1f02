package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.JudgedSamples;
import dev.plumbline.harness.run.LocalJudges;
import dev.plumbline.metrics.rag.local.LocalJudgeFitter;
import dev.plumbline.metrics.rag.local.LocalJudge;
import dev.plumbline.reports.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plumbline judge-fit}: refits a local judge's parameters by grid search on labelled
 * samples and writes them as a properties file (the shipped ones are
 * {@code metrics/src/main/resources/local-judge.properties} for {@code --judge local}, the
 * embedding mode, and {@code local-lexical-judge.properties}). Only the fitting part of each
 * dataset is used (the held-out fifth by question hash stays out), and BEGIN and TruthfulQA are
 * refused: they are held out for evaluation only.
 */
@Command(name = "judge-fit", mixinStandardHelpOptions = true,
        description = "Refit the local judge's thresholds and weights on labelled samples.")
public final class JudgeFitCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "labelled dataset spec (repeatable)")
    List<String> datasets;

    @Option(names = "--out", required = true, description = "properties file to write")
    Path out;

    @Option(names = "--judge", defaultValue = "local",
            description = "local (embedding mode, its shipped model) or local-lexical")
    String judge;

    @Override
    public Integer call() throws IOException {
        if (!LocalJudges.NAMES.contains(judge)) {
            throw new UsageException("judge-fit fits the local judges only; use --judge " + String.join(" or ", LocalJudges.NAMES));
        }
        List<LocalJudgeFitter.LabelledSample> train = new ArrayList<>();
        StringBuilder provenance = new StringBuilder();
        for (String spec : datasets) {
            String lower = spec.toLowerCase(Locale.ROOT);
            if (lower.startsWith("begin:") || lower.contains("truthfulqa")) {
                throw new UsageException(spec + " is held out for evaluation only; fit on HaluEval QA or builtin:demo");
            }
            Dataset d = JudgeSupport.load(spec);
            int used = 0;
            for (RagSample s : JudgedSamples.answered(d)) {
                if (s.isLabelled() && !s.retrievedContexts().isEmpty() && !JudgeSupport.heldOut(s)) {
                    train.add(new LocalJudgeFitter.LabelledSample(JudgedSamples.input(s), s.label() == Label.HALLUCINATED, spec));
                    used++;
                }
            }
            provenance.append("# ").append(spec).append(" ").append(d.fingerprint()).append(": ").append(used)
                    .append(" samples\n");
        }
        if (train.isEmpty()) {
            throw new UsageException("no labelled samples with contexts to fit on");
        }
        LocalJudgeFitter.Fit fit;
        try (LocalJudge start = LocalJudges.open(judge, Runtime.getRuntime().availableProcessors())) {
            fit = LocalJudgeFitter.fit(train, start);
        }
        String text = "# Local judge parameters, written by: plumbline judge-fit --judge " + judge
                + datasets.stream().map(s -> " --dataset " + s).reduce("", String::concat) + "\n"
                + provenance
                + String.format(Locale.ROOT, "# fit: %d samples, %d grid points, mean balanced accuracy over datasets %.4f;"
                + " pooled: balanced accuracy %.4f, AUROC %.4f, F1 %.4f%n", fit.samples(), fit.gridPoints(),
                fit.objective(), fit.detection().balancedAccuracy(), fit.detection().auroc(), fit.detection().f1())
                + "# BEGIN and TruthfulQA are held out and never used here.\n"
                + fit.parameters().toProperties();
        AtomicFiles.writeString(out, text);
        System.out.print(text);
        return 0;
    }
}
