package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.JudgedSamples;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.JudgeIdentity;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.local.OverlapBaseline;
import dev.plumbline.metrics.stats.Bootstrap;
import dev.plumbline.metrics.stats.DetectorScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * {@code plumbline judge-eval}: how good is a judge as a hallucination detector? Scores it on
 * labelled samples the way LLM-AggreFact and the RAGTruth paper compare detectors: AUROC,
 * balanced accuracy, F1, precision and recall, each with a seeded 95% bootstrap interval, plus
 * throughput. A response counts as flagged when any of its claims is unsupported; a sample
 * whose verdicts failed counts as a failure and is reported, not scored.
 */
@Command(name = "judge-eval", mixinStandardHelpOptions = true,
        description = "Meta-evaluate a judge as a hallucination detector on labelled samples.")
public final class JudgeEvalCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "labelled dataset spec, e.g. halueval:FILE, begin:FILE, builtin:demo")
    String dataset;

    @Option(names = "--held-out", description = "only the held-out fifth (by question hash) of a dataset used for fitting")
    boolean heldOutOnly;

    @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed")
    long seed;

    @Option(names = "--resamples", defaultValue = "1000", description = "bootstrap resamples")
    int resamples;

    @Mixin
    JudgeSupport.JudgeOptions judgeOptions = new JudgeSupport.JudgeOptions();

    @Override
    public Integer call() {
        Dataset d = JudgeSupport.load(dataset);
        List<RagSample> samples = new ArrayList<>();
        for (RagSample s : JudgedSamples.answered(d)) {
            if (s.isLabelled() && (!heldOutOnly || JudgeSupport.heldOut(s))) {
                samples.add(s);
            }
        }
        if (samples.isEmpty()) {
            throw new UsageException(dataset + " has no labelled answered samples" + (heldOutOnly ? " in its held-out part" : ""));
        }
        List<Judgment> js;
        double seconds;
        JudgeIdentity identity;
        try (Judge judge = judgeOptions.create()) {
            identity = judge.identity();
            long start = System.nanoTime();
            js = judge.judgeAll(samples.stream().map(JudgedSamples::input).toList());
            JudgeSupport.checkCalls(judge);
            seconds = (System.nanoTime() - start) / 1e9;
        }

        List<double[]> scored = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < samples.size(); i++) {
            double[] s = detection(js.get(i));
            if (s == null) {
                failed++;
            } else {
                scored.add(new double[] {s[0], s[1], samples.get(i).label() == Label.HALLUCINATED ? 1 : 0});
            }
        }
        int n = scored.size();
        double[] score = new double[n];
        boolean[] flagged = new boolean[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            score[i] = scored.get(i)[0];
            flagged[i] = scored.get(i)[1] == 1;
            positive[i] = scored.get(i)[2] == 1;
        }
        DetectorScores all = DetectorScores.of(score, flagged, positive, Double.NaN);
        System.out.printf(Locale.ROOT, "%s%s: %d labelled samples (%d hallucinated), judge %s %s, %.1f samples/s (one cold pass; plumbline bench judge measures warm throughput)%s%n",
                dataset, heldOutOnly ? " (held-out part)" : "", n, all.positives(), identity.name(),
                identity.version(), samples.size() / Math.max(seconds, 1e-9),
                failed > 0 ? ", " + failed + " failed (not scored)" : "");
        print("AUROC", all.auroc(), ci(n, score, flagged, positive, DetectorScores::auroc));
        print("balanced accuracy", all.balancedAccuracy(), ci(n, score, flagged, positive, DetectorScores::balancedAccuracy));
        print("F1", all.f1(), ci(n, score, flagged, positive, DetectorScores::f1));
        print("precision", all.precision(), ci(n, score, flagged, positive, DetectorScores::precision));
        print("recall", all.recall(), ci(n, score, flagged, positive, DetectorScores::recall));
        // The floor on the same scored samples: plain word overlap, threshold-free (AUROC only).
        double[] overlap = new double[n];
        for (int i = 0, j = 0; i < samples.size(); i++) {
            if (detection(js.get(i)) != null) {
                RagSample s = samples.get(i);
                overlap[j++] = OverlapBaseline.unsupportedShare(s.response(), s.retrievedContexts());
            }
        }
        boolean[] none = new boolean[n];
        System.out.println("overlap baseline (share of the answer's content words in no context):");
        print("AUROC", DetectorScores.of(overlap, none, positive, Double.NaN).auroc(),
                ci(n, overlap, none, positive, DetectorScores::auroc));
        return 0;
    }

    /** {hallucination score, flagged} for a judgment, or null when a verdict failed ({@link JudgedSamples#detection}). */
    static double[] detection(Judgment j) {
        return JudgedSamples.detection(j);
    }

    private Bootstrap.Interval ci(int n, double[] score, boolean[] flagged, boolean[] positive,
                                  ToDoubleFunction<DetectorScores> stat) {
        return Bootstrap.percentile95(n, idx -> {
            double[] s = new double[idx.length];
            boolean[] f = new boolean[idx.length];
            boolean[] p = new boolean[idx.length];
            for (int i = 0; i < idx.length; i++) {
                s[i] = score[idx[i]];
                f[i] = flagged[idx[i]];
                p[i] = positive[idx[i]];
            }
            return stat.applyAsDouble(DetectorScores.of(s, f, p, Double.NaN));
        }, resamples, seed);
    }

    private static void print(String name, double value, Bootstrap.Interval ci) {
        System.out.printf(Locale.ROOT, "  %-18s %.4f  95%% CI [%.4f, %.4f]%s%n", name, value, ci.low(), ci.high(),
                ci.undefined() > 0 ? "  (" + ci.undefined() + " resamples undefined)" : "");
    }
}
