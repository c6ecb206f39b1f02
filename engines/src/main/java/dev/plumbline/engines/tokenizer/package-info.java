/**
 * Tokenization for BERT-family encoders: {@link dev.plumbline.engines.tokenizer.WordPieceTokenizer}
 * reads a Hugging Face {@code tokenizer.json} and produces the Hugging Face tokenizer's ids exactly
 * (tested against it on every code point and on real corpora); {@link dev.plumbline.engines.tokenizer.TokenBatch}
 * and {@link dev.plumbline.engines.tokenizer.LengthBuckets} turn encoded texts into padded,
 * length-sorted batches.
 */
package dev.plumbline.engines.tokenizer;
