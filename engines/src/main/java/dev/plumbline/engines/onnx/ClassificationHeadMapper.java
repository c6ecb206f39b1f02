package dev.plumbline.engines.onnx;

import dev.plumbline.engines.model.ClassificationHead;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sequence-classification head of a {@code BertForSequenceClassification} graph exported
 * from PyTorch (torch.onnx, Optimum), the companion of {@link BertOnnxMapper}, which reads the
 * encoder of the same graph. As there, parts are found by the module scope in node names:
 *
 * <pre>
 * /bert/pooler/Gather            the [CLS] row: Gather(last hidden state, 0, axis=1)
 * /bert/pooler/dense/Gemm        Gemm(cls, bert.pooler.dense.weight, bias, transB=1), or MatMul + Add
 * /bert/pooler/activation/Tanh   Tanh
 * /classifier/Gemm               Gemm(pooled, classifier.weight, bias, transB=1) → logits, or MatMul + Add
 * </pre>
 *
 * (exports of 2-D linear layers are {@code Gemm} with the weight as stored, {@code [out × in]} and
 * {@code transB=1}; 3-D ones and some optimizers give {@code MatMul} with {@code [in × out]}; both
 * are read, and a Dropout or Identity between pooler and classifier is looked through). Other
 * heads, such as RoBERTa's ({@code classifier/dense}, {@code classifier/out_proj}, no pooler), are
 * rejected with what was expected.
 */
public final class ClassificationHeadMapper {
    private static final Pattern POOLER = Pattern.compile("^(?:.*/)?pooler$");
    private static final Pattern POOLER_DENSE = Pattern.compile("^(?:.*/)?pooler/dense$");
    private static final Pattern CLASSIFIER = Pattern.compile("^(?:.*/)?classifier$");
    private static final Pattern CLASSIFIER_PART = Pattern.compile("^(?:.*/)?classifier/(.+)$");
    /** What a supported head looks like, for every rejection. */
    static final String EXPECTED = "expected BERT's sequence-classification head as torch.onnx and Optimum export"
            + " BertForSequenceClassification: the pooler (a Gather of the [CLS] row, index 0 on axis 1, then a Gemm"
            + " or MatMul + Add scoped pooler/dense, then Tanh) and the classifier (a Gemm or MatMul + Add scoped"
            + " classifier, reading the pooler's output, giving the logits)";

    private final OnnxGraph graph;
    private final List<OnnxNode> pooler = new ArrayList<>();
    private final List<OnnxNode> poolerDense = new ArrayList<>();
    private final List<OnnxNode> classifier = new ArrayList<>();
    private final TreeSet<String> classifierParts = new TreeSet<>();
    private final List<String> missing = new ArrayList<>();

    private ClassificationHeadMapper(OnnxGraph graph) {
        this.graph = graph;
        for (OnnxNode n : graph.nodes()) {
            String scope = BertOnnxMapper.scopeOf(n);
            if (POOLER.matcher(scope).matches()) {
                pooler.add(n);
            } else if (POOLER_DENSE.matcher(scope).matches()) {
                poolerDense.add(n);
            } else if (CLASSIFIER.matcher(scope).matches()) {
                classifier.add(n);
            } else {
                Matcher m = CLASSIFIER_PART.matcher(scope);
                if (m.matches()) {
                    classifierParts.add("classifier/" + m.group(1));
                }
            }
        }
    }

    /**
     * The head of {@code model}, whose encoder has width {@code hidden}.
     *
     * @throws OnnxFormatException when the graph has no classification head, or another kind,
     *                             naming what is missing and what was expected
     */
    public static ClassificationHead map(OnnxModel model, int hidden) {
        return new ClassificationHeadMapper(model.graph()).map(hidden);
    }

    private ClassificationHead map(int hidden) {
        if (!classifierParts.isEmpty() && linearIn(classifier) == null) {
            boolean roberta = classifierParts.contains("classifier/dense") && classifierParts.contains("classifier/out_proj");
            throw new OnnxFormatException("unsupported classification head: nodes scoped " + String.join(", ", classifierParts)
                    + (roberta ? " (a RoBERTa-style head: dense, tanh, out_proj, without BERT's pooler)" : "")
                    + "; " + EXPECTED);
        }
        if (poolerDense.isEmpty() && classifier.isEmpty()) {
            throw new OnnxFormatException("no sequence-classification head: no nodes scoped pooler/dense or classifier"
                    + " (a plain encoder, not a cross-encoder); " + EXPECTED);
        }
        Linear dense = linear("pooler/dense", poolerDense, hidden, hidden);
        OnnxNode tanh = null;
        if (dense != null) {
            checkClsRow(dense.input());
            for (OnnxNode c : graph.consumers(dense.output())) {
                if (c.opType().equals("Tanh")) {
                    tanh = c;
                }
            }
            if (tanh == null) {
                missing.add("pooler activation (a Tanh reading pooler/dense's output)");
            }
        }
        Linear head = linear("classifier", classifier, hidden, -1);
        if (head != null && tanh != null && !tanh.outputs().getFirst().equals(throughIdentities(head.input()))) {
            missing.add("classifier input (the pooler's Tanh output; found " + head.input() + ")");
        }
        if (!missing.isEmpty()) {
            throw new OnnxFormatException("not a supported sequence-classification head; missing: "
                    + String.join("; ", missing) + " (" + EXPECTED + ")");
        }
        return new ClassificationHead(hidden, head.out(), dense.w(), dense.b(), head.w(), head.b());
    }

    /** The pooler reads the first token: {@code Gather(states, 0, axis=1)}. */
    private void checkClsRow(String input) {
        OnnxNode g = graph.producer(input);
        if (g != null && g.opType().equals("Gather") && g.inputs().size() == 2 && pooler.contains(g)) {
            OnnxAttribute axis = g.attributes().get("axis");
            OnnxTensor index = graph.constant(g.inputs().get(1));
            if (axis != null && axis.i() == 1 && index != null && index.elementCount() == 1 && index.longs()[0] == 0) {
                return;
            }
        }
        missing.add("pooler input (the [CLS] row: a Gather scoped pooler of index 0 on axis 1; found "
                + (g == null ? input : g.describe()) + ")");
    }

    /** {@code value} seen back through Identity and Dropout nodes (Dropout is the identity at inference). */
    private String throughIdentities(String value) {
        String v = value;
        for (int hops = 0; hops < 8; hops++) {
            OnnxNode p = graph.producer(v);
            if (p == null || !(p.opType().equals("Identity") || p.opType().equals("Dropout")) || p.inputs().isEmpty()) {
                return v;
            }
            v = p.inputs().getFirst();
        }
        return v;
    }

    /**
     * A linear layer: {@code w} {@code [in × out]}, {@code b} {@code [out]}, the value it reads and
     * the value it writes.
     */
    private record Linear(float[] w, float[] b, int in, int out, String input, String output) {
    }

    /** The first Gemm or MatMul with a constant 2-D weight among {@code nodes}, or null. */
    private OnnxNode linearIn(List<OnnxNode> nodes) {
        for (OnnxNode n : nodes) {
            if ((n.opType().equals("Gemm") || n.opType().equals("MatMul")) && n.inputs().size() >= 2) {
                OnnxTensor w = graph.constant(n.inputs().get(1));
                if (w != null && w.rank() == 2) {
                    return n;
                }
            }
        }
        return null;
    }

    /** The linear layer in {@code scope}; {@code out} of -1 is read from the weight. */
    private Linear linear(String scope, List<OnnxNode> nodes, int in, int out) {
        OnnxNode n = linearIn(nodes);
        if (n == null) {
            missing.add(scope + " (a Gemm, or a MatMul then Add, with a constant 2-D weight)");
            return null;
        }
        OnnxTensor w = graph.constant(n.inputs().get(1));
        if (w.dataType() != OnnxDataType.FLOAT) {
            missing.add(scope + " FP32 weight (found " + w.dataType() + ")");
            return null;
        }
        boolean gemm = n.opType().equals("Gemm");
        boolean transB = gemm && intAttribute(n, "transB", 0) == 1;
        int rows = (int) w.dim(transB ? 1 : 0);
        int cols = (int) w.dim(transB ? 0 : 1);
        if (rows != in || (out >= 0 && cols != out)) {
            missing.add(scope + " weight of " + in + " inputs and " + (out < 0 ? "any number of" : out) + " outputs"
                    + (transB ? " (transB=1: shape [out, in])" : " (shape [in, out])") + ", found " + w.shape());
            return null;
        }
        float[] weight = transB ? transpose(w.floats(), cols, rows) : w.floats();
        if (gemm) {
            if (intAttribute(n, "transA", 0) != 0 || floatAttribute(n, "alpha", 1) != 1
                    || (n.inputs().size() > 2 && floatAttribute(n, "beta", 1) != 1)) {
                missing.add(scope + " Gemm with transA=0, alpha=1, beta=1 (found " + n.attributes().keySet() + ")");
                return null;
            }
            float[] bias = new float[cols];
            if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
                OnnxTensor c = graph.constant(n.inputs().get(2));
                if (c == null || c.elementCount() != cols || c.dataType() != OnnxDataType.FLOAT) {
                    missing.add(scope + " bias (Gemm's C, a constant of length " + cols + ")");
                    return null;
                }
                bias = c.floats();
            }
            return new Linear(weight, bias, rows, cols, n.inputs().getFirst(), n.outputs().getFirst());
        }
        String product = n.outputs().getFirst();
        for (OnnxNode add : graph.consumers(product)) {
            if (add.opType().equals("Add") && add.inputs().size() == 2) {
                String other = add.inputs().get(0).equals(product) ? add.inputs().get(1) : add.inputs().get(0);
                OnnxTensor b = graph.constant(other);
                if (b != null && b.rank() == 1 && b.dim(0) == cols && b.dataType() == OnnxDataType.FLOAT) {
                    return new Linear(weight, b.floats(), rows, cols, n.inputs().getFirst(), add.outputs().getFirst());
                }
            }
        }
        missing.add(scope + " bias (an Add of the MatMul output and a constant of length " + cols + ")");
        return null;
    }

    /** {@code [in × out]} from {@code w} stored {@code [out × in]}. */
    private static float[] transpose(float[] w, int out, int in) {
        float[] t = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = w[o * in + i];
            }
        }
        return t;
    }

    private static long intAttribute(OnnxNode n, String name, long fallback) {
        OnnxAttribute a = n.attributes().get(name);
        return a == null ? fallback : a.i();
    }

    private static float floatAttribute(OnnxNode n, String name, float fallback) {
        OnnxAttribute a = n.attributes().get(name);
        return a == null ? fallback : a.f();
    }
}
