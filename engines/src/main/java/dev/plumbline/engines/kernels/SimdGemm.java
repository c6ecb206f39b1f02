package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.MR;
import static dev.plumbline.engines.kernels.SimdTiles.NR;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cache-blocked GEMM for the {@code simd} backend: {@code C[m × n] = A[m × k] · W[k × n] + bias}.
 *
 * <p>W is packed once into column panels {@link SimdTiles#NR} wide ({@code k} rows of NR floats
 * each, zero-padded past {@code n}), so the micro-kernel reads B with unit stride. The loops are
 * blocked so that a {@link #KC} × ({@link #PANELS_PER_BLOCK}·NR) block of W stays in L2 (~590 KB of a
 * Zen 4/5 core's 1 MB) while a 6 × KC sliver of A (9 KB) stays in L1 across all panels of that block. A is
 * read in place (row-major, no packing): its six rows are broadcast one element at a time, and
 * the rows stream sequentially, which the hardware prefetcher handles.
 *
 * <p>Threads share the work by column panels when there are few rows and by chunks of whole
 * 6-row tiles otherwise (see {@link #gemm}), so every thread runs full tiles.
 *
 * <p>An output row's bits depend only on its row of A, W and the bias, never on m, on where the row
 * falls in its tile or on how the work is split: every path (calling thread, panel split, row
 * chunks) runs the same {@link #compute} with the same depth blocks, each element accumulates its
 * k products in the same order in its own register lane, a partial tile repeats a real row of A
 * (not stored) and the partial last panel depends on n only. The packed encoder relies on this.
 */
final class SimdGemm {
    /** Depth of one block of W: 384 × 64 floats per panel = 96 KB. */
    static final int KC = 384;
    /** Panels per block of W held in L2: 6 × 96 KB. */
    static final int PANELS_PER_BLOCK = 6;
    /** Row chunks per thread when splitting rows: enough to rebalance, few enough to reuse W. */
    static final int CHUNKS_PER_THREAD = 4;
    /** Smallest row chunk, in 6-row tiles (each chunk streams all of W once more). */
    static final int MIN_CHUNK_TILES = 8;
    /** Below this many row tiles per thread, threads split the column panels instead of the rows. */
    static final int PANEL_SPLIT_TILES_PER_THREAD = 16;

    private SimdGemm() {
    }

    /** W re-laid out in column panels; see {@link SimdGemm}. */
    record Packed(int k, int n, int panels, float[] data) implements Kernels.PackedMatrix {
        /** The panels, zero padding of the last one included. */
        @Override
        public long heapBytes() {
            return (long) data.length * Float.BYTES;
        }
    }

    /** Packs {@code w[k × n]} (row-major) into zero-padded column panels. */
    static Packed pack(float[] w, int k, int n) {
        int panels = (n + NR - 1) / NR;
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(panels, k), NR)];
        for (int p = 0; p < panels; p++) {
            int col = p * NR;
            int width = Math.min(NR, n - col);
            int base = p * k * NR;
            for (int kk = 0; kk < k; kk++) {
                System.arraycopy(w, kk * n + col, data, base + kk * NR, width);
            }
        }
        return new Packed(k, n, panels, data);
    }

    /**
     * Computes rows {@code [rowStart, rowEnd)} and column panels {@code [panelStart, panelEnd)} of
     * {@code c = a · w + bias}, then GELU on them when {@code gelu}; {@code a} has row stride
     * {@code w.k()}, {@code c} row stride {@code w.n()}.
     */
    static void compute(float[] a, Packed w, float[] bias, float[] c, int rowStart, int rowEnd,
                        int panelStart, int panelEnd, boolean gelu) {
        int k = w.k();
        int n = w.n();
        float[] b = w.data();
        float[] edge = null;
        for (int jc = panelStart; jc < panelEnd; jc += PANELS_PER_BLOCK) {
            int jcEnd = Math.min(jc + PANELS_PER_BLOCK, panelEnd);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0;
                boolean last = pc + kc == k;
                for (int i = rowStart; i < rowEnd; i += MR) {
                    int rows = Math.min(MR, rowEnd - i);
                    int aOff = i * k + pc;
                    int cRow = i * n;
                    for (int p = jc; p < jcEnd; p++) {
                        int col = p * NR;
                        int width = n - col;
                        if (width >= NR && rows == 1) {
                            // One row (a single query, batch-1 inference): no redundant rows' FMAs.
                            SimdTiles.tile1x4(a, aOff, b, (p * k + pc) * NR, kc, c, cRow + col, bias, col,
                                    accumulate);
                        } else if (width >= NR) {
                            SimdTiles.tile6x4(a, aOff, k, rows, b, (p * k + pc) * NR, kc,
                                    c, cRow + col, n, bias, col, accumulate);
                        } else {
                            if (edge == null) {
                                edge = new float[MR * NR];
                            }
                            edgeTile(a, aOff, k, rows, b, (p * k + pc) * NR, kc, c, cRow + col, n, width,
                                    bias, col, accumulate, edge);
                        }
                        if (gelu && last) {
                            geluTile(c, cRow + col, n, rows, Math.min(NR, width));
                        }
                    }
                }
            }
        }
    }

    /**
     * GELU on a finished output tile while it is still in L1: the fused feed-forward epilogue. A
     * separate method, so its inlined GELU does not count against the caller's C2 node budget.
     */
    private static void geluTile(float[] c, int cOff, int ldc, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            SimdKernels.geluRange(c, cOff + r * ldc, cOff + r * ldc + width);
        }
    }

    /** A tile of the last, partial column panel, through a full-width scratch tile. */
    private static void edgeTile(float[] a, int aOff, int lda, int rows, float[] b, int bOff, int kc,
                                 float[] c, int cOff, int ldc, int width, float[] bias, int biasOff,
                                 boolean accumulate, float[] edge) {
        java.util.Arrays.fill(edge, 0f);
        for (int r = 0; r < rows; r++) {
            if (accumulate) {
                System.arraycopy(c, cOff + r * ldc, edge, r * NR, width);
            } else if (bias != null) {
                System.arraycopy(bias, biasOff, edge, r * NR, width);
            }
        }
        if (rows == 1) {
            SimdTiles.tile1x4(a, aOff, b, bOff, kc, edge, 0, null, 0, true);
        } else {
            SimdTiles.tile6x4(a, aOff, lda, rows, b, bOff, kc, edge, 0, NR, null, 0, true);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(edge, r * NR, c, cOff + r * ldc, width);
        }
    }

    /**
     * Runs {@code c = a · w + bias} (then GELU when {@code gelu}) for {@code m} rows on the pool.
     *
     * <p>Few rows (under {@link #PANEL_SPLIT_TILES_PER_THREAD} tiles per thread: batch 1, one
     * sequence): threads deal out the column panels, so each streams only its share of W (at batch
     * 1 the weights come from memory, not cache, and are the cost) and all do the same number of
     * rows. Many rows: rows are cut into chunks of whole tiles, a multiple of the thread count, and
     * threads take chunks as they finish: on a shared machine a thread that loses its core for a
     * while then costs a chunk, not half the call.
     */
    static void gemm(WorkerPool pool, float[] a, int m, Packed w, float[] bias, float[] c, boolean gelu) {
        int threads = pool.threads();
        int rowTiles = (m + MR - 1) / MR;
        int panels = w.panels();
        AtomicInteger next = new AtomicInteger();
        if (threads == 1) {
            compute(a, w, bias, c, 0, m, 0, panels, gelu);
        } else if (rowTiles < PANEL_SPLIT_TILES_PER_THREAD * threads && panels >= threads) {
            pool.run(part -> {
                for (int p = next.getAndIncrement(); p < panels; p = next.getAndIncrement()) {
                    compute(a, w, bias, c, 0, m, p, p + 1, gelu);
                }
            });
        } else {
            int perThread = Math.max(1, Math.min(CHUNKS_PER_THREAD, rowTiles / (threads * MIN_CHUNK_TILES)));
            int chunks = Math.min(threads * perThread, rowTiles);
            pool.run(part -> {
                for (int ch = next.getAndIncrement(); ch < chunks; ch = next.getAndIncrement()) {
                    int t0 = (int) ((long) rowTiles * ch / chunks);
                    int t1 = (int) ((long) rowTiles * (ch + 1) / chunks);
                    compute(a, w, bias, c, t0 * MR, Math.min(m, t1 * MR), 0, panels, gelu);
                }
            });
        }
    }
}
