package dev.plumbline.engines.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact top-k search by inner product over FP32 vectors (cosine similarity when the vectors are
 * L2-normalized, as Plumbline's embeddings are). Documents are scored in blocks that stay in
 * cache while a block of queries runs over them; query blocks are spread over threads, and each
 * query keeps a bounded heap, so memory is O(k) per query whatever the corpus size.
 *
 * <p>{@link #searchReference} is the plain oracle the fast path is tested against.
 */
public final class FlatIndex implements VectorIndex {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Documents per block: 256 × 384 floats = 384 KiB, about L2-sized on the target machines. */
    private static final int DOC_BLOCK = 256;
    /** Queries per task. */
    private static final int QUERY_BLOCK = 8;

    private final int dim;
    private float[] vectors;
    private int size;

    /** @param dim vector dimension */
    public FlatIndex(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        this.dim = dim;
        this.vectors = new float[dim * 64];
    }

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public String describe() {
        return "flat";
    }

    @Override
    public boolean exact() {
        return true;
    }

    /** Vector dimension. */
    @Override
    public int dim() {
        return dim;
    }

    /** Number of indexed documents. */
    @Override
    public int size() {
        return size;
    }

    /** Bytes held by the vectors (exact index memory accounting). */
    @Override
    public long bytes() {
        return (long) size * dim * Float.BYTES;
    }

    /** Appends one vector; its ordinal is the number of vectors added before it. */
    public int add(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index expects " + dim);
        }
        if ((size + 1) * dim > vectors.length) {
            vectors = Arrays.copyOf(vectors, Math.max((size + 1) * dim, vectors.length * 2));
        }
        System.arraycopy(vector, 0, vectors, size * dim, dim);
        return size++;
    }

    /**
     * Exact top-k for each query, using {@code threads} threads.
     *
     * @param queries one vector per query, each of length {@link #dim()}
     */
    @Override
    public SearchResults search(float[][] queries, int k, int threads) {
        checkQueries(queries, k);
        int numQueries = queries.length;
        int[][] ids = new int[numQueries][];
        float[][] scores = new float[numQueries][];
        int blocks = (numQueries + QUERY_BLOCK - 1) / QUERY_BLOCK;
        if (threads <= 1 || blocks == 1) {
            for (int b = 0; b < blocks; b++) {
                searchBlock(queries, b * QUERY_BLOCK, Math.min(numQueries, (b + 1) * QUERY_BLOCK), k, ids, scores);
            }
            return new SearchResults(ids, scores);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plumbline-flat-search");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int from = b * QUERY_BLOCK;
                int to = Math.min(numQueries, from + QUERY_BLOCK);
                tasks.add(pool.submit(() -> searchBlock(queries, from, to, k, ids, scores)));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
        }
        return new SearchResults(ids, scores);
    }

    private void searchBlock(float[][] queries, int from, int to, int k, int[][] ids, float[][] scores) {
        int nq = to - from;
        TopK[] heaps = new TopK[nq];
        for (int q = 0; q < nq; q++) {
            heaps[q] = new TopK(Math.min(k, Math.max(1, size)));
        }
        for (int d0 = 0; d0 < size; d0 += DOC_BLOCK) {
            int d1 = Math.min(size, d0 + DOC_BLOCK);
            for (int q = 0; q < nq; q++) {
                float[] query = queries[from + q];
                TopK heap = heaps[q];
                for (int d = d0; d < d1; d++) {
                    float s = dot(query, vectors, d * dim, dim);
                    if (s >= heap.threshold()) {
                        heap.offer(s, d);
                    }
                }
            }
        }
        for (int q = 0; q < nq; q++) {
            int n = Math.min(k, size);
            ids[from + q] = new int[n];
            scores[from + q] = new float[n];
            heaps[q].drainInto(ids[from + q], scores[from + q]);
        }
    }

    /** Vectorized dot product of {@code a} with {@code b[offset, offset + n)}. */
    static float dot(float[] a, float[] b, int offset, int n) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int len = SPECIES.length();
        int i = 0;
        for (; i + 2 * len <= n; i += 2 * len) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, offset + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, i + len)
                    .fma(FloatVector.fromArray(SPECIES, b, offset + i + len), acc1);
        }
        for (; i + len <= n; i += len) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, offset + i), acc0);
        }
        // reduceLanes(ADD) may add lanes in a different order in the interpreter and in compiled
        // code, so the same vectors could score differently in the last bit before and after JIT
        // warm-up. Summing the lanes in a fixed order keeps scores bit-identical across runs.
        float[] lanes = new float[SPECIES.length()];
        acc0.add(acc1).intoArray(lanes, 0);
        float s = 0;
        for (float lane : lanes) {
            s += lane;
        }
        for (; i < n; i++) {
            s = Math.fma(a[i], b[offset + i], s);
        }
        return s;
    }

    /** The oracle: score every document with a plain loop, sort, cut at k. */
    public SearchResults searchReference(float[][] queries, int k) {
        checkQueries(queries, k);
        int n = Math.min(k, size);
        int[][] ids = new int[queries.length][n];
        float[][] scores = new float[queries.length][n];
        for (int q = 0; q < queries.length; q++) {
            float[] all = new float[size];
            Integer[] order = new Integer[size];
            for (int d = 0; d < size; d++) {
                double s = 0;
                for (int i = 0; i < dim; i++) {
                    s += (double) queries[q][i] * vectors[d * dim + i];
                }
                all[d] = (float) s;
                order[d] = d;
            }
            Arrays.sort(order, (x, y) -> all[x] != all[y] ? Float.compare(all[y], all[x]) : Integer.compare(x, y));
            for (int r = 0; r < n; r++) {
                ids[q][r] = order[r];
                scores[q][r] = all[order[r]];
            }
        }
        return new SearchResults(ids, scores);
    }

    private void checkQueries(float[][] queries, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        for (float[] q : queries) {
            if (q.length != dim) {
                throw new IllegalArgumentException("query has " + q.length + " dimensions, index expects " + dim);
            }
        }
    }
}
