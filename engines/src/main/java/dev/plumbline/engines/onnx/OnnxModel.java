package dev.plumbline.engines.onnx;

import java.util.Map;

/**
 * An ONNX {@code ModelProto}: the header fields this project reports and the main graph.
 *
 * @param irVersion       ONNX IR version
 * @param producerName    e.g. {@code pytorch}
 * @param producerVersion producer's version string
 * @param opsets          operator set version by domain ({@code ""} is the default ONNX domain)
 * @param graph           the main graph
 */
public record OnnxModel(long irVersion, String producerName, String producerVersion, Map<String, Long> opsets,
                        OnnxGraph graph) {
}
