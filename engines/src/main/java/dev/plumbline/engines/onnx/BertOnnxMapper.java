package dev.plumbline.engines.onnx;

import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the graph of a BERT-family encoder exported from PyTorch (torch.onnx, Optimum, the
 * Xenova/sentence-transformers exports) to {@link BertWeights}. Exporters name the weights of
 * linear layers anonymously ({@code onnx::MatMul_787}), so each weight is identified by the node
 * that consumes it, and that node by the scope in its output name
 * ({@code /encoder/layer.0/attention/self/query/MatMul_output_0}). LayerNorm may be one
 * {@code LayerNormalization} node or the decomposed ReduceMean/Sub/Pow/Sqrt/Div/Mul/Add chain.
 * Shapes, head count and LayerNorm epsilon are read from the graph. This is not an ONNX
 * interpreter: a graph that does not have this structure is rejected with the list of what is missing.
 */
public final class BertOnnxMapper {
    /** Scope suffix of each per-layer part; the layer index is group 1 of {@link #LAYER}. */
    private static final List<String> LAYER_PARTS = List.of("attention/self/query", "attention/self/key",
            "attention/self/value", "attention/output/dense", "attention/output/LayerNorm", "intermediate/dense",
            "output/dense", "output/LayerNorm");
    private static final Pattern LAYER = Pattern.compile("^(?:.*/)?encoder/layer\\.(\\d+)/(" + String.join("|", LAYER_PARTS) + ")$");
    private static final Pattern EMBEDDINGS = Pattern.compile(
            "^(?:.*/)?embeddings/(word_embeddings|position_embeddings|token_type_embeddings|LayerNorm)$");
    private static final Pattern SELF_ATTENTION = Pattern.compile("^(?:.*/)?encoder/layer\\.0/attention/self$");
    private static final String SUPPORTED = "supported: BERT-family encoders exported from PyTorch whose node outputs"
            + " carry module scopes such as /encoder/layer.0/attention/self/query/MatMul_output_0";

    private final OnnxGraph graph;
    /** Reading an int8 export: MatMulInteger layers and dequantized embedding tables are expected. */
    private final boolean int8;
    private final List<String> missing = new ArrayList<>();
    /** Nodes grouped by scope, e.g. "embeddings/LayerNorm" or "3 attention/self/query". */
    private final Map<String, List<OnnxNode>> scopes = new TreeMap<>();
    private final List<OnnxNode> selfAttention0 = new ArrayList<>();
    private final List<Float> epsilons = new ArrayList<>();

    private BertOnnxMapper(OnnxGraph graph, boolean int8) {
        this.graph = graph;
        this.int8 = int8;
        for (OnnxNode n : graph.nodes()) {
            String scope = scopeOf(n);
            Matcher m = LAYER.matcher(scope);
            if (m.matches()) {
                scopes.computeIfAbsent(m.group(1) + " " + m.group(2), k -> new ArrayList<>()).add(n);
                continue;
            }
            m = EMBEDDINGS.matcher(scope);
            if (m.matches()) {
                scopes.computeIfAbsent("embeddings/" + m.group(1), k -> new ArrayList<>()).add(n);
                continue;
            }
            if (SELF_ATTENTION.matcher(scope).matches()) {
                selfAttention0.add(n);
            }
        }
    }

    /**
     * Maps {@code model}'s graph to typed FP32 weights.
     *
     * @throws OnnxFormatException listing every missing or unsupported part
     */
    public static BertWeights map(OnnxModel model) {
        return new BertOnnxMapper(model.graph(), false).map();
    }

    /** Whether {@code model} is an int8 export (MatMulInteger, QLinear or DynamicQuantizeLinear nodes). */
    public static boolean isQuantized(OnnxModel model) {
        return model.graph().nodes().stream().anyMatch(BertOnnxMapper::isQuantizedOp);
    }

    /**
     * Maps an ONNX Runtime dynamic int8 export ({@code DynamicQuantizeLinear} → {@code MatMulInteger}
     * → {@code Cast} → {@code Mul} by activation × weight scale → {@code Add} bias, weights symmetric
     * s8 per output column; embedding tables through {@code DequantizeLinear}): every linear layer's
     * codes and scales as shipped in {@link BertWeights#quantized()}, the same weights dequantized in
     * {@link BertWeights#layers()}, the embedding tables dequantized to FP32.
     *
     * @throws OnnxFormatException listing every missing or unsupported part
     */
    public static BertWeights mapInt8(OnnxModel model) {
        return new BertOnnxMapper(model.graph(), true).map();
    }

    private static boolean isQuantizedOp(OnnxNode n) {
        return n.opType().equals("MatMulInteger") || n.opType().startsWith("QLinear")
                || n.opType().equals("DynamicQuantizeLinear");
    }

    private BertWeights map() {
        if (!int8) {
            rejectQuantized();
        }
        float[][] word = embedding("word_embeddings");
        float[][] pos = embedding("position_embeddings");
        float[][] type = embedding("token_type_embeddings");
        int layerCount = layerCount();
        if (word == null || pos == null || type == null || layerCount == 0) {
            if (layerCount == 0) {
                missing.add("encoder layers (no nodes scoped encoder/layer.N/...)");
            }
            throw failure();
        }
        int vocab = (int) word[1][0];
        int hidden = (int) word[1][1];
        float[][] embLn = layerNorm("embeddings/LayerNorm", hidden);
        List<BertWeights.Layer> layers = new ArrayList<>();
        List<BertWeights.QuantizedLayer> quantized = new ArrayList<>();
        int intermediate = -1;
        for (int l = 0; l < layerCount; l++) {
            Dense q = dense(l, "attention/self/query", hidden, hidden);
            Dense k = dense(l, "attention/self/key", hidden, hidden);
            Dense v = dense(l, "attention/self/value", hidden, hidden);
            Dense o = dense(l, "attention/output/dense", hidden, hidden);
            float[][] ln1 = layerNorm(l + " attention/output/LayerNorm", hidden);
            Dense up = dense(l, "intermediate/dense", hidden, -1);
            if (up != null) {
                intermediate = intermediate < 0 ? up.out : intermediate;
            }
            Dense down = dense(l, "output/dense", intermediate, hidden);
            float[][] ln2 = layerNorm(l + " output/LayerNorm", hidden);
            if (q != null && k != null && v != null && o != null && ln1 != null && up != null && down != null && ln2 != null) {
                layers.add(new BertWeights.Layer(q.w, q.b, k.w, k.b, v.w, v.b, o.w, o.b, ln1[0], ln1[1],
                        up.w, up.b, down.w, down.b, ln2[0], ln2[1]));
                if (int8) {
                    quantized.add(new BertWeights.QuantizedLayer(q.codes, k.codes, v.codes, o.codes, up.codes,
                            down.codes));
                }
            }
        }
        int heads = heads(hidden);
        requireExactGelu();
        if (!graph.hasInput("input_ids")) {
            missing.add("graph input 'input_ids'");
        }
        float epsilon = epsilon();
        if (!missing.isEmpty() || embLn == null) {
            throw failure();
        }
        if (pos[1][1] != hidden || type[1][1] != hidden) {
            throw new OnnxFormatException("embedding widths differ: word " + hidden + ", position " + (long) pos[1][1]
                    + ", token type " + (long) type[1][1]);
        }
        BertConfig config = new BertConfig(vocab, hidden, layerCount, heads, intermediate, (int) pos[1][0],
                (int) type[1][0], epsilon);
        return new BertWeights(config, word[0], pos[0], type[0], embLn[0], embLn[1], List.copyOf(layers),
                List.copyOf(quantized));
    }

    /** A quantized export has MatMulInteger or QLinear nodes in place of the FP32 MatMuls. */
    private void rejectQuantized() {
        for (OnnxNode n : graph.nodes()) {
            if (isQuantizedOp(n)) {
                throw new OnnxFormatException("quantized graph (" + n.describe() + "): BertWeights holds FP32 weights;"
                        + " run it with --engine onnxruntime, or run the FP32 model on a quantized engine (--engine native-int8)");
            }
        }
    }

    /** {@code {data, {rows, cols}}} of the table a Gather in {@code embeddings/<name>} reads, or null. */
    private float[][] embedding(String name) {
        for (OnnxNode n : scopes.getOrDefault("embeddings/" + name, List.of())) {
            if (n.opType().equals("Gather") && !n.inputs().isEmpty()) {
                OnnxTensor t = graph.constant(n.inputs().getFirst());
                if (t != null && t.rank() == 2) {
                    if (int8 && (t.dataType() == OnnxDataType.INT8 || t.dataType() == OnnxDataType.UINT8)) {
                        float[] table = dequantizedTable(n, t, name);
                        return table == null ? null : new float[][] {table, {t.dim(0), t.dim(1)}};
                    }
                    return new float[][] {t.floats(), {t.dim(0), t.dim(1)}};
                }
            }
        }
        missing.add("embeddings/" + name + " (a Gather node reading a 2-D constant table)");
        return null;
    }

    /**
     * An int8 embedding table read through the {@code DequantizeLinear} after its Gather:
     * {@code (q − zero) · scale}, per tensor.
     */
    private float[] dequantizedTable(OnnxNode gather, OnnxTensor t, String name) {
        for (OnnxNode d : graph.consumers(gather.outputs().getFirst())) {
            if (d.opType().equals("DequantizeLinear") && d.inputs().size() >= 2) {
                OnnxTensor scale = graph.constant(d.inputs().get(1));
                OnnxTensor zero = d.inputs().size() > 2 ? graph.constant(d.inputs().get(2)) : null;
                if (scale != null && scale.elementCount() == 1) {
                    float sc = scale.floats()[0];
                    boolean unsigned = t.dataType() == OnnxDataType.UINT8;
                    int zp = zero == null ? 0 : unsigned ? zero.int8s()[0] & 0xFF : zero.int8s()[0];
                    byte[] q = t.int8s();
                    float[] out = new float[q.length];
                    for (int i = 0; i < q.length; i++) {
                        out[i] = ((unsigned ? q[i] & 0xFF : q[i]) - zp) * sc;
                    }
                    return out;
                }
            }
        }
        missing.add("embeddings/" + name + " int8 table's DequantizeLinear with a per-tensor scale");
        return null;
    }

    private int layerCount() {
        int max = -1;
        for (String key : scopes.keySet()) {
            if (Character.isDigit(key.charAt(0))) {
                max = Math.max(max, Integer.parseInt(key.substring(0, key.indexOf(' '))));
            }
        }
        return max + 1;
    }

    /** A linear layer: weight {@code [in × out]} and bias {@code [out]}; int8 codes when shipped so. */
    private record Dense(float[] w, float[] b, int in, int out, BertWeights.QuantizedMatrix codes) {
    }

    /**
     * The MatMul weight and bias of {@code layer}'s {@code part}; {@code in}/{@code out} of -1 are
     * read from the weight, others are checked against it.
     */
    private Dense dense(int layer, String part, int in, int out) {
        String where = "encoder layer " + layer + " " + part;
        List<OnnxNode> nodes = scopes.getOrDefault(layer + " " + part, List.of());
        if (int8) {
            return int8Dense(where, nodes, in, out);
        }
        OnnxNode matMul = null;
        OnnxTensor w = null;
        for (OnnxNode n : nodes) {
            if (n.opType().equals("MatMul") && n.inputs().size() == 2) {
                OnnxTensor t = graph.constant(n.inputs().get(1));
                if (t != null && t.rank() == 2) {
                    matMul = n;
                    w = t;
                    break;
                }
            }
        }
        if (w == null) {
            missing.add(where + " MatMul weight (a MatMul whose second input is a 2-D constant)");
            return null;
        }
        if ((in >= 0 && w.dim(0) != in) || (out >= 0 && w.dim(1) != out)) {
            missing.add(where + " weight of shape [" + (in < 0 ? "?" : in) + ", " + (out < 0 ? "?" : out) + "], found "
                    + w.shape());
            return null;
        }
        int outDim = (int) w.dim(1);
        String product = matMul.outputs().getFirst();
        for (OnnxNode n : graph.consumers(product)) {
            if (n.opType().equals("Add") && n.inputs().size() == 2) {
                String other = n.inputs().get(0).equals(product) ? n.inputs().get(1) : n.inputs().get(0);
                OnnxTensor b = graph.constant(other);
                if (b != null && b.rank() == 1 && b.dim(0) == outDim) {
                    return new Dense(w.floats(), b.floats(), (int) w.dim(0), outDim, null);
                }
            }
        }
        missing.add(where + " bias (an Add of the MatMul output and a constant of length " + outDim + ")");
        return null;
    }

    /**
     * An int8 linear layer: {@code MatMulInteger(x_q, W, x_zero, W_zero)} with W a constant
     * {@code [in × out]} INT8 and W_zero all 0, then {@code Cast}, then {@code Mul} by
     * {@code x_scale · w_scale} (w_scale a constant of length out, or one value), then the bias Add.
     */
    private Dense int8Dense(String where, List<OnnxNode> nodes, int in, int out) {
        for (OnnxNode n : nodes) {
            if (!n.opType().equals("MatMulInteger") || n.inputs().size() < 2) {
                continue;
            }
            OnnxTensor w = graph.constant(n.inputs().get(1));
            if (w == null || w.rank() != 2 || w.dataType() != OnnxDataType.INT8) {
                missing.add(where + " MatMulInteger weight (a 2-D INT8 constant)");
                return null;
            }
            if ((in >= 0 && w.dim(0) != in) || (out >= 0 && w.dim(1) != out)) {
                missing.add(where + " weight of shape [" + (in < 0 ? "?" : in) + ", " + (out < 0 ? "?" : out)
                        + "], found " + w.shape());
                return null;
            }
            int k = (int) w.dim(0);
            int n2 = (int) w.dim(1);
            OnnxTensor wZero = n.inputs().size() > 3 ? graph.constant(n.inputs().get(3)) : null;
            if (wZero != null) {
                for (byte z : wZero.int8s()) {
                    if (z != 0) {
                        missing.add(where + " symmetric int8 weights (zero point 0; found " + z + ")");
                        return null;
                    }
                }
            }
            byte[] codes = w.int8s();
            for (byte c : codes) {
                if (c == Byte.MIN_VALUE) {
                    missing.add(where + " int8 weights in [-127, 127] (found -128)");
                    return null;
                }
            }
            OnnxNode mul = null;
            for (OnnxNode cast : graph.consumers(n.outputs().getFirst())) {
                if (cast.opType().equals("Cast")) {
                    for (OnnxNode m : graph.consumers(cast.outputs().getFirst())) {
                        if (m.opType().equals("Mul") && m.inputs().size() == 2) {
                            mul = m;
                        }
                    }
                }
            }
            float[] scales = mul == null ? null : weightScales(mul, n2);
            if (scales == null) {
                missing.add(where + " dequantizing Mul by activation scale x weight scale after MatMulInteger");
                return null;
            }
            float[] bias = null;
            for (OnnxNode a : graph.consumers(mul.outputs().getFirst())) {
                if (a.opType().equals("Add") && a.inputs().size() == 2) {
                    String other = a.inputs().get(0).equals(mul.outputs().getFirst()) ? a.inputs().get(1) : a.inputs().get(0);
                    OnnxTensor b = graph.constant(other);
                    if (b != null && b.rank() == 1 && b.dim(0) == n2) {
                        bias = b.floats();
                    }
                }
            }
            if (bias == null) {
                missing.add(where + " bias (an Add of the dequantized product and a constant of length " + n2 + ")");
                return null;
            }
            float[] dequantized = new float[codes.length];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n2; j++) {
                    dequantized[p * n2 + j] = codes[p * n2 + j] * scales[j];
                }
            }
            return new Dense(dequantized, bias, k, n2, new BertWeights.QuantizedMatrix(codes, scales));
        }
        missing.add(where + " MatMulInteger (an int8 linear layer)");
        return null;
    }

    /** The weight scales, per column, of the {@code x_scale · w_scale} input of a dequantizing Mul. */
    private float[] weightScales(OnnxNode mul, int n) {
        for (String input : mul.inputs()) {
            OnnxNode producer = graph.producer(input);
            if (producer == null || !producer.opType().equals("Mul")) {
                continue;
            }
            for (String factor : producer.inputs()) {
                OnnxTensor t = graph.constant(factor);
                if (t != null && t.dataType() == OnnxDataType.FLOAT && (t.elementCount() == n || t.elementCount() == 1)) {
                    float[] v = t.floats();
                    float[] scales = new float[n];
                    for (int j = 0; j < n; j++) {
                        scales[j] = v.length == 1 ? v[0] : v[j];
                    }
                    return scales;
                }
            }
        }
        return null;
    }

    /** {@code {gamma, beta}} of the LayerNorm in {@code scopeKey}; records its epsilon. */
    private float[][] layerNorm(String scopeKey, int hidden) {
        List<OnnxNode> nodes = scopes.getOrDefault(scopeKey, List.of());
        String where = scopeKey.replaceFirst("^(\\d+) ", "encoder layer $1 ");
        for (OnnxNode n : nodes) {
            if (n.opType().equals("LayerNormalization") && n.inputs().size() >= 3) {
                OnnxTensor g = graph.constant(n.inputs().get(1));
                OnnxTensor b = graph.constant(n.inputs().get(2));
                if (vector(g, hidden) && vector(b, hidden)) {
                    OnnxAttribute eps = n.attributes().get("epsilon");
                    epsilons.add(eps == null ? 1e-5f : eps.f()); // ONNX's default epsilon
                    return new float[][] {g.floats(), b.floats()};
                }
            }
        }
        // Decomposed: ... Div(x - mean, Sqrt(var + eps)) -> Mul(gamma) -> Add(beta)
        for (OnnxNode mul : nodes) {
            if (!mul.opType().equals("Mul") || mul.inputs().size() != 2) {
                continue;
            }
            OnnxTensor g = firstVector(mul, hidden);
            if (g == null) {
                continue;
            }
            for (OnnxNode add : graph.consumers(mul.outputs().getFirst())) {
                OnnxTensor b = add.opType().equals("Add") ? firstVector(add, hidden) : null;
                if (b != null) {
                    Float eps = decomposedEpsilon(nodes);
                    if (eps == null) {
                        missing.add(where + " epsilon (Sqrt of an Add with a scalar constant)");
                        return null;
                    }
                    epsilons.add(eps);
                    return new float[][] {g.floats(), b.floats()};
                }
            }
        }
        missing.add(where + " (a LayerNormalization node, or Mul by a constant gamma then Add of a constant beta,"
                + " both of length " + hidden + ")");
        return null;
    }

    private Float decomposedEpsilon(List<OnnxNode> nodes) {
        for (OnnxNode sqrt : nodes) {
            if (!sqrt.opType().equals("Sqrt")) {
                continue;
            }
            OnnxNode add = graph.producer(sqrt.inputs().getFirst());
            if (add != null && add.opType().equals("Add")) {
                for (String in : add.inputs()) {
                    OnnxTensor c = graph.constant(in);
                    if (c != null && c.elementCount() == 1) {
                        return (float) c.scalar();
                    }
                }
            }
        }
        return null;
    }

    private OnnxTensor firstVector(OnnxNode n, int length) {
        for (String in : n.inputs()) {
            OnnxTensor t = graph.constant(in);
            if (vector(t, length)) {
                return t;
            }
        }
        return null;
    }

    private static boolean vector(OnnxTensor t, int length) {
        return t != null && t.rank() == 1 && t.dim(0) == length && t.dataType() == OnnxDataType.FLOAT;
    }

    /**
     * Attention heads, from the shape layer 0 reshapes its query/key/value to:
     * {@code [batch, seq, heads, headDim]}, given as a constant or a Concat of constants.
     */
    private int heads(int hidden) {
        for (OnnxNode n : selfAttention0) {
            if (!n.opType().equals("Reshape") || n.inputs().size() != 2) {
                continue;
            }
            long[] shape = constantShape(n.inputs().get(1));
            if (shape != null && shape.length == 4 && shape[2] > 0 && shape[2] * shape[3] == hidden) {
                return (int) shape[2];
            }
        }
        missing.add("attention head count (layer 0 attention/self Reshape to [batch, seq, heads, headDim]"
                + " with constant heads and headDim)");
        return 1;
    }

    /** Values of a shape input; entries that are computed (batch, seq) are -1. */
    private long[] constantShape(String value) {
        OnnxTensor c = graph.constant(value);
        if (c != null) {
            return c.longs();
        }
        OnnxNode concat = graph.producer(value);
        if (concat == null || !concat.opType().equals("Concat")) {
            return null;
        }
        long[] shape = new long[concat.inputs().size()];
        for (int i = 0; i < shape.length; i++) {
            OnnxTensor part = graph.constant(concat.inputs().get(i));
            shape[i] = part != null && part.elementCount() == 1 ? part.longs()[0] : -1;
        }
        return shape;
    }

    /** The forward pass implements the exact GELU; a tanh approximation would silently differ. */
    private void requireExactGelu() {
        boolean erf = false;
        boolean tanh = false;
        for (OnnxNode n : graph.nodes()) {
            erf |= n.opType().equals("Erf") || n.opType().equals("Gelu") && !"tanh".equals(approximation(n));
            tanh |= n.opType().equals("Tanh") || n.opType().equals("FastGelu")
                    || n.opType().equals("Gelu") && "tanh".equals(approximation(n));
        }
        if (!erf) {
            missing.add(tanh ? "exact GELU (the graph uses the tanh approximation, which the encoder does not implement)"
                    : "GELU activation (no Erf or Gelu node)");
        }
    }

    private static String approximation(OnnxNode n) {
        OnnxAttribute a = n.attributes().get("approximate");
        return a == null ? null : a.s();
    }

    private float epsilon() {
        if (epsilons.isEmpty()) {
            return 1e-12f;
        }
        float first = epsilons.getFirst();
        for (float e : epsilons) {
            if (e != first) {
                missing.add("one LayerNorm epsilon for all LayerNorms (found " + first + " and " + e + ")");
                break;
            }
        }
        return first;
    }

    private OnnxFormatException failure() {
        return new OnnxFormatException("not a supported BERT encoder graph; missing: " + String.join("; ", missing)
                + " (" + SUPPORTED + ")");
    }

    /** The module scope of a node: its first output (or name) without the last path element. */
    static String scopeOf(OnnxNode n) {
        String s = !n.outputs().isEmpty() && n.outputs().getFirst().startsWith("/") ? n.outputs().getFirst() : n.name();
        int slash = s.lastIndexOf('/');
        return slash > 0 ? s.substring(0, slash) : "";
    }
}
