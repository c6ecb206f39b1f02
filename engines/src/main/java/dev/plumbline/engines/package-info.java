/**
 * Engines: the {@code Engine} SPI, tokenizer, ONNX weight reader, encoder forward pass, Java
 * Vector API kernels, quantized formats, indexes, and the ONNX Runtime and Lucene peers.
 * Texts and vectors in, vectors and ranked ids out; depends on no other Plumbline module.
 * See docs/ARCHITECTURE.md. The first engines arrive with the engines issue.
 */
package dev.plumbline.engines;
