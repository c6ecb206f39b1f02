package dev.plumbline.engines.index;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Exact top-k search by inner product over FP32 vectors (cosine similarity when the vectors are
 * L2-normalized, as Plumbline's embeddings are), scored as a matrix product through a
 * {@link Kernels} backend ({@code simd} by default), the same GEMM the encoder runs on.
 *
 * <p>Documents are kept as blocks of {@link #DOC_BLOCK} vectors, each packed by the backend as the
 * {@code [dim × block]} right-hand side of {@code scores = queries · docsᵀ}. A search multiplies
 * chunks of {@link #QUERY_CHUNK} queries by every block and feeds each row of scores into a bounded
 * heap per query, so a batch of queries is compute-bound (each document block is read once per chunk
 * and used by up to 120 queries) and a single query streams the corpus once. Threads split the
 * blocks, each with its own one-thread backend instance, and their heaps are merged at the end.
 * The last, partial block stays row-major and is scored with the same FMA chain in plain Java
 * (under 768 documents), so the index holds exactly {@code size × dim} floats, without panel padding.
 *
 * <p>Every score is the sequential fused-multiply-add chain {@code fma(q[dim−1], d[dim−1], … fma(q[0],
 * d[0], 0))}: the backend's GEMM accumulates each output element in its own register lane in index
 * order, whatever the batch size. {@link #sequentialDot} computes the same chain, so rescoring in the
 * quantized indexes returns bit-identical scores to this index, and the scores of a query do not
 * depend on the batch it came in.
 *
 * <p>{@link #reference} is the plain oracle the fast path is tested against. Adding after a search
 * is allowed (the partial last block is repacked); adding concurrently with a search is not.
 */
public final class FlatIndex implements VectorIndex {
    /** Documents per packed block: 768 × 384 floats = 1.2 MB; the GEMM blocks it further for L2. */
    static final int DOC_BLOCK = 768;
    /** Queries per GEMM call: 120 × 384 floats = 184 KB of A, which stays in L2 beside W's block. */
    static final int QUERY_CHUNK = 120;

    private final int dim;
    private final String backend;
    /** Packs blocks and owns them (a native backend keeps them in its arena), for the index's life. */
    private final Kernels packer;
    private final List<Kernels.PackedMatrix> blocks = new ArrayList<>();
    /**
     * One-thread backend instances not in use, reused across searches: a backend is called by one
     * thread at a time, and creating one per search (a ServiceLoader lookup) costs more than a
     * one-query search of a small corpus.
     */
    private final ConcurrentLinkedDeque<Kernels> idle = new ConcurrentLinkedDeque<>();
    /**
     * The last, partial block's rows, row-major: a full block's capacity while adding, trimmed to
     * its rows by {@link #seal()}. They are scored in place (see {@link #scoreTail}) rather than
     * packed, so the index holds exactly {@code size × dim} floats: a packed partial block would be
     * padded to whole 64-column panels.
     */
    private float[] tail;
    private int tailCount;
    private int size;
    private boolean frozen;

    /** An empty index scoring with the {@code simd} backend. */
    public FlatIndex(int dim) {
        this(dim, KernelBackends.SIMD);
    }

    /**
     * @param dim     vector dimension
     * @param backend kernel backend name (see {@link KernelBackends#names()})
     */
    public FlatIndex(int dim, String backend) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        this.dim = dim;
        this.backend = backend;
        this.packer = KernelBackends.create(backend, 1);
    }

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public String describe() {
        return KernelBackends.SIMD.equals(backend) ? "flat" : "flat backend=" + backend;
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

    /**
     * Bytes of the packed blocks, the last block's rows and the backend's off-heap memory, after
     * {@link #seal()} (so a partial block's spare capacity is not counted): {@code size × dim × 4}
     * on the Java backends, whose 768-document blocks are whole panels.
     */
    @Override
    public synchronized long bytes() {
        seal();
        long b = packer.offHeapBytes();
        for (Kernels.PackedMatrix m : blocks) {
            b += m.heapBytes();
        }
        if (tail != null) {
            b += (long) tail.length * Float.BYTES;
        }
        return b;
    }

    /** Appends one vector; its ordinal is the number of vectors added before it. */
    public synchronized int add(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index expects " + dim);
        }
        if (frozen) {
            throw new IllegalStateException("this flat index was frozen by its provider and is read-only;"
                    + " build a new one to add vectors");
        }
        if (tail == null || tail.length < DOC_BLOCK * dim) {
            // seal() trims the staging block to the rows pending; grow it back to a full block.
            tail = tail == null ? new float[DOC_BLOCK * dim] : Arrays.copyOf(tail, DOC_BLOCK * dim);
        }
        System.arraycopy(vector, 0, tail, tailCount * dim, dim);
        tailCount++;
        if (tailCount == DOC_BLOCK) {
            blocks.add(pack(tail, DOC_BLOCK));
            tailCount = 0;
        }
        return size++;
    }

    /** Trims the partial last block to its rows. Searching and {@link #bytes()} seal implicitly. */
    public synchronized void seal() {
        if (tail != null && tail.length != tailCount * dim) {
            tail = tailCount == 0 ? null : Arrays.copyOf(tail, tailCount * dim);
        }
    }

    /** Seals; the index then rejects {@link #add} (a provider's index is read-only). */
    public synchronized void freeze() {
        seal();
        frozen = true;
    }

    private Kernels.PackedMatrix pack(float[] rows, int count) {
        // The GEMM's right-hand side is [dim × count]: transpose the block's rows into its columns.
        float[] t = new float[dim * count];
        for (int d = 0; d < count; d++) {
            int row = d * dim;
            for (int i = 0; i < dim; i++) {
                t[i * count + d] = rows[row + i];
            }
        }
        return packer.pack(t, dim, count);
    }

    /** The packed blocks and the last block's rows as one consistent snapshot for a search. */
    private record Snapshot(Kernels.PackedMatrix[] blocks, float[] tail, int tailCount) {
    }

    private synchronized Snapshot snapshot() {
        seal();
        return new Snapshot(blocks.toArray(new Kernels.PackedMatrix[0]), tail, tailCount);
    }

    /**
     * Exact top-k for each query, using {@code threads} threads.
     *
     * @param queries one vector per query, each of length {@link #dim()}
     */
    @Override
    public SearchResults search(float[][] queries, int k, int threads) {
        Parallel.checkSearch(queries, k, threads, dim);
        Snapshot snap = snapshot();
        Kernels.PackedMatrix[] all = snap.blocks();
        int nq = queries.length;
        int keep = Math.min(k, snap.blocks().length * DOC_BLOCK + snap.tailCount());
        int parts = Math.max(1, Math.min(threads, all.length));
        TopK[][] heaps = new TopK[parts][];
        Parallel.run(parts, part -> {
            TopK[] h = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                h[q] = new TopK(Math.max(1, keep));
            }
            heaps[part] = h;
            int b0 = Parallel.split(all.length, parts, part);
            int b1 = Parallel.split(all.length, parts, part + 1);
            Kernels kernels = idle.pollFirst();
            if (kernels == null) {
                kernels = KernelBackends.create(backend, 1);
            }
            try {
                scoreBlocks(kernels, all, b0, b1, queries, h);
            } finally {
                idle.addFirst(kernels);
            }
            if (part == parts - 1 && snap.tailCount() > 0) {
                scoreTail(snap.tail(), snap.tailCount(), all.length * DOC_BLOCK, queries, h);
            }
        });
        return Rescoring.drain(Rescoring.merge(heaps));
    }

    private void scoreBlocks(Kernels kernels, Kernels.PackedMatrix[] all, int b0, int b1, float[][] queries,
                             TopK[] heaps) {
        int nq = queries.length;
        float[] a = new float[Math.min(QUERY_CHUNK, nq) * dim];
        float[] c = new float[Math.min(QUERY_CHUNK, nq) * DOC_BLOCK];
        for (int q0 = 0; q0 < nq; q0 += QUERY_CHUNK) {
            int m = Math.min(QUERY_CHUNK, nq - q0);
            for (int r = 0; r < m; r++) {
                System.arraycopy(queries[q0 + r], 0, a, r * dim, dim);
            }
            for (int b = b0; b < b1; b++) {
                Kernels.PackedMatrix block = all[b];
                int n = block.n();
                int base = b * DOC_BLOCK;
                kernels.gemm(a, m, block, null, c);
                for (int r = 0; r < m; r++) {
                    select(c, r * n, n, base, heaps[q0 + r]);
                }
            }
        }
    }

    /**
     * Scores the last block's rows (fewer than {@link #DOC_BLOCK}) from their row-major copy with
     * {@link #sequentialDot}'s chain, four documents at a time: the same bits the GEMM gives a packed
     * document, without padding the block to whole panels.
     */
    private void scoreTail(float[] rows, int count, int base, float[][] queries, TopK[] heaps) {
        float[] scores = new float[count];
        for (int q = 0; q < queries.length; q++) {
            float[] query = queries[q];
            int d = 0;
            for (; d + 4 <= count; d += 4) {
                int o0 = d * dim;
                int o1 = o0 + dim;
                int o2 = o1 + dim;
                int o3 = o2 + dim;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int i = 0; i < dim; i++) {
                    float x = query[i];
                    s0 = Math.fma(x, rows[o0 + i], s0);
                    s1 = Math.fma(x, rows[o1 + i], s1);
                    s2 = Math.fma(x, rows[o2 + i], s2);
                    s3 = Math.fma(x, rows[o3 + i], s3);
                }
                scores[d] = s0;
                scores[d + 1] = s1;
                scores[d + 2] = s2;
                scores[d + 3] = s3;
            }
            for (; d < count; d++) {
                float s = 0;
                for (int i = 0; i < dim; i++) {
                    s = Math.fma(query[i], rows[d * dim + i], s);
                }
                scores[d] = s;
            }
            select(scores, 0, count, base, heaps[q]);
        }
    }

    /**
     * Offers one row of scores to a heap; the threshold check keeps the heap out of the common case.
     * Strictly greater: ordinals only grow within a part, so a candidate tying the worst kept one
     * would lose the tie anyway.
     */
    static void select(float[] c, int off, int n, int base, TopK heap) {
        float t = heap.threshold();
        for (int j = 0; j < n; j++) {
            float s = c[off + j];
            if (s > t) {
                heap.offer(s, base + j);
                t = heap.threshold();
            }
        }
    }

    /**
     * The score this index gives: {@code fma(a[n−1], b[n−1], … fma(a[0], b[0], 0))}, summed in index
     * order like one lane of the GEMM, so rescoring elsewhere reproduces this index's scores exactly.
     */
    static float sequentialDot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    /**
     * The oracle: score every document with a plain double-precision loop, sort by score descending
     * and ordinal ascending, cut at k.
     */
    public static SearchResults reference(float[][] docs, float[][] queries, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        int size = docs.length;
        int n = Math.min(k, size);
        int[][] ids = new int[queries.length][n];
        float[][] scores = new float[queries.length][n];
        for (int q = 0; q < queries.length; q++) {
            float[] all = new float[size];
            Integer[] order = new Integer[size];
            for (int d = 0; d < size; d++) {
                double s = 0;
                for (int i = 0; i < queries[q].length; i++) {
                    s += (double) queries[q][i] * docs[d][i];
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
}
