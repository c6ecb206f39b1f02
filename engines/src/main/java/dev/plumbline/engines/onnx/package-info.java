/**
 * A small ONNX reader: {@link dev.plumbline.engines.onnx.OnnxReader} decodes a {@code ModelProto}
 * (nodes, initializers, inputs, outputs; FP32 and INT8 data in raw or typed form) with a hand-written
 * protobuf decoder, and {@link dev.plumbline.engines.onnx.BertOnnxMapper} maps a BERT graph to
 * {@link dev.plumbline.engines.model.BertWeights}. Not an ONNX interpreter.
 */
package dev.plumbline.engines.onnx;
