/**
 * The Chunker stage: {@link dev.plumbline.engines.chunking.Chunker} and its providers found by
 * name through {@link dev.plumbline.engines.chunking.Chunkers} ({@code fixed}, {@code sentence},
 * {@code paragraph}, {@code sliding}, {@code recursive}, {@code semantic}). Texts in, chunks with
 * document ordinals and character offsets out; retrieval over chunks is
 * {@link dev.plumbline.engines.retrieval.ChunkedRetriever}.
 */
package dev.plumbline.engines.chunking;
