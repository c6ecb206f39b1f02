package dev.plumbline.engines.encoder;

/** How a sequence's last hidden states become one vector. */
public enum Pooling {
    /** Mean over the real tokens, {@code [CLS]} and {@code [SEP]} included (sentence-transformers). */
    MEAN,
    /** The hidden state of the first token, {@code [CLS]} (BGE). */
    CLS
}
