/**
 * Training on the project's own encoder: the first pieces of the trained local hallucination
 * detector (a cross-encoder with LoRA adapters). {@link dev.plumbline.engines.train.Backward}
 * holds the readable double-precision backward pass of every encoder operation (linear layer,
 * GELU, LayerNorm with residual, attention, pooling, softmax cross-entropy), each checked against
 * finite differences; {@link dev.plumbline.engines.train.LoraLinear} a frozen linear layer with a
 * trainable low-rank update; {@link dev.plumbline.engines.train.CrossEncoder} the whole model
 * (frozen BERT weights, LoRA on every attention and feed-forward projection, a classification head)
 * with its forward and backward pass; {@link dev.plumbline.engines.train.AdamW} the optimizer and
 * {@link dev.plumbline.engines.train.Trainer} a seeded, deterministic training loop. Everything is
 * FP64 and single-threaded for now: the reference the fast (kernel-backed) training path will be
 * held to, as the {@code scalar} backend is for inference.
 */
package dev.plumbline.engines.train;
