package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.ContextVerdict;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.JudgeIdentity;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The deterministic, offline judge (lexical mode). Claims come from {@link ClaimSplitter}; a
 * claim is supported when its best {@link Grounding} score over the contexts reaches the
 * threshold. Context relevance is content-word coverage of the reference answer (or of the
 * question when there is none); answer relevance is the cosine of content-word counts of question
 * and answer, zeroed for non-committal answers. Pure functions of the input and
 * {@link LocalJudgeParameters}: same input, same output, on any thread.
 */
public final class LocalJudge implements Judge {
    /** Bumped whenever a rule changes, so results from different rules are never compared silently. */
    public static final String VERSION = "lexical-1";

    private static final Pattern NONCOMMITTAL = Pattern.compile(
            "(?i)\\b(i\\s+(do\\s*n[o']?t|don't)\\s+know|not\\s+sure|cannot\\s+(answer|determine|say)|can't\\s+"
                    + "(answer|determine|say)|no\\s+(information|idea)|unable\\s+to\\s+(answer|determine|find)|"
                    + "not\\s+(enough|sufficient)\\s+information|unknown)\\b");

    private final LocalJudgeParameters params;

    /** A judge with the shipped parameters. */
    public LocalJudge() {
        this(LocalJudgeParameters.shipped());
    }

    /** A judge with explicit parameters (the fitting procedure uses this). */
    public LocalJudge(LocalJudgeParameters params) {
        this.params = params;
    }

    @Override
    public JudgeIdentity identity() {
        return new JudgeIdentity("local", VERSION, "none", "none", params.hash());
    }

    /** The parameters in use. */
    public LocalJudgeParameters parameters() {
        return params;
    }

    @Override
    public Judgment judge(RagInput input) {
        List<ClaimVerdict> answerClaims = checkClaims(input.answer(), input.contexts());
        boolean hasReference = input.reference() != null && !input.reference().isBlank();
        String target = hasReference ? input.reference() : input.question();
        List<ContextVerdict> contexts = new ArrayList<>();
        for (int i = 0; i < input.contexts().size(); i++) {
            double cov = Grounding.check(target, input.contexts().get(i)).coverage();
            contexts.add(new ContextVerdict(i, cov >= params.contextThreshold() ? Verdict.YES : Verdict.NO, cov,
                    String.format(java.util.Locale.ROOT, "covers %.0f%% of the %s's content words", cov * 100,
                            hasReference ? "reference" : "question")));
        }
        List<ClaimVerdict> referenceClaims = input.reference() == null ? List.of()
                : checkClaims(input.reference(), input.contexts());
        double similarity = cosine(input.question(), input.answer());
        boolean noncommittal = input.answer() != null && NONCOMMITTAL.matcher(input.answer()).find();
        return new Judgment(answerClaims, contexts, referenceClaims, similarity, noncommittal);
    }

    /** The support score of one claim against the contexts, best context first; public for the fitting procedure. */
    public ClaimVerdict checkClaim(String claim, List<String> contexts) {
        double best = -1;
        int bestIndex = -1;
        Grounding bestEvidence = null;
        for (int i = 0; i < contexts.size(); i++) {
            Grounding g = Grounding.check(claim, contexts.get(i));
            double s = g.score(params);
            if (s > best) {
                best = s;
                bestIndex = i;
                bestEvidence = g;
            }
        }
        if (bestEvidence == null) {
            return new ClaimVerdict(claim, Verdict.NO, -1, 0, "no contexts to support it");
        }
        boolean supported = best >= params.supportThreshold();
        return new ClaimVerdict(claim, supported ? Verdict.YES : Verdict.NO, supported ? bestIndex : -1, best,
                bestEvidence.explain());
    }

    private List<ClaimVerdict> checkClaims(String text, List<String> contexts) {
        List<ClaimVerdict> out = new ArrayList<>();
        for (String claim : ClaimSplitter.split(text)) {
            out.add(checkClaim(claim, contexts));
        }
        return out;
    }

    /** Cosine of content-word stem counts; 0 when either side has no content word. */
    static double cosine(String a, String b) {
        Map<String, Integer> ca = counts(a);
        Map<String, Integer> cb = counts(b);
        if (ca.isEmpty() || cb.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (Map.Entry<String, Integer> e : ca.entrySet()) {
            dot += e.getValue() * (double) cb.getOrDefault(e.getKey(), 0);
        }
        return dot / (norm(ca) * norm(cb));
    }

    private static Map<String, Integer> counts(String text) {
        Map<String, Integer> m = new HashMap<>();
        if (text != null) {
            for (Token t : Tokenizer.tokenize(text)) {
                if (t.content()) {
                    m.merge(t.stem(), 1, Integer::sum);
                }
            }
        }
        return m;
    }

    private static double norm(Map<String, Integer> m) {
        double s = 0;
        for (int v : m.values()) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
