package dev.plumbline.metrics.rag.cross;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.JudgeIdentity;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.Verdict;
import dev.plumbline.metrics.rag.local.LocalJudge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code local-cross} judge: claim support decided by a trained cross-encoder (a
 * {@link SupportScorer}), which reads claim and context together and so can see a contradiction
 * phrased in the context's own words. Everything else — the claim splitter, context relevance,
 * answer relevance, non-committal answers and the RAG formulas — is the lexical local judge's, so
 * the three local judges differ only in how a claim's support is decided.
 *
 * <p>A claim is supported when its best probability over the contexts reaches the threshold. Its
 * first segment carries the question when the sample has one ({@link #firstSegment}): a QA
 * answer such as "1947" is only a claim together with its question. The output is a pure function
 * of the input, the adapter and the threshold.
 */
public final class CrossJudge implements Judge {
    /** Bumped whenever a rule changes. */
    public static final String VERSION = "1";

    /** Samples whose pairs are scored in one encoder call. */
    static final int WINDOW = 256;

    private final LocalJudge lexical = LocalJudge.lexical();
    private final SupportScorer scorer;
    private final double threshold;
    private final String parametersHash;

    /**
     * @param scorer         the trained model; the judge owns it and closes it
     * @param threshold      probability from which a claim counts as supported
     * @param parametersHash SHA-256 of the adapter and settings, for provenance
     */
    public CrossJudge(SupportScorer scorer, double threshold, String parametersHash) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("the support threshold must be in (0, 1), got " + threshold);
        }
        this.scorer = scorer;
        this.threshold = threshold;
        this.parametersHash = parametersHash;
    }

    /**
     * The text a claim is scored as: {@code question + " " + claim} when there is a question,
     * else the claim. Training and judging both build pairs with this.
     */
    public static String firstSegment(String question, String claim) {
        return question == null || question.isBlank() ? claim : question.strip() + " " + claim;
    }

    @Override
    public JudgeIdentity identity() {
        return new JudgeIdentity("local-cross", VERSION, scorer.identity(), "none", parametersHash);
    }

    @Override
    public Judgment judge(RagInput input) {
        return judgeAll(List.of(input)).get(0);
    }

    @Override
    public List<Judgment> judgeAll(List<RagInput> inputs) {
        List<Judgment> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += WINDOW) {
            List<RagInput> window = inputs.subList(from, Math.min(inputs.size(), from + WINDOW));
            List<Judgment> base = lexical.judgeAll(window);
            // Every distinct (first segment, context) pair of the window, scored in one call.
            Map<List<String>, Integer> pairs = new LinkedHashMap<>();
            for (int i = 0; i < window.size(); i++) {
                RagInput in = window.get(i);
                for (ClaimVerdict c : claims(base.get(i))) {
                    for (String context : in.contexts()) {
                        pairs.putIfAbsent(List.of(firstSegment(in.question(), c.claim()), context), pairs.size());
                    }
                }
            }
            List<String> firsts = new ArrayList<>(pairs.size());
            List<String> contexts = new ArrayList<>(pairs.size());
            pairs.keySet().forEach(p -> {
                firsts.add(p.get(0));
                contexts.add(p.get(1));
            });
            List<SupportScorer.Support> scores = scorer.support(firsts, contexts);
            for (int i = 0; i < window.size(); i++) {
                RagInput in = window.get(i);
                Judgment j = base.get(i);
                out.add(new Judgment(rejudge(j.answerClaims(), in, pairs, scores), j.contexts(),
                        rejudge(j.referenceClaims(), in, pairs, scores), j.answerSimilarity(), j.noncommittal(),
                        j.similarityFailure()));
            }
        }
        return out;
    }

    private static List<ClaimVerdict> claims(Judgment j) {
        List<ClaimVerdict> all = new ArrayList<>(j.answerClaims());
        all.addAll(j.referenceClaims());
        return all;
    }

    private List<ClaimVerdict> rejudge(List<ClaimVerdict> claims, RagInput in, Map<List<String>, Integer> pairs,
                                       List<SupportScorer.Support> scores) {
        List<ClaimVerdict> out = new ArrayList<>(claims.size());
        for (ClaimVerdict c : claims) {
            int best = -1;
            SupportScorer.Support bestSupport = null;
            for (int k = 0; k < in.contexts().size(); k++) {
                SupportScorer.Support s = scores.get(pairs.get(List.of(firstSegment(in.question(), c.claim()),
                        in.contexts().get(k))));
                if (bestSupport == null || s.probability() > bestSupport.probability()) {
                    best = k;
                    bestSupport = s;
                }
            }
            if (bestSupport == null) {
                out.add(new ClaimVerdict(c.claim(), Verdict.NO, -1, 0, "no contexts to support it"));
                continue;
            }
            boolean supported = bestSupport.probability() >= threshold;
            out.add(new ClaimVerdict(c.claim(), supported ? Verdict.YES : Verdict.NO, supported ? best : -1,
                    bestSupport.probability(), String.format(Locale.ROOT,
                    "cross-encoder: supported with probability %.3f by context %d (threshold %.2f)",
                    bestSupport.probability(), best + 1, threshold), bestSupport.window()));
        }
        return out;
    }

    @Override
    public void close() {
        scorer.close();
    }
}
