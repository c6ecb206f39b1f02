package dev.plumbline.metrics.rag.local;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The floor every hallucination detector should clear: the share of an answer's content words
 * (stems, stopwords left out) that occur in none of its contexts. No claims, no thresholds, no
 * model; {@code judge-eval} reports its AUROC beside the judge's, so a judge's ranking can be read
 * against plain word overlap on the same samples.
 */
public final class OverlapBaseline {
    private OverlapBaseline() {
    }

    /**
     * @return from 0 (every content word of {@code answer} is in a context) to 1 (none is); 0 for an
     *         answer without content words
     */
    public static double unsupportedShare(String answer, List<String> contexts) {
        Set<String> known = new HashSet<>();
        for (String c : contexts) {
            Tokenizer.tokenize(c).stream().filter(Token::content).forEach(t -> known.add(t.stem()));
        }
        List<Token> words = Tokenizer.tokenize(answer).stream().filter(Token::content).toList();
        return words.isEmpty() ? 0 : words.stream().filter(t -> !known.contains(t.stem())).count() / (double) words.size();
    }
}
