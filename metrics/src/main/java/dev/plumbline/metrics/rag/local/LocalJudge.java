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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The deterministic, offline judge, in two modes.
 *
 * <ul>
 *   <li>Embedding mode ({@code local}, the default): a claim's support by a context combines its
 *       best embedding cosine to one of the context's sentences with the lexical
 *       {@link Grounding}: the larger of content-word coverage and that cosine, blended with
 *       coverage by the embedding weight, minus penalties for missing names and numbers and a
 *       negation mismatch ({@link Grounding#score}). Answer relevance is the cosine of
 *       the question's and the answer's embeddings.</li>
 *   <li>Lexical mode ({@code local-lexical}): support is the lexical grounding alone; answer
 *       relevance is the cosine of content-word counts.</li>
 * </ul>
 *
 * <p>The embedding mode keeps the vectors of recently embedded texts ({@link VectorMemo}), so a
 * context shared by several samples is encoded once even when they are judged one at a time.
 *
 * <p>Claims come from {@link ClaimSplitter}; a claim is supported when its best score over the
 * contexts reaches the threshold. Context relevance is content-word coverage of the reference (or
 * of the question when there is none) in both modes. Non-committal answers get answer relevance 0.
 * The output is a pure function of the input, the {@link LocalJudgeParameters} and the embedding
 * model: same input, same output, on any thread and in any batch.
 */
public final class LocalJudge implements Judge {
    /** Bumped whenever a rule changes, so results from different rules are never compared silently. */
    public static final String VERSION = "2";

    /** Samples whose texts are embedded in one engine call by {@link #judgeAll}: enough to batch well, bounded memory. */
    static final int WINDOW = 256;

    private static final Pattern NONCOMMITTAL = Pattern.compile(
            "(?i)\\b(i\\s+(do\\s*n[o']?t|don't)\\s+know|not\\s+sure|cannot\\s+(answer|determine|say)|can't\\s+"
                    + "(answer|determine|say)|no\\s+(information|idea)|unable\\s+to\\s+(answer|determine|find)|"
                    + "not\\s+(enough|sufficient)\\s+information|unknown)\\b");

    private final LocalJudgeParameters params;
    private final SentenceEmbedder embedder;
    private final VectorMemo memo = new VectorMemo(VectorMemo.DEFAULT_CAPACITY);

    /** The lexical-mode judge with its shipped parameters. */
    public static LocalJudge lexical() {
        return new LocalJudge(LocalJudgeParameters.lexical());
    }

    /** A lexical-mode judge with explicit parameters (the fitting procedure and tests use this). */
    public LocalJudge(LocalJudgeParameters params) {
        this(params, null);
    }

    /**
     * A judge with explicit parameters and, for the embedding mode, the embedder of the model the
     * parameters were fitted for.
     *
     * @param embedder required exactly when {@code params} use embeddings; the judge owns it and
     *                 closes it in {@link #close}
     */
    public LocalJudge(LocalJudgeParameters params, SentenceEmbedder embedder) {
        if (params.usesEmbeddings() && embedder == null) {
            throw new IllegalArgumentException("parameters fitted for embedding model " + params.embeddingModel()
                    + " need an embedder of that model");
        }
        if (!params.usesEmbeddings() && embedder != null) {
            throw new IllegalArgumentException("lexical-mode parameters take no embedder");
        }
        this.params = params;
        this.embedder = embedder;
    }

    @Override
    public JudgeIdentity identity() {
        return embedder == null
                ? new JudgeIdentity("local-lexical", VERSION, "none", "none", params.hash())
                : new JudgeIdentity("local", VERSION, embedder.identity(), "none", params.hash());
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    /** The parameters in use. */
    public LocalJudgeParameters parameters() {
        return params;
    }

    @Override
    public Judgment judge(RagInput input) {
        return judgeAll(List.of(input)).get(0);
    }

    /** Embeds each window's texts in one call, then judges its samples in parallel. */
    @Override
    public List<Judgment> judgeAll(List<RagInput> inputs) {
        List<Judgment> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += WINDOW) {
            List<PreparedSample> window = inputs.subList(from, Math.min(inputs.size(), from + WINDOW)).stream()
                    .map(PreparedSample::of).toList();
            Embeddings e = embed(window);
            out.addAll(window.size() == 1 ? List.of(judge(window.get(0), e))
                    : window.parallelStream().map(p -> judge(p, e)).toList());
        }
        return out;
    }

    /** The support of one claim by the contexts, best context first; public for tests and reports. */
    public ClaimVerdict checkClaim(String claim, List<String> contexts) {
        PreparedSample p = PreparedSample.of(new RagInput("claim", "", "", contexts, null));
        Embeddings e = Embeddings.NONE;
        if (embedder != null) {
            Set<String> texts = new TreeSet<>(Set.of(claim));
            p.addTexts(texts);
            e = Embeddings.of(embedder, texts, memo);
        }
        return verdict(claim, evidence(claim, p.contexts(), e), p.contexts());
    }

    /** Embeddings of every text the samples' judgments compare; {@link Embeddings#NONE} in lexical mode. */
    Embeddings embed(List<PreparedSample> samples) {
        if (embedder == null) {
            return Embeddings.NONE;
        }
        // Sorted, so the engine sees the same list for the same samples (vectors do not depend on it; see SentenceEmbedder).
        Set<String> texts = new TreeSet<>();
        for (PreparedSample p : samples) {
            p.addTexts(texts);
        }
        return Embeddings.of(embedder, texts, memo);
    }

    private Judgment judge(PreparedSample p, Embeddings e) {
        RagInput input = p.input();
        List<ClaimVerdict> answerClaims = checkClaims(p.answerClaims(), p.contexts(), e);
        boolean hasReference = input.reference() != null && !input.reference().isBlank();
        String target = hasReference ? input.reference() : input.question();
        List<Token> targetTokens = Tokenizer.tokenize(target);
        List<ContextVerdict> contexts = new ArrayList<>();
        for (int i = 0; i < p.contexts().size(); i++) {
            double cov = Grounding.check(targetTokens, p.contexts().get(i)).coverage();
            contexts.add(new ContextVerdict(i, cov >= params.contextThreshold() ? Verdict.YES : Verdict.NO, cov,
                    String.format(Locale.ROOT, "covers %.0f%% of the %s's content words", cov * 100,
                            hasReference ? "reference" : "question")));
        }
        List<ClaimVerdict> referenceClaims = checkClaims(p.referenceClaims(), p.contexts(), e);
        double similarity = !p.comparable() ? 0
                : embedder != null ? e.cosine(input.question(), input.answer())
                : lexicalCosine(input.question(), input.answer());
        boolean noncommittal = input.answer() != null && NONCOMMITTAL.matcher(input.answer()).find();
        return new Judgment(answerClaims, contexts, referenceClaims, similarity, noncommittal);
    }

    private List<ClaimVerdict> checkClaims(List<String> claims, List<GroundingContext> contexts, Embeddings e) {
        List<ClaimVerdict> out = new ArrayList<>(claims.size());
        for (String claim : claims) {
            out.add(verdict(claim, evidence(claim, contexts, e), contexts));
        }
        return out;
    }

    /**
     * The evidence for a claim from each context: lexical grounding against the whole context and,
     * in embedding mode, the best cosine to one of its sentences.
     */
    static List<ContextEvidence> evidence(String claim, List<GroundingContext> contexts, Embeddings e) {
        List<Token> tokens = Tokenizer.tokenize(claim);
        List<ContextEvidence> out = new ArrayList<>(contexts.size());
        for (GroundingContext context : contexts) {
            double best = Double.NaN;
            int bestSentence = -1;
            if (e != Embeddings.NONE) {
                best = 0; // a context with no sentence supports nothing
                List<String> sentences = context.sentences();
                for (int s = 0; s < sentences.size(); s++) {
                    double c = e.cosine(claim, sentences.get(s));
                    if (bestSentence < 0 || c > best) {
                        best = c;
                        bestSentence = s;
                    }
                }
            }
            out.add(new ContextEvidence(Grounding.check(tokens, context), best, bestSentence));
        }
        return out;
    }

    private ClaimVerdict verdict(String claim, List<ContextEvidence> evidence, List<GroundingContext> contexts) {
        double best = -1;
        int bestIndex = -1;
        for (int i = 0; i < evidence.size(); i++) {
            double s = evidence.get(i).score(params);
            if (s > best) {
                best = s;
                bestIndex = i;
            }
        }
        if (bestIndex < 0) {
            return new ClaimVerdict(claim, Verdict.NO, -1, 0, "no contexts to support it");
        }
        boolean supported = best >= params.supportThreshold();
        return new ClaimVerdict(claim, supported ? Verdict.YES : Verdict.NO, supported ? bestIndex : -1, best,
                evidence.get(bestIndex).explain(), sentence(claim, evidence.get(bestIndex), contexts.get(bestIndex)));
    }

    /**
     * The sentence of the best context that a claim's score rests on, for reports: the most similar
     * one in embedding mode, else the one sharing most content stems with the claim (first on ties);
     * empty for a context without sentences.
     */
    static String sentence(String claim, ContextEvidence evidence, GroundingContext context) {
        List<String> sentences = context.sentences();
        if (sentences.isEmpty()) {
            return "";
        }
        if (evidence.sentence() >= 0) {
            return sentences.get(evidence.sentence());
        }
        Set<String> stems = new java.util.HashSet<>();
        for (Token t : Tokenizer.tokenize(claim)) {
            if (t.content()) {
                stems.add(t.stem());
            }
        }
        int best = 0;
        long bestShared = -1;
        for (int s = 0; s < sentences.size(); s++) {
            long shared = context.sentenceTokens().get(s).stream().filter(Token::content).map(Token::stem)
                    .distinct().filter(stems::contains).count();
            if (shared > bestShared) {
                best = s;
                bestShared = shared;
            }
        }
        return sentences.get(best);
    }

    /** Cosine of content-word stem counts; 0 when either side has no content word. */
    static double lexicalCosine(String a, String b) {
        Map<String, Integer> ca = counts(a);
        Map<String, Integer> cb = counts(b);
        if (ca.isEmpty() || cb.isEmpty()) {
            return 0;
        }
        if (ca.equals(cb)) {
            return 1; // exactly, where dot / (norm * norm) can round below it
        }
        double dot = 0;
        for (Map.Entry<String, Integer> en : ca.entrySet()) {
            dot += en.getValue() * (double) cb.getOrDefault(en.getKey(), 0);
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
