/**
 * The {@code onnxruntime} engine: ONNX Runtime's Java API around this project's tokenizer and
 * pooling. {@link dev.plumbline.engines.ort.OrtEncoder} runs one session (last hidden states or
 * pooled vectors); {@link dev.plumbline.engines.ort.OnnxRuntimeEngine} is the {@code Engine};
 * {@link dev.plumbline.engines.ort.OnnxRuntimeProvider} registers it with ServiceLoader.
 */
package dev.plumbline.engines.ort;
