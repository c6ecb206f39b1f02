package dev.plumbline.engines.retrieval;

import java.util.List;

/**
 * The documents a retriever indexes: ids and full texts (title and text as one string, as BEIR's
 * flat indexes and the encoders read them), ordinal i being the i-th document. Ids are needed
 * only where ties are broken as trec_eval breaks them (by id, descending).
 *
 * @param ids   document ids
 * @param texts document texts, same length
 */
public record Corpus(List<String> ids, List<String> texts) {
    /** Copies the lists and checks their lengths. */
    public Corpus {
        ids = List.copyOf(ids);
        texts = List.copyOf(texts);
        if (ids.size() != texts.size()) {
            throw new IllegalArgumentException(ids.size() + " ids but " + texts.size() + " texts");
        }
    }

    /** Number of documents. */
    public int size() {
        return ids.size();
    }
}
