package dev.plumbline.engines.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main graph of an ONNX model: nodes in file order (topological), initializers by name, and
 * the graph's inputs and outputs. Helper lookups connect values to the nodes that produce and
 * consume them.
 */
public final class OnnxGraph {
    private final String name;
    private final List<OnnxNode> nodes;
    private final Map<String, OnnxTensor> initializers;
    private final List<OnnxValueInfo> inputs;
    private final List<OnnxValueInfo> outputs;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers, List<OnnxValueInfo> inputs,
              List<OnnxValueInfo> outputs) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.initializers = Map.copyOf(initializers);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (OnnxNode n : nodes) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /** Graph name. */
    public String name() {
        return name;
    }

    /** Nodes in file order. */
    public List<OnnxNode> nodes() {
        return nodes;
    }

    /** Initializers by name. */
    public Map<String, OnnxTensor> initializers() {
        return initializers;
    }

    /** Graph inputs (initializers excluded, as ONNX IR 4+ writes them). */
    public List<OnnxValueInfo> inputs() {
        return inputs;
    }

    /** Graph outputs. */
    public List<OnnxValueInfo> outputs() {
        return outputs;
    }

    /** Whether a graph input named {@code name} exists and is not an initializer. */
    public boolean hasInput(String name) {
        return inputs.stream().anyMatch(v -> v.name().equals(name)) && !initializers.containsKey(name);
    }

    /** The node whose output is {@code value}, or {@code null} for graph inputs and initializers. */
    public OnnxNode producer(String value) {
        return producers.get(value);
    }

    /** The nodes that read {@code value}, in file order. */
    public List<OnnxNode> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /**
     * The constant behind {@code value}: an initializer, a {@code Constant} node's {@code value}
     * tensor, or either of those seen through {@code Identity} nodes; {@code null} when the value
     * is computed.
     */
    public OnnxTensor constant(String value) {
        String v = value;
        for (int hops = 0; hops < 16; hops++) {
            OnnxTensor init = initializers.get(v);
            if (init != null) {
                return init;
            }
            OnnxNode p = producers.get(v);
            if (p == null) {
                return null;
            }
            if (p.opType().equals("Constant")) {
                OnnxAttribute a = p.attributes().get("value");
                return a == null ? null : a.t();
            }
            if (!p.opType().equals("Identity") || p.inputs().isEmpty()) {
                return null;
            }
            v = p.inputs().getFirst();
        }
        return null;
    }
}
