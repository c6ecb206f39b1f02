package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.RagInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What judging a sample needs from its text, computed once: the claims of the answer and of the
 * reference, each context tokenized and split into sentences, and whether question and answer can
 * be compared for answer relevance. Collecting the texts to embed, judging and fitting all read it.
 *
 * @param input           the sample
 * @param answerClaims    claims of the answer ({@link ClaimSplitter#split})
 * @param referenceClaims claims of the reference, empty without one
 * @param contexts        each context prepared for grounding, in context order
 * @param comparable      question and answer both have a content word (otherwise answer relevance is 0)
 */
record PreparedSample(RagInput input, List<String> answerClaims, List<String> referenceClaims,
                      List<GroundingContext> contexts, boolean comparable) {

    static PreparedSample of(RagInput in) {
        List<GroundingContext> contexts = new ArrayList<>(in.contexts().size());
        for (String c : in.contexts()) {
            contexts.add(GroundingContext.of(c));
        }
        return new PreparedSample(in, ClaimSplitter.split(in.answer()), ClaimSplitter.split(in.reference()),
                contexts, hasContent(in.question()) && hasContent(in.answer()));
    }

    /** Adds every text the embedding mode compares: claims, context sentences, and question and answer. */
    void addTexts(Set<String> texts) {
        texts.addAll(answerClaims);
        texts.addAll(referenceClaims);
        contexts.forEach(c -> texts.addAll(c.sentences()));
        if (comparable) {
            texts.add(input.question());
            texts.add(input.answer());
        }
    }

    private static boolean hasContent(String text) {
        return text != null && Tokenizer.tokenize(text).stream().anyMatch(Token::content);
    }
}
