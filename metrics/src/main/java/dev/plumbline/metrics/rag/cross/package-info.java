/**
 * The trained local judge ({@code local-cross}): claim support from a cross-encoder fine-tuned with
 * LoRA on the project's own encoder, behind the {@link dev.plumbline.metrics.rag.cross.SupportScorer}
 * interface (the harness implements it on the engines' {@code CrossEncoderScorer}).
 */
package dev.plumbline.metrics.rag.cross;
