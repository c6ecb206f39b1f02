/**
 * The Retriever stage: {@link dev.plumbline.engines.retrieval.Retriever} and its providers found
 * by name through {@link dev.plumbline.engines.retrieval.Retrievers} ({@code dense}, {@code bm25},
 * {@code hybrid}), and {@link dev.plumbline.engines.retrieval.Fusion}, which a hybrid applies.
 * Texts and vectors in, ranked corpus ordinals out; nothing here knows datasets or results.
 */
package dev.plumbline.engines.retrieval;
