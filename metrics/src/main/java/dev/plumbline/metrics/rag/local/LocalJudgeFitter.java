package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.stats.DetectorScores;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the local judge's support threshold and penalty weights on labelled samples by grid
 * search, maximizing balanced accuracy of response-level detection (a response is flagged as
 * hallucinated when any of its claims is unsupported, i.e. faithfulness &lt; 1), averaged over
 * the sample groups (datasets) so a large dataset of one answer style cannot outvote a small one
 * of another. Deterministic: the grid is walked in a fixed order and the first best point wins.
 *
 * <p>Grounding evidence does not depend on the parameters, so it is computed once per claim and
 * context and each grid point only re-weighs it. Held-out sets (BEGIN, TruthfulQA) must never be
 * passed here.
 */
public final class LocalJudgeFitter {
    private static final double[] WEIGHTS = {0, 0.25, 0.5, 0.75, 1};

    private LocalJudgeFitter() {
    }

    /**
     * A sample with its label.
     *
     * @param input        the sample
     * @param hallucinated whether its answer contains a hallucination
     * @param group        the dataset it comes from; each group weighs equally in the fit
     */
    public record LabelledSample(RagInput input, boolean hallucinated, String group) {
    }

    /**
     * The result of a fit.
     *
     * @param parameters fitted parameters (context threshold kept from the starting point)
     * @param objective  mean over groups of the balanced accuracy on the training samples
     * @param detection  detection figures of the fitted judge on all training samples pooled
     * @param samples    samples used
     * @param gridPoints grid points evaluated
     */
    public record Fit(LocalJudgeParameters parameters, double objective, DetectorScores detection, int samples,
                      int gridPoints) {
    }

    /** Evidence for one sample: per claim, the grounding against each context. */
    private record Evidence(List<List<Grounding>> claims, boolean hallucinated, String group) {
    }

    /** Fits on the samples, starting from (and keeping the context threshold of) {@code start}. */
    public static Fit fit(List<LabelledSample> samples, LocalJudgeParameters start) {
        List<Evidence> evidence = new ArrayList<>();
        for (LabelledSample s : samples) {
            List<List<Grounding>> claims = new ArrayList<>();
            for (String claim : ClaimSplitter.split(s.input().answer())) {
                List<Grounding> perContext = new ArrayList<>();
                for (String ctx : s.input().contexts()) {
                    perContext.add(Grounding.check(claim, ctx));
                }
                claims.add(perContext);
            }
            evidence.add(new Evidence(claims, s.hallucinated(), s.group()));
        }
        java.util.Map<String, List<Evidence>> groups = new java.util.TreeMap<>();
        for (Evidence e : evidence) {
            groups.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
        }
        LocalJudgeParameters best = start;
        double bestObjective = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (double entity : WEIGHTS) {
            for (double number : WEIGHTS) {
                for (double negation : WEIGHTS) {
                    for (int t = 20; t <= 100; t += 5) {
                        LocalJudgeParameters p = new LocalJudgeParameters(t / 100.0, entity, number, negation,
                                start.contextThreshold());
                        double objective = 0;
                        for (List<Evidence> g : groups.values()) {
                            objective += evaluateEvidence(g, p).balancedAccuracy() / groups.size();
                        }
                        points++;
                        if (objective > bestObjective) {
                            best = p;
                            bestObjective = objective;
                        }
                    }
                }
            }
        }
        return new Fit(best, bestObjective, evaluateEvidence(evidence, best), samples.size(), points);
    }

    /** Detection figures of the judge with parameters {@code p} on labelled samples. */
    public static DetectorScores evaluate(List<LabelledSample> samples, LocalJudgeParameters p) {
        LocalJudge judge = new LocalJudge(p);
        double[] weakest = new double[samples.size()];
        boolean[] labels = new boolean[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            weakest[i] = weakestSupport(judge, samples.get(i).input());
            labels[i] = samples.get(i).hallucinated();
        }
        return detection(weakest, labels, p);
    }

    /**
     * The judge's response-level hallucination score in [0, 1]: one minus the weakest claim's best
     * support. A response with no claims scores 0 (nothing asserted, nothing hallucinated).
     */
    public static double hallucinationScore(LocalJudge judge, RagInput input) {
        return 1 - weakestSupport(judge, input);
    }

    private static double weakestSupport(LocalJudge judge, RagInput input) {
        double weakest = 1;
        for (String claim : ClaimSplitter.split(input.answer())) {
            weakest = Math.min(weakest, judge.checkClaim(claim, input.contexts()).score());
        }
        return weakest;
    }

    /** Flags a sample exactly when the judge calls some claim unsupported (support below the threshold). */
    private static DetectorScores detection(double[] weakest, boolean[] labels, LocalJudgeParameters p) {
        double[] scores = new double[weakest.length];
        boolean[] flagged = new boolean[weakest.length];
        for (int i = 0; i < weakest.length; i++) {
            scores[i] = 1 - weakest[i];
            flagged[i] = weakest[i] < p.supportThreshold();
        }
        return DetectorScores.of(scores, flagged, labels, p.supportThreshold());
    }

    private static DetectorScores evaluateEvidence(List<Evidence> evidence, LocalJudgeParameters p) {
        double[] weakest = new double[evidence.size()];
        boolean[] labels = new boolean[evidence.size()];
        for (int i = 0; i < evidence.size(); i++) {
            double w = 1;
            for (List<Grounding> perContext : evidence.get(i).claims()) {
                double best = perContext.isEmpty() ? 0 : -1;
                for (Grounding g : perContext) {
                    best = Math.max(best, g.score(p));
                }
                w = Math.min(w, best);
            }
            weakest[i] = w;
            labels[i] = evidence.get(i).hallucinated();
        }
        return detection(weakest, labels, p);
    }
}
