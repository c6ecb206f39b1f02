package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.stats.DetectorScores;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Fits the local judge's support threshold, penalty weights and (in embedding mode) embedding
 * weight on labelled samples by grid search, maximizing balanced accuracy of response-level
 * detection (a response is flagged as hallucinated when any of its claims is unsupported, i.e.
 * faithfulness &lt; 1), averaged over the sample groups (datasets) so a large dataset of one
 * answer style cannot outvote a small one of another. Deterministic: the grid is walked in a fixed
 * order and the first best point wins.
 *
 * <p>The evidence (lexical grounding and embedding similarity per claim and context) does not
 * depend on the parameters, so it is computed once and each grid point only re-weighs it. Held-out
 * sets (BEGIN, TruthfulQA) must never be passed here.
 */
public final class LocalJudgeFitter {
    private static final double[] WEIGHTS = {0, 0.25, 0.5, 0.75, 1};
    private static final double[] NO_EMBEDDING = {0};

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
     * @param parameters fitted parameters (context threshold and embedding model kept from the starting point)
     * @param objective  mean over groups of the balanced accuracy on the training samples
     * @param detection  detection figures of the fitted judge on all training samples pooled
     * @param samples    samples used
     * @param gridPoints grid points evaluated
     */
    public record Fit(LocalJudgeParameters parameters, double objective, DetectorScores detection, int samples,
                      int gridPoints) {
    }

    /** Evidence for one sample: per claim, the evidence from each context. */
    private record Evidence(List<List<ContextEvidence>> claims, boolean hallucinated, String group) {
    }

    /**
     * Fits on the samples, starting from {@code judge}'s parameters (keeping their context
     * threshold and embedding model) and using its embedder. The caller keeps ownership of the judge.
     */
    public static Fit fit(List<LabelledSample> samples, LocalJudge judge) {
        LocalJudgeParameters start = judge.parameters();
        List<Evidence> evidence = evidence(samples, judge);
        Map<String, List<Evidence>> groups = new TreeMap<>();
        for (Evidence e : evidence) {
            groups.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
        }
        LocalJudgeParameters best = start;
        double bestObjective = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (double embedding : start.usesEmbeddings() ? WEIGHTS : NO_EMBEDDING) {
            for (double entity : WEIGHTS) {
                for (double number : WEIGHTS) {
                    for (double negation : WEIGHTS) {
                        for (int t = 20; t <= 100; t += 5) {
                            LocalJudgeParameters p = start.withWeights(t / 100.0, entity, number, negation, embedding);
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
        }
        return new Fit(best, bestObjective, evaluateEvidence(evidence, best), samples.size(), points);
    }

    /** Detection figures of {@code judge} on labelled samples, by running the judge itself. */
    public static DetectorScores evaluate(List<LabelledSample> samples, LocalJudge judge) {
        List<Judgment> judgments = judge.judgeAll(samples.stream().map(LabelledSample::input).toList());
        double[] weakest = new double[samples.size()];
        boolean[] labels = new boolean[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            double w = 1;
            for (ClaimVerdict c : judgments.get(i).answerClaims()) {
                w = Math.min(w, c.score());
            }
            weakest[i] = w;
            labels[i] = samples.get(i).hallucinated();
        }
        return detection(weakest, labels, judge.parameters());
    }

    private static List<Evidence> evidence(List<LabelledSample> samples, LocalJudge judge) {
        List<Evidence> out = new ArrayList<>(samples.size());
        // Windows as in LocalJudge.judgeAll: one embedding call per window, memory bounded.
        for (int from = 0; from < samples.size(); from += LocalJudge.WINDOW) {
            List<LabelledSample> window = samples.subList(from, Math.min(samples.size(), from + LocalJudge.WINDOW));
            List<PreparedSample> prepared = window.stream().map(s -> PreparedSample.of(s.input())).toList();
            Embeddings e = judge.embed(prepared);
            out.addAll(IntStream.range(0, window.size()).parallel().mapToObj(i -> {
                PreparedSample p = prepared.get(i);
                List<List<ContextEvidence>> claims = new ArrayList<>();
                for (String claim : p.answerClaims()) {
                    claims.add(LocalJudge.evidence(claim, p.contexts(), e));
                }
                return new Evidence(claims, window.get(i).hallucinated(), window.get(i).group());
            }).toList());
        }
        return out;
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

    /** What {@link #evaluate} gives, from precomputed evidence: the weakest claim's best score per sample. */
    private static DetectorScores evaluateEvidence(List<Evidence> evidence, LocalJudgeParameters p) {
        double[] weakest = new double[evidence.size()];
        boolean[] labels = new boolean[evidence.size()];
        for (int i = 0; i < evidence.size(); i++) {
            double w = 1;
            for (List<ContextEvidence> perContext : evidence.get(i).claims()) {
                double best = perContext.isEmpty() ? 0 : -1;
                for (ContextEvidence g : perContext) {
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
