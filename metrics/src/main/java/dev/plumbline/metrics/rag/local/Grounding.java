package dev.plumbline.metrics.rag.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lexical evidence that a claim is grounded in a context: how much of the claim's content the
 * context covers, and the specific facts embeddings tend to miss — numbers and names in the claim
 * that the context does not contain, and a negation present on one side only.
 *
 * @param coverage         share of the claim's content words (by stem) found in the context, in [0, 1]
 * @param missingNumbers   numbers of the claim absent from the context
 * @param missingEntities  capitalized names of the claim absent from the context
 * @param entities         capitalized names in the claim
 * @param negationMismatch the claim is negated and the context sentence sharing most content words with it
 *                         is not, or the reverse (in embedding mode the sentence cited for similarity may
 *                         be another one)
 */
public record Grounding(double coverage, List<String> missingNumbers, List<String> missingEntities, int entities,
                        boolean negationMismatch) {

    /** Checks a claim against one context. */
    public static Grounding check(String claim, String context) {
        return check(Tokenizer.tokenize(claim), GroundingContext.of(context));
    }

    /** Checks a tokenized claim against a context tokenized once for all its claims. */
    static Grounding check(List<Token> claim, GroundingContext context) {
        Set<String> ctxStems = context.stems();
        Set<String> content = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        boolean claimNegated = false;
        for (Token t : claim) {
            if (t.negation()) {
                claimNegated = true;
            }
            if (t.content() && !t.negation()) {
                content.add(t.stem());
            }
            if (t.number()) {
                numbers.add(t.norm());
            }
            if (t.capitalized()) {
                names.add(t.stem());
            }
        }
        int covered = 0;
        for (String s : content) {
            if (ctxStems.contains(s)) {
                covered++;
            }
        }
        double coverage = content.isEmpty() ? 1 : (double) covered / content.size();
        List<String> missingNumbers = new ArrayList<>();
        for (String n : numbers) {
            if (!ctxStems.contains(n)) {
                missingNumbers.add(n);
            }
        }
        List<String> missingEntities = new ArrayList<>();
        for (String e : names) {
            if (!ctxStems.contains(e)) {
                missingEntities.add(e);
            }
        }
        boolean mismatch = claimNegated != bestSentenceNegated(content, context);
        return new Grounding(coverage, missingNumbers, missingEntities, names.size(), mismatch);
    }

    /** Whether the context sentence sharing most content with the claim contains a negation. */
    private static boolean bestSentenceNegated(Set<String> claimContent, GroundingContext context) {
        int best = -1;
        boolean negated = false;
        for (List<Token> sentence : context.sentenceTokens()) {
            int overlap = 0;
            boolean neg = false;
            for (Token t : sentence) {
                if (t.negation()) {
                    neg = true;
                } else if (claimContent.contains(t.stem())) {
                    overlap++;
                }
            }
            if (overlap > best) {
                best = overlap;
                negated = neg;
            }
        }
        return negated;
    }

    /**
     * The support score under the given weights, in [0, 1]. The base is lexical coverage; in
     * embedding mode it is {@code (1 − w)·coverage + w·max(coverage, similarity)} with {@code w}
     * the embedding weight, so a claim whose meaning is close to a context sentence is supported
     * even when it shares few words with it (a paraphrase), while close wording still counts when
     * the embedding misses it. Penalties for missing names and numbers and a negation mismatch are
     * then subtracted, and the result clamped to [0, 1]: embeddings are poor at telling 1932 from
     * 1934, so those checks stay lexical.
     *
     * @param similarity the claim's best cosine to a sentence of the context, NaN in lexical mode
     */
    public double score(LocalJudgeParameters p, double similarity) {
        double s = coverage;
        if (p.embeddingWeight() > 0) {
            if (Double.isNaN(similarity)) {
                throw new IllegalArgumentException("parameters weigh embedding similarity but none was given");
            }
            s = (1 - p.embeddingWeight()) * coverage + p.embeddingWeight() * Math.max(coverage, similarity);
        }
        if (entities > 0) {
            s -= p.entityWeight() * missingEntities.size() / entities;
        }
        if (!missingNumbers.isEmpty()) {
            s -= p.numberWeight();
        }
        if (negationMismatch) {
            s -= p.negationWeight();
        }
        return Math.max(0, Math.min(1, s));
    }

    /** A few words saying what weakened the support, for reports. */
    public String explain() {
        List<String> parts = new ArrayList<>();
        parts.add(String.format(java.util.Locale.ROOT, "%.0f%% of content words found", coverage * 100));
        if (!missingNumbers.isEmpty()) {
            parts.add("numbers not in context: " + String.join(", ", missingNumbers));
        }
        if (!missingEntities.isEmpty()) {
            parts.add("names not in context: " + String.join(", ", missingEntities));
        }
        if (negationMismatch) {
            parts.add("negation differs from the context");
        }
        return String.join("; ", parts);
    }
}
