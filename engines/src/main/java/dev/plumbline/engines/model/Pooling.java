package dev.plumbline.engines.model;

/** How token vectors become one sentence vector. */
public enum Pooling {
    /** Mean of the token vectors under the attention mask (sentence-transformers' mean pooling). */
    MEAN,
    /** The first token's vector ({@code [CLS]}). */
    CLS
}
