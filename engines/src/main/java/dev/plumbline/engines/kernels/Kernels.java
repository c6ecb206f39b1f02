package dev.plumbline.engines.kernels;

/**
 * The small set of FP32 kernels the encoder forward pass is written against. A backend
 * ({@code scalar}, the readable oracle; {@code simd}, the Java Vector API; later {@code native}
 * through FFM) implements all of them; every fast backend is tested against {@code scalar} over
 * odd sizes with named tolerances. All matrices are row-major {@code float[]}s. Implementations
 * own their thread pool (size fixed at construction) and are safe to call from one thread at a
 * time.
 */
public interface Kernels extends AutoCloseable {
    /** Backend name, e.g. {@code scalar}, {@code simd}. */
    String name();

    /** Threads the backend uses for one call. */
    int threads();

    /**
     * How it computes, for provenance, e.g. {@code native kernels (avx512-vnni)}; the name plus
     * {@code " kernels"} unless the backend has more to say.
     */
    default String describe() {
        return name() + " kernels";
    }

    /**
     * The arithmetic of the linear layers: {@code fp32}, or a quantized scheme such as
     * {@code int8-w8a8}; the engine reports it, and the embedding cache keys on it.
     */
    default String numerics() {
        return "fp32";
    }

    /**
     * Whether every output row's bits depend only on its own inputs, never on the number of rows
     * in the call, the row's position or the thread count (so a sequence's vector is the same
     * alone or in any batch). True for the project's own backends; a backend built on a library
     * that chooses kernels by shape (OpenBLAS) says false and is held to tolerances instead.
     */
    default boolean batchInvariant() {
        return true;
    }

    /**
     * Exact bytes of memory outside the Java heap this backend holds now (packed weights and
     * scratch in its own arenas); 0 for backends that keep everything on the heap. Together with
     * {@link PackedMatrix#heapBytes()} of its packed matrices this is all the weight memory the
     * backend holds, so an engine's reported weight bytes are exact (the contract tests check that
     * packing a matrix is accounted in one of the two).
     */
    default long offHeapBytes() {
        return 0;
    }

    /**
     * Prepares a weight matrix for repeated {@link #gemm} calls (a backend may re-layout it into
     * panels). {@code w} is {@code [k × n]}, as ONNX MatMul stores it.
     */
    PackedMatrix pack(float[] w, int k, int n);

    /**
     * Exact bytes of work buffers this backend keeps on the Java heap between calls (they grow to
     * the largest call so far); 0 for backends that keep none. The engine adds them to its scratch.
     */
    default long scratchBytes() {
        return 0;
    }

    /**
     * Called by the encoder before each packed batch with its layout (sequence {@code b} at rows
     * {@code [offsets[b], offsets[b] + lengths[b])}); kernels whose arithmetic depends on which rows
     * form a sequence use it, the others ignore it.
     */
    default void beginBatch(int[] offsets, int[] lengths) {
    }

    /**
     * Packs a weight matrix that ships as symmetric int8 codes with a scale per column
     * ({@code w[k][j] = codes[k·n + j] · scales[j]}), keeping the codes as they are. Only
     * quantized backends can; FP32 backends refuse, naming the remedy.
     */
    default PackedMatrix packQuantized(byte[] codes, float[] scales, int k, int n) {
        throw new UnsupportedOperationException("backend '" + name() + "' computes in " + numerics()
                + " and cannot run int8 weights as shipped; use a quantized engine (native-int8, simd-int8), or the"
                + " model's FP32 export");
    }

    /**
     * Prepares an embedding table {@code [rows × cols]} for row lookups. FP32 backends keep the
     * array as it is (lookups are then exactly the model's values); a quantized backend may store
     * it in its own format, and its {@link EmbeddingTable#heapBytes()} is what the table costs.
     */
    default EmbeddingTable packEmbeddings(float[] table, int rows, int cols) {
        return new EmbeddingTable.Floats(table, rows, cols);
    }

    /** {@code c[m × n] = a[m × k] · w + bias}; {@code bias} has length n, or is {@code null} for none. */
    void gemm(float[] a, int m, PackedMatrix w, float[] bias, float[] c);

    /**
     * {@code c = gelu(a · w + bias)}: {@link #gemm} then {@link #gelu} over its {@code m · n}
     * outputs. A backend may fuse the two (GELU applied to each output tile while it is still in
     * cache, saving a pass over the feed-forward activations); this default does not.
     */
    default void gemmGelu(float[] a, int m, PackedMatrix w, float[] bias, float[] c) {
        gemm(a, m, w, bias, c);
        gelu(c, m * w.n());
    }

    /**
     * Multi-head self-attention over sequences that lie at given rows of {@code q}, {@code k},
     * {@code v} and {@code out}, each {@code [rows × heads·headDim]} row-major; head h of a row
     * occupies columns {@code [h·headDim, (h+1)·headDim)}. Sequence s occupies rows
     * {@code [offsets[s], offsets[s] + lengths[s])} and attends only to itself: for each of its rows
     * and each head, {@code out = softmax(q·kᵀ / √headDim) · v} over the sequence's own keys.
     *
     * <p>Sequences come in row order and do not overlap ({@code offsets[s] ≥ offsets[s−1] +
     * lengths[s−1]}), so a packed batch (offsets the running sum of lengths: no padding at all) and a
     * right-padded one ({@code offsets[s] = s·seq}) are both valid. Rows outside every sequence are
     * neither read nor written. A sequence's output depends only on its own rows, never on the
     * other sequences of the call, their number or the thread count.
     *
     * @param offsets first row of each sequence, ≥ 0
     * @param lengths rows of each sequence, ≥ 1; as many entries as {@code offsets}
     */
    void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                   float[] out);

    /**
     * {@code x = LayerNorm(x + residual) · gamma + beta} row by row over {@code rows × cols};
     * {@code residual} may be {@code null}. Variance is the biased (population) variance, as in BERT.
     */
    void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta, float epsilon);

    /** In place, exact GELU: {@code x · ½ · (1 + erf(x / √2))} over the first {@code n} elements. */
    void gelu(float[] x, int n);

    // ---------------------------------------------------------------------------------------------
    // Buffers: where the encoder keeps activations between kernel calls. A CPU backend's buffers
    // are Java arrays (HostBuffer) and the defaults below unwrap them and call the array methods,
    // at no cost; a GPU backend's are device memory, so a forward pass copies token ids in and
    // pooled vectors out and nothing in between (copying every activation both ways on every
    // call would cost more than the GPU's arithmetic).
    // ---------------------------------------------------------------------------------------------

    /** Room for {@code floats} values in this backend's memory, zeroed; close it to free it. */
    default Buffer allocate(int floats) {
        if (floats < 0) {
            throw new IllegalArgumentException("a buffer needs floats >= 0, got " + floats);
        }
        return new HostBuffer(new float[floats]);
    }

    /**
     * A read-only buffer holding {@code values} (biases, LayerNorm parameters). A CPU backend keeps
     * the array itself, so it must not change afterwards; a GPU backend copies it to the device.
     */
    default Buffer constant(float[] values) {
        return new HostBuffer(values);
    }

    /** Copies {@code src[0, count)} into {@code dst[0, count)}. */
    default void upload(float[] src, int count, Buffer dst) {
        checkCopy(count, src.length, dst.floats());
        System.arraycopy(src, 0, HostBuffer.array(dst, name()), 0, count);
    }

    /** Copies {@code src[0, count)} into {@code dst[0, count)}, after every call before it has finished. */
    default void download(Buffer src, int count, float[] dst) {
        checkCopy(count, src.floats(), dst.length);
        System.arraycopy(HostBuffer.array(src, name()), 0, dst, 0, count);
    }

    private static void checkCopy(int count, long from, long to) {
        if (count < 0 || count > from || count > to) {
            throw new IllegalArgumentException("cannot copy " + count + " floats from " + from + " into " + to);
        }
    }

    /** {@link #gemm(float[], int, PackedMatrix, float[], float[])} on buffers; {@code bias} may be {@code null}. */
    default void gemm(Buffer a, int m, PackedMatrix w, Buffer bias, Buffer c) {
        gemm(HostBuffer.array(a, name()), m, w, HostBuffer.array(bias, name()), HostBuffer.array(c, name()));
    }

    /** {@link #gemmGelu(float[], int, PackedMatrix, float[], float[])} on buffers. */
    default void gemmGelu(Buffer a, int m, PackedMatrix w, Buffer bias, Buffer c) {
        gemmGelu(HostBuffer.array(a, name()), m, w, HostBuffer.array(bias, name()), HostBuffer.array(c, name()));
    }

    /** {@link #attention(float[], float[], float[], int[], int[], int, int, float[])} on buffers. */
    default void attention(Buffer q, Buffer k, Buffer v, int[] offsets, int[] lengths, int heads, int headDim,
                           Buffer out) {
        String me = name();
        attention(HostBuffer.array(q, me), HostBuffer.array(k, me), HostBuffer.array(v, me), offsets, lengths, heads,
                headDim, HostBuffer.array(out, me));
    }

    /** {@link #addLayerNorm(float[], float[], int, int, float[], float[], float)} on buffers. */
    default void addLayerNorm(Buffer x, Buffer residual, int rows, int cols, Buffer gamma, Buffer beta,
                              float epsilon) {
        String me = name();
        addLayerNorm(HostBuffer.array(x, me), HostBuffer.array(residual, me), rows, cols, HostBuffer.array(gamma, me),
                HostBuffer.array(beta, me), epsilon);
    }

    /**
     * The embedding sum of {@code rows} tokens into {@code x [rows × cols]}: row r is
     * {@code word[wordIds[r]] + position[positions[r]] + type[types[r]]}, added in that order (so
     * FP32 tables give exactly the sums of the model's arrays). The tables come from this
     * backend's {@link #packEmbeddings}; ids are checked by the caller.
     */
    default void embed(EmbeddingTable word, EmbeddingTable position, EmbeddingTable type, int[] wordIds,
                       int[] positions, int[] types, int rows, Buffer x) {
        int cols = word.cols();
        float[] out = HostBuffer.array(x, name());
        if ((long) rows * cols > out.length || wordIds.length < rows || positions.length < rows || types.length < rows) {
            throw new IllegalArgumentException("embed needs " + rows + " ids of each kind and rows·cols = "
                    + (long) rows * cols + " floats in x, which holds " + out.length);
        }
        for (int r = 0; r < rows; r++) {
            int dst = r * cols;
            word.copyRow(wordIds[r], out, dst);
            position.addRow(positions[r], out, dst);
            type.addRow(types[r], out, dst);
        }
    }

    /**
     * One pooled vector per sequence of {@code state [rows × cols]} (sequence s at rows
     * {@code [offsets[s], offsets[s] + lengths[s])}): the mean of its rows, or its first row when
     * {@code firstRowOnly} (CLS pooling), summed in row order in FP64 and divided by the row count.
     */
    default double[][] pool(Buffer state, int[] offsets, int[] lengths, int cols, boolean firstRowOnly) {
        float[] s = HostBuffer.array(state, name());
        double[][] pooled = new double[offsets.length][];
        for (int q = 0; q < offsets.length; q++) {
            double[] sum = new double[cols];
            int rows = firstRowOnly ? 1 : lengths[q];
            for (int i = 0; i < rows; i++) {
                int at = (offsets[q] + i) * cols;
                for (int j = 0; j < cols; j++) {
                    sum[j] += s[at + j];
                }
            }
            for (int j = 0; j < cols; j++) {
                sum[j] /= rows;
            }
            pooled[q] = sum;
        }
        return pooled;
    }

    /**
     * Waits until every call made so far has finished. CPU backends compute before they return;
     * a GPU backend's buffer calls only enqueue work, so a profiler must wait here to time them.
     */
    default void synchronize() {
    }

    /** Releases the backend's threads. */
    @Override
    void close();

    /**
     * Memory for activations in a backend's own place (a Java array for CPU backends, device memory
     * for a GPU), made by {@link #allocate} or {@link #constant} and used only with that backend.
     */
    interface Buffer extends AutoCloseable {
        /** How many floats it holds. */
        int floats();

        /** Exact bytes of Java heap it holds; 0 for memory outside the heap (counted by its backend). */
        default long heapBytes() {
            return 0;
        }

        /** Frees the memory; nothing for a Java array. */
        @Override
        default void close() {
        }
    }

    /** A weight matrix prepared by {@link #pack}; opaque to callers except for its shape. */
    interface PackedMatrix {
        /** Rows of the original matrix (the shared dimension of gemm). */
        int k();

        /** Columns of the original matrix (output width of gemm). */
        int n();

        /**
         * Exact bytes of Java heap arrays this packed matrix holds (a padded panel layout holds
         * more than {@code k·n} floats). 0 by default, for backends that keep packed matrices
         * off the heap and count them in {@link Kernels#offHeapBytes()} instead.
         */
        default long heapBytes() {
            return 0;
        }
    }
}
