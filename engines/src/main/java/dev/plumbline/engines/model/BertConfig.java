package dev.plumbline.engines.model;

/**
 * Shape of a BERT-family encoder, read from the model file.
 *
 * @param vocabSize        rows of the word embedding table
 * @param hidden           hidden size (384 for MiniLM-L6, BGE-small, E5-small)
 * @param layers           number of transformer layers
 * @param heads            attention heads; {@code hidden % heads == 0}
 * @param intermediate     feed-forward inner size (usually {@code 4 * hidden})
 * @param maxPositions     rows of the position embedding table
 * @param typeVocabSize    rows of the token-type embedding table
 * @param layerNormEpsilon epsilon of every LayerNorm (1e-12 for these models)
 */
public record BertConfig(int vocabSize, int hidden, int layers, int heads, int intermediate,
                         int maxPositions, int typeVocabSize, float layerNormEpsilon) {

    /** Checks the invariants the forward pass relies on. */
    public BertConfig {
        if (vocabSize <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || intermediate <= 0
                || maxPositions <= 0 || typeVocabSize <= 0) {
            throw new IllegalArgumentException("all BERT dimensions must be positive: " + this);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " must be a multiple of heads " + heads);
        }
    }

    /** Size of one attention head. */
    public int headDim() {
        return hidden / heads;
    }
}
