package dev.plumbline.engines.train;

import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.Pooling;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained cross-encoder adapter as a file: the LoRA arrays of every adapted projection and the
 * classification head, in {@link TrainableModel#parameters()} order (per layer query, key, value,
 * attention output, intermediate, output, each {@code A [k × r]} then {@code B [r × n]}; then the
 * head {@code W [hidden × classes]} and {@code b}), with the rank, scale, pooling and class count
 * that give them meaning. Inference merges it into the frozen base ({@link #merge}): each
 * {@code W + (α/r)·A·B} is one FP32 matrix again, so the trained model runs on the ordinary encoder
 * at its full speed on any backend.
 *
 * <p>File layout, little-endian: the magic {@code PLLORA1\n}, rank (int32), alpha (float64),
 * pooling ({@code CLS}/{@code MEAN} as int32 0/1), classes (int32), then {@link
 * TrainableModel#adapterBytes()}: the number of arrays, and each array's length and doubles.
 *
 * @param rank    LoRA rank r
 * @param alpha   LoRA scale numerator (updates are multiplied by α / r)
 * @param pooling how the head reads the last hidden states
 * @param classes head outputs
 * @param arrays  the trained arrays, in the order above
 */
public record LoraAdapter(int rank, double alpha, Pooling pooling, int classes, List<double[]> arrays) {
    private static final byte[] MAGIC = "PLLORA1\n".getBytes(StandardCharsets.US_ASCII);

    /** Adapted projections per transformer layer (query, key, value, attention output, intermediate, output). */
    static final int ADAPTED_PER_LAYER = 6;

    /** Copies the arrays so the record is immutable in practice. */
    public LoraAdapter {
        arrays = arrays.stream().map(double[]::clone).toList();
    }

    /** The current trained arrays of {@code model}. */
    public static LoraAdapter of(TrainableModel model, int rank, double alpha, Pooling pooling, int classes) {
        List<double[]> arrays = new ArrayList<>();
        for (double[][] p : model.parameters()) {
            arrays.add(p[0]);
        }
        return new LoraAdapter(rank, alpha, pooling, classes, arrays);
    }

    /** The file's bytes. */
    public byte[] bytes() {
        long size = MAGIC.length + 4 + 8 + 4 + 4 + 4;
        for (double[] a : arrays) {
            size += 4 + 8L * a.length;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(rank).putDouble(alpha).putInt(pooling == Pooling.CLS ? 0 : 1).putInt(classes);
        b.putInt(arrays.size());
        for (double[] a : arrays) {
            b.putInt(a.length);
            for (double v : a) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    /** SHA-256 of {@link #bytes()}: the adapter's identity in results. */
    public String sha256() {
        return ModelFiles.sha256(bytes());
    }

    /**
     * Reads an adapter file's bytes.
     *
     * @param source named in errors (a path or resource)
     * @throws IllegalArgumentException for anything but a whole adapter file
     */
    public static LoraAdapter read(byte[] bytes, String source) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException(source + " is not a Plumbline LoRA adapter (no PLLORA1 header);"
                        + " write one with plumbline judge-train");
            }
            int rank = b.getInt();
            double alpha = b.getDouble();
            int pooling = b.getInt();
            int classes = b.getInt();
            int count = b.getInt();
            if (rank < 1 || pooling < 0 || pooling > 1 || classes < 2 || count < 2 || count > 100_000) {
                throw new IllegalArgumentException(source + ": implausible adapter header (rank " + rank + ", pooling "
                        + pooling + ", classes " + classes + ", arrays " + count + ")");
            }
            List<double[]> arrays = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = b.getInt();
                if (n < 0 || 8L * n > b.remaining()) {
                    throw new IllegalArgumentException(source + ": array " + i + " claims " + n
                            + " values, more than the file holds");
                }
                double[] a = new double[n];
                for (int j = 0; j < n; j++) {
                    a[j] = b.getDouble();
                }
                arrays.add(a);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(source + ": " + b.remaining() + " bytes after the last array");
            }
            return new LoraAdapter(rank, alpha, pooling == 0 ? Pooling.CLS : Pooling.MEAN, classes, arrays);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(source + " ends inside the adapter; the file is truncated", e);
        }
    }

    /** The base weights with every LoRA update folded in, and the head. */
    public record Merged(BertWeights weights, double[] headW, double[] headB, Pooling pooling, int classes) {
    }

    /**
     * Folds the adapter into {@code base}: {@code W' = W + (α/r)·A·B} for each of the six
     * projections of every layer, summed in FP64 and rounded once to FP32.
     *
     * @throws IllegalArgumentException when the adapter was trained on another shape
     */
    public Merged merge(BertWeights base) {
        BertConfig c = base.config();
        int h = c.hidden();
        int in = c.intermediate();
        int expected = ADAPTED_PER_LAYER * 2 * base.layers().size() + 2;
        if (arrays.size() != expected) {
            throw new IllegalArgumentException("the adapter has " + arrays.size() + " arrays; a model of "
                    + base.layers().size() + " layers needs " + expected + ": it was trained on another base model");
        }
        int[][] shapes = {{h, h}, {h, h}, {h, h}, {h, h}, {h, in}, {in, h}};
        double scale = alpha / rank;
        List<BertWeights.Layer> layers = new ArrayList<>();
        int at = 0;
        for (BertWeights.Layer l : base.layers()) {
            float[][] w = {l.queryW(), l.keyW(), l.valueW(), l.attnOutW(), l.interW(), l.outW()};
            float[][] merged = new float[ADAPTED_PER_LAYER][];
            for (int p = 0; p < ADAPTED_PER_LAYER; p++) {
                merged[p] = fold(w[p], shapes[p][0], shapes[p][1], arrays.get(at), arrays.get(at + 1), scale, at);
                at += 2;
            }
            layers.add(new BertWeights.Layer(merged[0], l.queryB(), merged[1], l.keyB(), merged[2], l.valueB(),
                    merged[3], l.attnOutB(), l.attnLnGamma(), l.attnLnBeta(), merged[4], l.interB(), merged[5],
                    l.outB(), l.outLnGamma(), l.outLnBeta()));
        }
        double[] headW = arrays.get(at);
        double[] headB = arrays.get(at + 1);
        if (headW.length != h * classes || headB.length != classes) {
            throw new IllegalArgumentException("the adapter's head is " + headW.length + " + " + headB.length
                    + " values; hidden " + h + " × " + classes + " classes needs " + h * classes + " + " + classes);
        }
        BertWeights weights = new BertWeights(c, base.wordEmbeddings(), base.positionEmbeddings(),
                base.tokenTypeEmbeddings(), base.embeddingLnGamma(), base.embeddingLnBeta(), layers);
        return new Merged(weights, headW.clone(), headB.clone(), pooling, classes);
    }

    private float[] fold(float[] w, int k, int n, double[] a, double[] up, double scale, int index) {
        if (a.length != k * rank || up.length != rank * n) {
            throw new IllegalArgumentException("adapter arrays " + index + " and " + (index + 1) + " hold " + a.length
                    + " and " + up.length + " values; a " + k + " × " + n + " projection at rank " + rank + " needs "
                    + k * rank + " and " + rank * n);
        }
        float[] out = new float[w.length];
        double[] row = new double[n];
        for (int i = 0; i < k; i++) {
            Arrays.fill(row, 0);
            for (int r = 0; r < rank; r++) {
                double air = a[i * rank + r];
                for (int j = 0; j < n; j++) {
                    row[j] += air * up[r * n + j];
                }
            }
            for (int j = 0; j < n; j++) {
                out[i * n + j] = (float) (w[i * n + j] + scale * row[j]);
            }
        }
        return out;
    }
}
