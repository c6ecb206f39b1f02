package dev.plumbline.engines.encoder;

import dev.plumbline.engines.kernels.EmbeddingTable;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;
import java.util.ArrayList;
import java.util.List;

/**
 * The BERT encoder forward pass (post-LayerNorm, exact GELU), written once against {@link Kernels}
 * so every backend runs the same steps:
 *
 * <pre>
 * x = LayerNorm(word[id] + position[i] + tokenType[type])
 * per layer:  q, k, v = x·Wq + bq, x·Wk + bk, x·Wv + bv
 *             x = LayerNorm(attention(q, k, v)·Wo + bo + x)
 *             x = LayerNorm(gelu(x·Wi + bi)·Wout + bout + x)
 * </pre>
 *
 * <p>Inputs are token-id sequences of any lengths (the tokenizer's output, {@code [CLS]} and
 * {@code [SEP]} included; token type 0 unless types are given, as for a cross-encoder's pairs). They are grouped into batches ({@link LengthBatches}) that
 * run packed, without padding: the sequences of a batch lie back to back, so the embeddings, every
 * GEMM, GELU and LayerNorm run over exactly {@code Σ lengths} rows, and attention runs per sequence
 * at its first row. Results come back in input order and do not depend on how inputs were
 * batched: every kernel computes a row (or a sequence, for attention) independently of its
 * neighbours, of the number of rows and of the thread count, so one sequence alone and the same
 * sequence in any batch give bitwise the same vectors on the {@code simd} and {@code scalar}
 * backends.
 *
 * <p>The encoder packs the weights once and keeps growable work buffers, so an instance serves
 * one call at a time (as its {@link Kernels} does). It keeps the packed matrices, not the FP32
 * ones they came from ({@link #weightBytes()} is what it holds). It does not own the kernels:
 * close them yourself.
 */
public final class BertEncoder {
    /** Default cap on sequences per batch. */
    public static final int DEFAULT_MAX_BATCH_SEQUENCES = 32;
    /** Default cap on tokens per batch (rows of every GEMM): 32 × 256. */
    public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;

    private final BertConfig config;
    private final Kernels kernels;
    private final EmbeddingTable wordEmbeddings;
    private final EmbeddingTable positionEmbeddings;
    private final EmbeddingTable tokenTypeEmbeddings;
    private final Kernels.Buffer embeddingLnGamma;
    private final Kernels.Buffer embeddingLnBeta;
    private final List<PackedLayer> layers;
    private final int maxBatchSequences;
    private final int maxBatchTokens;

    // Activations, in the backend's memory (arrays on a CPU, device memory on a GPU), so a forward
    // pass moves token ids in and pooled vectors out and nothing else. Grown, never shrunk.
    private Kernels.Buffer x;
    private Kernels.Buffer tmp;
    private Kernels.Buffer q;
    private Kernels.Buffer k;
    private Kernels.Buffer v;
    private Kernels.Buffer ctx;
    private Kernels.Buffer ffn;

    /**
     * A layer's linear weights in the backend's packed layout, with its biases and LayerNorm
     * parameters. The FP32 matrices it was packed from are not kept: holding both would double
     * the model's memory (about 42 MB more for MiniLM) for nothing the forward pass reads.
     */
    private record PackedLayer(Kernels.PackedMatrix query, Kernels.Buffer queryB, Kernels.PackedMatrix key,
                               Kernels.Buffer keyB, Kernels.PackedMatrix value, Kernels.Buffer valueB,
                               Kernels.PackedMatrix attnOut, Kernels.Buffer attnOutB, Kernels.Buffer attnLnGamma,
                               Kernels.Buffer attnLnBeta, Kernels.PackedMatrix inter, Kernels.Buffer interB,
                               Kernels.PackedMatrix out, Kernels.Buffer outB, Kernels.Buffer outLnGamma,
                               Kernels.Buffer outLnBeta) {
        long heapBytes() {
            long vectors = 0;
            for (Kernels.Buffer b : new Kernels.Buffer[] {queryB, keyB, valueB, attnOutB, attnLnGamma, attnLnBeta,
                    interB, outB, outLnGamma, outLnBeta}) {
                vectors += b.heapBytes();
            }
            return vectors + query.heapBytes() + key.heapBytes() + value.heapBytes()
                    + attnOut.heapBytes() + inter.heapBytes() + out.heapBytes();
        }
    }

    /** An encoder with the default batching ({@value #DEFAULT_MAX_BATCH_SEQUENCES} sequences, {@value #DEFAULT_MAX_BATCH_TOKENS} tokens). */
    public BertEncoder(BertWeights weights, Kernels kernels) {
        this(weights, kernels, DEFAULT_MAX_BATCH_SEQUENCES, DEFAULT_MAX_BATCH_TOKENS);
    }

    /**
     * Packs {@code weights} for {@code kernels}.
     *
     * @param maxBatchSequences at most this many sequences per forward batch, ≥ 1
     * @param maxBatchTokens    at most this many tokens (summed real lengths) per batch, ≥ 1; bounds
     *                          the work buffers: about {@code maxBatchTokens × (6·hidden + intermediate)}
     *                          floats, or one longest sequence's worth when that is more
     * @throws IllegalArgumentException when an array's size does not match the config (the message
     *                                  names the array and the expected size)
     */
    public BertEncoder(BertWeights weights, Kernels kernels, int maxBatchSequences, int maxBatchTokens) {
        if (maxBatchSequences < 1 || maxBatchTokens < 1) {
            throw new IllegalArgumentException("maxBatchSequences and maxBatchTokens must be >= 1, got "
                    + maxBatchSequences + ", " + maxBatchTokens);
        }
        this.config = weights.config();
        this.kernels = kernels;
        this.embeddingLnGamma = kernels.constant(weights.embeddingLnGamma());
        this.embeddingLnBeta = kernels.constant(weights.embeddingLnBeta());
        this.maxBatchSequences = maxBatchSequences;
        this.maxBatchTokens = maxBatchTokens;
        WeightShapes.check(weights);
        int h = config.hidden();
        int in = config.intermediate();
        this.wordEmbeddings = table(kernels, weights.wordEmbeddings(), h);
        this.positionEmbeddings = table(kernels, weights.positionEmbeddings(), h);
        this.tokenTypeEmbeddings = table(kernels, weights.tokenTypeEmbeddings(), h);
        List<PackedLayer> packed = new ArrayList<>();
        boolean shippedInt8 = !weights.quantized().isEmpty();
        for (int i = 0; i < weights.layers().size(); i++) {
            BertWeights.Layer l = weights.layers().get(i);
            BertWeights.QuantizedLayer ql = shippedInt8 ? weights.quantized().get(i) : null;
            packed.add(new PackedLayer(pack(kernels, l.queryW(), ql == null ? null : ql.query(), h, h),
                    kernels.constant(l.queryB()),
                    pack(kernels, l.keyW(), ql == null ? null : ql.key(), h, h), kernels.constant(l.keyB()),
                    pack(kernels, l.valueW(), ql == null ? null : ql.value(), h, h), kernels.constant(l.valueB()),
                    pack(kernels, l.attnOutW(), ql == null ? null : ql.attnOut(), h, h),
                    kernels.constant(l.attnOutB()), kernels.constant(l.attnLnGamma()),
                    kernels.constant(l.attnLnBeta()),
                    pack(kernels, l.interW(), ql == null ? null : ql.inter(), h, in), kernels.constant(l.interB()),
                    pack(kernels, l.outW(), ql == null ? null : ql.out(), in, h), kernels.constant(l.outB()),
                    kernels.constant(l.outLnGamma()), kernels.constant(l.outLnBeta())));
        }
        this.layers = List.copyOf(packed);
    }

    private static EmbeddingTable table(Kernels kernels, float[] values, int hidden) {
        return kernels.packEmbeddings(values, values.length / hidden, hidden);
    }

    /** Shipped int8 codes when the model has them (packed as they are), else the FP32 matrix. */
    private static Kernels.PackedMatrix pack(Kernels kernels, float[] w, BertWeights.QuantizedMatrix q, int k, int n) {
        return q == null ? kernels.pack(w, k, n) : kernels.packQuantized(q.codes(), q.scales(), k, n);
    }

    /** The model's shape. */
    public BertConfig config() {
        return config;
    }

    /**
     * Exact bytes of the weights this encoder holds on the Java heap: embeddings, biases and
     * LayerNorm parameters as given, and every linear matrix in the backend's packed layout
     * ({@link Kernels.PackedMatrix#heapBytes()}). What the backend holds off the heap is its own
     * {@link Kernels#offHeapBytes()}.
     */
    public long weightBytes() {
        long bytes = wordEmbeddings.heapBytes() + positionEmbeddings.heapBytes() + tokenTypeEmbeddings.heapBytes()
                + embeddingLnGamma.heapBytes() + embeddingLnBeta.heapBytes();
        for (PackedLayer l : layers) {
            bytes += l.heapBytes();
        }
        return bytes;
    }

    /**
     * Exact bytes of the work buffers this encoder keeps between calls (activations of the
     * largest batch so far; they grow, never shrink, up to about {@code maxBatchTokens × (6·hidden
     * + intermediate)} floats), wherever the backend keeps them (device memory on a GPU).
     */
    public long scratchBytes() {
        long floats = 0;
        for (Kernels.Buffer b : activations()) {
            floats += b.floats();
        }
        return floats * Float.BYTES;
    }

    /**
     * Last hidden states of every input: element {@code i} is {@code [tokenIds[i].length × hidden]},
     * row-major, in input order.
     *
     * @param tokenIds one sequence of token ids per input, each of length 1..maxPositions with ids
     *                 in {@code [0, vocabSize)}
     */
    public float[][] hiddenStates(int[][] tokenIds) {
        return hiddenStates(tokenIds, lengthsOf(tokenIds));
    }

    /**
     * As {@link #hiddenStates(int[][])} for padded input: sequence {@code i} is the first
     * {@code lengths[i]} ids of {@code tokenIds[i]} (an attention mask's count of ones); the rest is
     * ignored. Element {@code i} of the result is {@code [lengths[i] × hidden]}.
     */
    public float[][] hiddenStates(int[][] tokenIds, int[] lengths) {
        float[][] result = new float[tokenIds.length][];
        int h = config.hidden();
        run(tokenIds, null, lengths, (batch, offsets, batchLengths, rows) -> {
            float[] state = new float[rows * h];
            kernels.download(x, rows * h, state);
            for (int b = 0; b < batch.length; b++) {
                float[] out = new float[batchLengths[b] * h];
                System.arraycopy(state, offsets[b] * h, out, 0, out.length);
                result[batch[b]] = out;
            }
        });
        return result;
    }

    /**
     * One L2-normalised vector per input, in input order.
     *
     * @param tokenIds as for {@link #hiddenStates(int[][])}
     * @param pooling  how token states become one vector
     */
    public float[][] embed(int[][] tokenIds, Pooling pooling) {
        return embed(tokenIds, lengthsOf(tokenIds), pooling);
    }

    /** As {@link #embed(int[][], Pooling)} for padded input; see {@link #hiddenStates(int[][], int[])}. */
    public float[][] embed(int[][] tokenIds, int[] lengths, Pooling pooling) {
        float[][] result = new float[tokenIds.length][];
        int h = config.hidden();
        runPooled(tokenIds, null, lengths, pooling, (input, sum) -> {
            double norm = 0;
            for (int j = 0; j < h; j++) {
                norm += sum[j] * sum[j];
            }
            // As torch.nn.functional.normalize: divide by max(‖v‖, 1e-12).
            double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
            float[] out = new float[h];
            for (int j = 0; j < h; j++) {
                out[j] = (float) (sum[j] * scale);
            }
            result[input] = out;
        });
        return result;
    }

    /**
     * Pooled last hidden states of pairs or other typed inputs, not normalised: what a
     * classification head reads (a cross-encoder's {@code [CLS] a [SEP] b [SEP]} with types 0 then 1).
     *
     * @param tokenIds   as for {@link #hiddenStates(int[][])}
     * @param tokenTypes one type per token of each input, each in {@code [0, typeVocabSize)}
     * @param pooling    how token states become one vector
     * @return one vector of {@code hidden} per input, in input order, with pooling sums in FP64
     */
    public double[][] pooled(int[][] tokenIds, int[][] tokenTypes, Pooling pooling) {
        if (tokenTypes.length != tokenIds.length) {
            throw new IllegalArgumentException(tokenTypes.length + " type sequences for " + tokenIds.length
                    + " inputs; give one per input");
        }
        double[][] result = new double[tokenIds.length][];
        runPooled(tokenIds, tokenTypes, lengthsOf(tokenIds), pooling, (input, sum) -> result[input] = sum);
        return result;
    }

    /** Receives one forward batch: its final states are in {@link #x}, rows {@code [0, rows)}. */
    private interface BatchSink {
        void accept(int[] batch, int[] offsets, int[] lengths, int rows);
    }

    /** Receives the pooled FP64 vector of one input. */
    private interface PooledSink {
        void accept(int input, double[] pooled);
    }

    private static int[] lengthsOf(int[][] tokenIds) {
        int[] lengths = new int[tokenIds.length];
        for (int i = 0; i < tokenIds.length; i++) {
            lengths[i] = tokenIds[i] == null ? 0 : tokenIds[i].length;
        }
        return lengths;
    }

    /** Runs every batch and pools it where its states are (on the device, for a GPU backend). */
    private void runPooled(int[][] tokenIds, int[][] tokenTypes, int[] lengths, Pooling pooling, PooledSink sink) {
        int h = config.hidden();
        run(tokenIds, tokenTypes, lengths, (batch, offsets, batchLengths, rows) -> {
            double[][] pooled = kernels.pool(x, offsets, batchLengths, h, pooling == Pooling.CLS);
            for (int b = 0; b < batch.length; b++) {
                sink.accept(batch[b], pooled[b]);
            }
        });
    }

    /**
     * Checks every input, plans the batches and runs them one by one ({@code tokenTypes} {@code null}:
     * type 0 everywhere); after each, {@code sink} reads the states from {@link #x}.
     */
    private void run(int[][] tokenIds, int[][] tokenTypes, int[] lengths, BatchSink sink) {
        if (lengths.length != tokenIds.length) {
            throw new IllegalArgumentException("lengths has " + lengths.length + " entries for " + tokenIds.length
                    + " inputs; give one length per input");
        }
        for (int i = 0; i < tokenIds.length; i++) {
            checkInput(i, tokenIds[i], lengths[i]);
            if (tokenTypes != null) {
                checkTypes(i, tokenTypes[i], lengths[i]);
            }
        }
        for (int[] batch : LengthBatches.plan(lengths, maxBatchSequences, maxBatchTokens)) {
            int[] batchLengths = new int[batch.length];
            int[] offsets = new int[batch.length];
            int rows = 0;
            for (int b = 0; b < batch.length; b++) {
                batchLengths[b] = lengths[batch[b]];
                offsets[b] = rows;
                rows += batchLengths[b];
            }
            forward(tokenIds, tokenTypes, batch, offsets, batchLengths, rows);
            sink.accept(batch, offsets, batchLengths, rows);
        }
    }

    private void checkInput(int index, int[] ids, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("input " + index + " is empty; every sequence needs at least one "
                    + "token (the tokenizer adds [CLS] and [SEP])");
        }
        if (length > ids.length) {
            throw new IllegalArgumentException("input " + index + " has length " + length + " but only " + ids.length
                    + " token ids");
        }
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("input " + index + " has " + length + " tokens, more than the "
                    + "model's " + config.maxPositions() + " positions; truncate it when tokenizing");
        }
        for (int i = 0; i < length; i++) {
            if (ids[i] < 0 || ids[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("input " + index + " has token id " + ids[i] + " outside the "
                        + "vocabulary [0, " + config.vocabSize() + ")");
            }
        }
    }

    private void checkTypes(int index, int[] types, int length) {
        if (types == null || types.length < length) {
            throw new IllegalArgumentException("input " + index + " has " + (types == null ? 0 : types.length)
                    + " token types for " + length + " tokens; give one type per token");
        }
        for (int i = 0; i < length; i++) {
            if (types[i] < 0 || types[i] >= config.typeVocabSize()) {
                throw new IllegalArgumentException("input " + index + " has token type " + types[i] + " outside [0, "
                        + config.typeVocabSize() + ")");
            }
        }
    }

    /**
     * Runs one packed batch: sequence b occupies rows {@code [offsets[b], offsets[b] + lengths[b])},
     * {@code rows} in all. Its {@code [rows × hidden]} final states are then in {@link #x}.
     */
    private void forward(int[][] tokenIds, int[][] tokenTypes, int[] batch, int[] offsets, int[] lengths,
                            int rows) {
        int h = config.hidden();
        ensureCapacity(rows);
        kernels.beginBatch(offsets, lengths);
        embeddings(tokenIds, tokenTypes, batch, offsets, lengths);
        kernels.addLayerNorm(x, null, rows, h, embeddingLnGamma, embeddingLnBeta, config.layerNormEpsilon());
        for (PackedLayer w : layers) {
            kernels.gemm(x, rows, w.query(), w.queryB(), q);
            kernels.gemm(x, rows, w.key(), w.keyB(), k);
            kernels.gemm(x, rows, w.value(), w.valueB(), v);
            kernels.attention(q, k, v, offsets, lengths, config.heads(), config.headDim(), ctx);
            kernels.gemm(ctx, rows, w.attnOut(), w.attnOutB(), tmp);
            kernels.addLayerNorm(tmp, x, rows, h, w.attnLnGamma(), w.attnLnBeta(), config.layerNormEpsilon());
            swap();
            kernels.gemmGelu(x, rows, w.inter(), w.interB(), ffn);
            kernels.gemm(ffn, rows, w.out(), w.outB(), tmp);
            kernels.addLayerNorm(tmp, x, rows, h, w.outLnGamma(), w.outLnBeta(), config.layerNormEpsilon());
            swap();
        }
    }

    /**
     * {@code x[offsets[b] + i] = word[id] + position[i] + tokenType[type]} for every real token (see
     * {@link Kernels#embed}).
     */
    private void embeddings(int[][] tokenIds, int[][] tokenTypes, int[] batch, int[] offsets, int[] lengths) {
        int rows = offsets[batch.length - 1] + lengths[batch.length - 1];
        int[] wordIds = new int[rows];
        int[] positions = new int[rows];
        int[] types = new int[rows];
        for (int b = 0; b < batch.length; b++) {
            int[] ids = tokenIds[batch[b]];
            int[] typesOf = tokenTypes == null ? null : tokenTypes[batch[b]];
            for (int i = 0; i < lengths[b]; i++) {
                int r = offsets[b] + i;
                wordIds[r] = ids[i];
                positions[r] = i;
                types[r] = typesOf == null ? 0 : typesOf[i];
            }
        }
        kernels.embed(wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings, wordIds, positions, types, rows, x);
    }

    private void swap() {
        Kernels.Buffer t = x;
        x = tmp;
        tmp = t;
    }

    private void ensureCapacity(int rows) {
        int need = rows * config.hidden();
        if (x != null && x.floats() >= need) {
            return;
        }
        for (Kernels.Buffer b : activations()) {
            b.close();
        }
        x = kernels.allocate(need);
        tmp = kernels.allocate(need);
        q = kernels.allocate(need);
        k = kernels.allocate(need);
        v = kernels.allocate(need);
        ctx = kernels.allocate(need);
        ffn = kernels.allocate(rows * config.intermediate());
    }

    /** The activation buffers; none before the first batch. */
    private Kernels.Buffer[] activations() {
        return x == null ? new Kernels.Buffer[0] : new Kernels.Buffer[] {x, tmp, q, k, v, ctx, ffn};
    }
}
