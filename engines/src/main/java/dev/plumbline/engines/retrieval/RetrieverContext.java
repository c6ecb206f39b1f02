package dev.plumbline.engines.retrieval;

import java.io.IOException;

/**
 * What a retriever's build may use from its caller: the {@link BatchEncoder} (the harness's
 * cache, warm-up and progress) and a way to open other retrievers (a hybrid's parts), so a
 * retriever never knows who runs it.
 *
 * @param encoder bulk text encoding for dense retrievers
 */
public record RetrieverContext(BatchEncoder encoder) {
    /** Encodes directly, no cache. */
    public static final RetrieverContext DIRECT = new RetrieverContext(BatchEncoder.DIRECT);

    /** Opens {@code config} over {@code corpus} through the registry. */
    public Retriever open(RetrieverConfig config, Corpus corpus) throws IOException {
        return Retrievers.open(config, corpus, this);
    }
}
