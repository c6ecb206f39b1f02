package dev.plumbline.engines.onnx;

import java.util.List;

/**
 * A graph input or output ({@code ValueInfoProto}) with its tensor type.
 *
 * @param name     value name, e.g. {@code input_ids}
 * @param elemType element type code ({@link OnnxDataType#code()}), 0 if not given
 * @param dims     each dimension: a number, or the symbolic name (e.g. {@code batch_size}), or {@code ?}
 */
public record OnnxValueInfo(String name, int elemType, List<String> dims) {
}
