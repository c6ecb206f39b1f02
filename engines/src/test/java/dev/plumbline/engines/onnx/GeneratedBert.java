package dev.plumbline.engines.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * Writes a small BERT ONNX graph with seeded random weights, node for node as torch.onnx exports
 * {@code BertModel} and {@code BertForSequenceClassification} (opset 17: module scopes in node
 * and value names, anonymous {@code onnx::MatMul_N} weights for 3-D linear layers, {@code Gemm}
 * with {@code transB=1} and the weight as stored for 2-D ones, {@code LayerNormalization},
 * GELU as Div/Erf/Add/Mul/Mul, the additive attention mask from {@code attention_mask}, position
 * ids from {@code Range} over the input's length). ONNX Runtime runs it, so a test can hold the
 * project's mapping and forward pass to ONNX Runtime on a model nobody had to download: no
 * cross-encoder weights are reachable from the build machines.
 */
public final class GeneratedBert {
    /** Which head the graph ends in. */
    public enum Head {
        /** A plain encoder: output {@code last_hidden_state}, scopes without {@code /bert}. */
        NONE,
        /** BERT's pooler and classifier as {@code Gemm} nodes (torch.onnx, Optimum). */
        BERT_GEMM,
        /** The same head as {@code MatMul} then {@code Add} (weights {@code [in × out]}). */
        BERT_MATMUL,
        /** RoBERTa's head: {@code classifier/dense}, tanh, {@code classifier/out_proj}, no pooler. */
        ROBERTA
    }

    /**
     * @param vocab        word table rows (at least the tokenizer's vocabulary)
     * @param hidden       hidden size, a multiple of {@code heads}
     * @param heads        attention heads
     * @param intermediate feed-forward width
     * @param layers       transformer layers
     * @param positions    position table rows
     * @param labels       logits of the classifier
     * @param head         which head
     * @param seed         of the weights
     */
    public record Spec(int vocab, int hidden, int heads, int intermediate, int layers, int positions, int labels,
                       Head head, long seed) {
    }

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final Spec s;
    private final Random random;
    private final ProtoWriter graph = new ProtoWriter();
    private int anonymous = 1000;

    private GeneratedBert(Spec s) {
        this.s = s;
        this.random = new Random(s.seed());
    }

    /** The {@code .onnx} bytes of {@code spec}. */
    public static byte[] write(Spec spec) {
        return new GeneratedBert(spec).model();
    }

    private byte[] model() {
        int h = s.hidden();
        String p = s.head() == Head.NONE ? "" : "/bert";
        String w = s.head() == Head.NONE ? "" : "bert.";
        input("input_ids");
        input("attention_mask");
        input("token_type_ids");

        // Embeddings.
        String word = node("Gather", p + "/embeddings/word_embeddings/Gather",
                init(w + "embeddings.word_embeddings.weight", gaussian(s.vocab() * h, 0.5), s.vocab(), h), "input_ids");
        String type = node("Gather", p + "/embeddings/token_type_embeddings/Gather",
                init(w + "embeddings.token_type_embeddings.weight", gaussian(2 * h, 0.5), 2, h), "token_type_ids");
        String sum = node("Add", p + "/embeddings/Add", word, type);
        String shape = node("Shape", p + "/embeddings/Shape", "input_ids");
        String seq = node("Gather", p + "/embeddings/Gather", List.of(shape, longs("/embeddings/one", new long[0], 1)),
                intAttribute("axis", 0));
        String range = node("Range", p + "/embeddings/Range", longs("/embeddings/zero", new long[0], 0), seq,
                longs("/embeddings/step", new long[0], 1));
        String pos = node("Gather", p + "/embeddings/position_embeddings/Gather",
                init(w + "embeddings.position_embeddings.weight", gaussian(s.positions() * h, 0.5), s.positions(), h),
                range);
        String x = layerNorm(p + "/embeddings/LayerNorm", w + "embeddings.LayerNorm", node("Add", p + "/embeddings/Add_1", sum, pos));

        // Additive mask [batch, 1, 1, seq]: 0 where attended, the float minimum where padded.
        String unsqueezed = node("Unsqueeze", p + "/Unsqueeze", "attention_mask", longs("/mask/axes", new long[] {2}, 1, 2));
        String cast = node("Cast", p + "/Cast", List.of(unsqueezed), intAttribute("to", FLOAT));
        String inverted = node("Sub", p + "/Sub", floats("/mask/one", 1f), cast);
        String mask = node("Mul", p + "/Mul", inverted, floats("/mask/min", -Float.MAX_VALUE));

        for (int l = 0; l < s.layers(); l++) {
            x = layer(p + "/encoder/layer." + l, w + "encoder.layer." + l, x, mask);
        }
        switch (s.head()) {
            case NONE -> {
                rename(x, "last_hidden_state");
                output("last_hidden_state", "batch", "sequence", Integer.toString(h));
            }
            case BERT_GEMM, BERT_MATMUL -> {
                boolean gemm = s.head() == Head.BERT_GEMM;
                String cls = node("Gather", "/bert/pooler/Gather", List.of(x, longs("/pooler/zero", new long[0], 0)),
                        intAttribute("axis", 1));
                String dense = gemm ? gemm("/bert/pooler/dense/Gemm", null, cls, "bert.pooler.dense", h, h)
                        : matMulAdd("/bert/pooler/dense", null, cls, h, h);
                String pooled = node("Tanh", "/bert/pooler/activation/Tanh", dense);
                if (gemm) {
                    gemm("/classifier/Gemm", "logits", pooled, "classifier", h, s.labels());
                } else {
                    matMulAdd("/classifier", "logits", pooled, h, s.labels());
                }
                output("logits", "batch", Integer.toString(s.labels()));
            }
            case ROBERTA -> {
                String cls = node("Gather", "/classifier/Gather", List.of(x, longs("/classifier/zero", new long[0], 0)),
                        intAttribute("axis", 1));
                String dense = gemm("/classifier/dense/Gemm", null, cls, "classifier.dense", h, h);
                String t = node("Tanh", "/classifier/Tanh", dense);
                gemm("/classifier/out_proj/Gemm", "logits", t, "classifier.out_proj", h, s.labels());
                output("logits", "batch", Integer.toString(s.labels()));
            }
        }
        ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, 17);
        return new ProtoWriter().varint(1, 8).string(2, "plumbline-test").message(8, opset)
                .message(7, graph.string(2, "generated_bert")).toByteArray();
    }

    /** One post-LayerNorm transformer layer, as BertLayer exports. */
    private String layer(String scope, String weights, String x, String mask) {
        int h = s.hidden();
        int d = h / s.heads();
        String a = scope + "/attention/self";
        String q = heads(a, "", matMulAdd(a + "/query", null, x, h, h), new long[] {0, 2, 1, 3});
        String k = heads(a, "_1", matMulAdd(a + "/key", null, x, h, h), new long[] {0, 2, 3, 1});
        String v = heads(a, "_2", matMulAdd(a + "/value", null, x, h, h), new long[] {0, 2, 1, 3});
        String scores = node("MatMul", a + "/MatMul", q, k);
        String scaled = node("Div", a + "/Div", scores, floats(a + "/sqrt_d", (float) Math.sqrt(d)));
        String masked = node("Add", a + "/Add", scaled, mask);
        String probs = node("Softmax", a + "/Softmax", List.of(masked), intAttribute("axis", -1));
        String context = node("MatMul", a + "/MatMul_1", probs, v);
        String back = node("Transpose", a + "/Transpose_3", List.of(context), intsAttribute("perm", 0, 2, 1, 3));
        String merged = node("Reshape", a + "/Reshape_3", back, longs(a + "/merged_shape", new long[] {3}, 0, 0, h));
        String o = matMulAdd(scope + "/attention/output/dense", null, merged, h, h);
        String attn = layerNorm(scope + "/attention/output/LayerNorm", weights + ".attention.output.LayerNorm",
                node("Add", scope + "/attention/output/Add", o, x));
        String up = matMulAdd(scope + "/intermediate/dense", null, attn, h, s.intermediate());
        String g = scope + "/intermediate/intermediate_act_fn";
        String div = node("Div", g + "/Div", up, floats(g + "/sqrt2", (float) Math.sqrt(2)));
        String erf = node("Erf", g + "/Erf", div);
        String plus = node("Add", g + "/Add", erf, floats(g + "/one", 1f));
        String times = node("Mul", g + "/Mul", up, plus);
        String gelu = node("Mul", g + "/Mul_1", times, floats(g + "/half", 0.5f));
        String down = matMulAdd(scope + "/output/dense", null, gelu, s.intermediate(), h);
        return layerNorm(scope + "/output/LayerNorm", weights + ".output.LayerNorm",
                node("Add", scope + "/output/Add", down, attn));
    }

    /** {@code [batch, seq, hidden]} to heads, then transposed by {@code perm}. */
    private String heads(String a, String suffix, String x, long[] perm) {
        int d = s.hidden() / s.heads();
        String r = node("Reshape", a + "/Reshape" + suffix, x, longs(a + "/shape" + suffix, new long[] {4}, 0, 0,
                s.heads(), d));
        return node("Transpose", a + "/Transpose" + suffix, List.of(r), intsAttribute("perm", perm));
    }

    private String layerNorm(String scope, String weights, String x) {
        int h = s.hidden();
        float[] gamma = gaussian(h, 0.1);
        for (int i = 0; i < h; i++) {
            gamma[i] += 1;
        }
        return node("LayerNormalization", scope + "/LayerNormalization",
                List.of(x, init(weights + ".weight", gamma, h), init(weights + ".bias", gaussian(h, 0.1), h)),
                intAttribute("axis", -1), floatAttribute("epsilon", 1e-12f));
    }

    /** {@code x · W + b}: MatMul of an anonymous {@code [in × out]} weight, then {@code Add(bias, product)}. */
    private String matMulAdd(String scope, String output, String x, int in, int out) {
        String product = node("MatMul", scope + "/MatMul", x, init("onnx::MatMul_" + anonymous++,
                gaussian(in * out, 1 / Math.sqrt(in)), in, out));
        String bias = init(scope.substring(1).replace('/', '.') + ".bias", gaussian(out, 0.1), out);
        return output == null ? node("Add", scope + "/Add", bias, product)
                : node("Add", scope + "/Add", output, List.of(bias, product));
    }

    /** {@code Gemm(x, W, b, transB=1)} with W stored {@code [out × in]}, as torch keeps it. */
    private String gemm(String name, String output, String x, String weights, int in, int out) {
        String wName = init(weights + ".weight", gaussian(out * in, 1.5 / Math.sqrt(in)), out, in);
        String bName = init(weights + ".bias", gaussian(out, 0.1), out);
        return node("Gemm", name, output == null ? name + "_output_0" : output, List.of(x, wName, bName),
                floatAttribute("alpha", 1f), floatAttribute("beta", 1f), intAttribute("transB", 1));
    }

    private float[] gaussian(int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * sd);
        }
        return v;
    }

    // ---- protobuf pieces ----

    private String init(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        graph.message(5, tensor(name, FLOAT, dims, b.array()));
        return name;
    }

    private String floats(String name, float value) {
        return init(name, new float[] {value});
    }

    private String longs(String name, long[] dims, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        graph.message(5, tensor(name, INT64, dims, b.array()));
        return name;
    }

    private static ProtoWriter tensor(String name, int type, long[] dims, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private String node(String op, String name, String... inputs) {
        return node(op, name, name + "_output_0", List.of(inputs));
    }

    private String node(String op, String name, List<String> inputs, ProtoWriter... attributes) {
        return node(op, name, name + "_output_0", inputs, attributes);
    }

    private String node(String op, String name, String output, List<String> inputs, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, name).string(4, op);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        graph.message(1, n);
        return output;
    }

    /** {@code value} under the graph output's name {@code name}, through an Identity. */
    private void rename(String value, String name) {
        node("Identity", "/Identity", name, List.of(value));
    }

    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private static ProtoWriter floatAttribute(String name, float value) {
        return new ProtoWriter().string(1, name).fixed32(2, value).varint(20, 1);
    }

    private static ProtoWriter intsAttribute(String name, long... values) {
        return new ProtoWriter().string(1, name).packedVarints(8, values).varint(20, 7);
    }

    private void input(String name) {
        graph.message(11, valueInfo(name, INT64, "batch", "sequence"));
    }

    private void output(String name, String... dims) {
        graph.message(12, valueInfo(name, FLOAT, dims));
    }

    private static ProtoWriter valueInfo(String name, int type, String... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (String d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.varint(1, Long.parseLong(d));
            } else {
                dim.string(2, d);
            }
            shape.message(1, dim);
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, type).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}
