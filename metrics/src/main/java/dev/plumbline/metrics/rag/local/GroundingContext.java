package dev.plumbline.metrics.rag.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One context as {@link Grounding} reads it, tokenized once however many claims are checked
 * against it: the stems of all its words, and its sentences with their tokens (for the negation
 * check, and as the units the embedding mode compares a claim with).
 *
 * @param stems          stems of every token of the whole context
 * @param sentences      its sentences ({@link ClaimSplitter#sentences})
 * @param sentenceTokens the tokens of each sentence
 */
record GroundingContext(Set<String> stems, List<String> sentences, List<List<Token>> sentenceTokens) {

    static GroundingContext of(String context) {
        Set<String> stems = new HashSet<>();
        for (Token t : Tokenizer.tokenize(context)) {
            stems.add(t.stem());
        }
        List<String> sentences = ClaimSplitter.sentences(context);
        List<List<Token>> tokens = new ArrayList<>(sentences.size());
        for (String s : sentences) {
            tokens.add(Tokenizer.tokenize(s));
        }
        return new GroundingContext(stems, sentences, tokens);
    }
}
