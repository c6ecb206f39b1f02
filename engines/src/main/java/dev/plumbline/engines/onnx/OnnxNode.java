package dev.plumbline.engines.onnx;

import java.util.List;
import java.util.Map;

/**
 * One graph node ({@code NodeProto}).
 *
 * @param name       node name (may be empty)
 * @param opType     operator, e.g. {@code MatMul}
 * @param domain     operator domain ({@code ""} for the default ONNX domain)
 * @param inputs     input value names, in order ({@code ""} for an omitted optional input)
 * @param outputs    output value names, in order
 * @param attributes attributes by name
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    /** A short description for error messages: op type, name and first output. */
    public String describe() {
        return opType + " node '" + (name.isEmpty() ? "(unnamed)" : name) + "'"
                + (outputs.isEmpty() ? "" : " -> " + outputs.getFirst());
    }
}
