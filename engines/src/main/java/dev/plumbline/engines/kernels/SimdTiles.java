package dev.plumbline.engines.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tile micro-kernels every {@code simd} matrix product runs on: {@code C[rows × cols] (+)=
 * A[rows × kc] · B[kc × cols]} where {@code B} is a packed panel ({@code kc} rows of {@link #NR} or
 * {@link #NR2} contiguous floats) and {@code A} is read by broadcasting one element per row and step.
 *
 * <p>Why the shapes: a 512-bit machine has 32 vector registers. {@link #tile6x4} keeps 6 × 4 = 24
 * accumulators, loads 4 vectors of B and broadcasts 6 elements of A per step: 24 FMAs for 10 loads,
 * which keeps the FMA unit busy while B streams from L2. {@link #tile12x2} is the same budget for
 * panels two vectors wide (attention's {@code P · V} with head size 32).
 *
 * <p>The species is a {@code static final} constant: passed as a parameter the JIT cannot unroll
 * the vector shapes and throughput collapses to scalar speed. Partial tiles reuse the full-size
 * kernel: missing rows of A repeat the last real row (their results are not stored) and partial
 * column panels go through a full-width scratch tile, so no separate edge kernels exist to get
 * wrong. Both kernels are deliberately branch-free in their loops and free of masked stores:
 * a larger method trips C2's inlining node budget, the vector stores then become calls, every
 * accumulator is boxed, and throughput drops by half.
 */
public final class SimdTiles {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector (16 on AVX-512). */
    static final int L = S.length();
    /** Width of a {@link #tile6x4} panel: four vectors. */
    static final int NR = 4 * L;
    /** Width of a {@link #tile12x2} panel: two vectors. */
    static final int NR2 = 2 * L;
    /** Rows of a {@link #tile6x4}. */
    static final int MR = 6;
    /** Rows of a {@link #tile12x2}. */
    static final int MR2 = 12;

    private SimdTiles() {
    }

    /** Lane permutations for {@link #sumLanes}: swap blocks of L/2, L/4, …, 1 lanes. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] h = new VectorShuffle[steps];
        for (int i = 0; i < steps; i++) {
            int width = L >> (i + 1);
            h[i] = VectorShuffle.fromOp(S, lane -> lane ^ width);
        }
        return h;
    }

    /**
     * The sum of {@code v}'s lanes by a fixed pairwise tree (swap halves and add, log₂ L times).
     * {@code reduceLanes(ADD)} leaves the order unspecified and the interpreter and C2 do use
     * different orders, so the same input would give different bits before and after warm-up; a
     * fixed tree keeps every result reproducible, and unlike a store-and-loop it stays in registers.
     * Public for the other Vector API code that needs reproducible sums (the {@code maxsim}
     * reranker's dot products); {@code v} must be of the preferred species.
     */
    public static float sumLanes(FloatVector v) {
        for (VectorShuffle<Float> h : HALVES) {
            v = v.add(v.rearrange(h));
        }
        return v.lane(0);
    }

    /**
     * {@code C = A·B (+ bias | + C)} for up to 6 rows and exactly {@link #NR} columns (callers route
     * partial panels through a full-width scratch tile; one unmasked shape keeps this method small
     * enough for C2 to inline every vector operation, which is what keeps the accumulators in
     * registers).
     *
     * @param a          left matrix, row-major
     * @param aOff       offset of element (0, 0) of this tile's A block
     * @param lda        row stride of A
     * @param rows       real rows, 1..6; rows beyond are computed from the last real row, not stored
     * @param b          packed panel data: step {@code kk} occupies {@code [bOff + kk·NR, bOff + (kk+1)·NR)}
     * @param kc         depth of this product
     * @param c          output, row-major
     * @param cOff       offset of element (0, 0) of this tile in C
     * @param ldc        row stride of C
     * @param bias       added to every row when not accumulating; {@code null} for none
     * @param biasOff    offset of this tile's first column in {@code bias}
     * @param accumulate add to C's current values instead of initialising from bias
     */
    static void tile6x4(float[] a, int aOff, int lda, int rows, float[] b, int bOff, int kc,
                        float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean accumulate) {
        int a0 = aOff;
        int a1 = aOff + Math.min(1, rows - 1) * lda;
        int a2 = aOff + Math.min(2, rows - 1) * lda;
        int a3 = aOff + Math.min(3, rows - 1) * lda;
        int a4 = aOff + Math.min(4, rows - 1) * lda;
        int a5 = aOff + Math.min(5, rows - 1) * lda;

        FloatVector i0;
        FloatVector i1;
        FloatVector i2;
        FloatVector i3;
        if (bias != null && !accumulate) {
            i0 = FloatVector.fromArray(S, bias, biasOff);
            i1 = FloatVector.fromArray(S, bias, biasOff + L);
            i2 = FloatVector.fromArray(S, bias, biasOff + 2 * L);
            i3 = FloatVector.fromArray(S, bias, biasOff + 3 * L);
        } else {
            i0 = FloatVector.zero(S);
            i1 = i0;
            i2 = i0;
            i3 = i0;
        }
        FloatVector c00 = i0, c01 = i1, c02 = i2, c03 = i3;
        FloatVector c10 = i0, c11 = i1, c12 = i2, c13 = i3;
        FloatVector c20 = i0, c21 = i1, c22 = i2, c23 = i3;
        FloatVector c30 = i0, c31 = i1, c32 = i2, c33 = i3;
        FloatVector c40 = i0, c41 = i1, c42 = i2, c43 = i3;
        FloatVector c50 = i0, c51 = i1, c52 = i2, c53 = i3;
        if (accumulate) {
            int o = cOff;
            c00 = FloatVector.fromArray(S, c, o); c01 = FloatVector.fromArray(S, c, o + L);
            c02 = FloatVector.fromArray(S, c, o + 2 * L); c03 = FloatVector.fromArray(S, c, o + 3 * L);
            if (rows > 1) {
                o += ldc;
                c10 = FloatVector.fromArray(S, c, o); c11 = FloatVector.fromArray(S, c, o + L);
                c12 = FloatVector.fromArray(S, c, o + 2 * L); c13 = FloatVector.fromArray(S, c, o + 3 * L);
            }
            if (rows > 2) {
                o += ldc;
                c20 = FloatVector.fromArray(S, c, o); c21 = FloatVector.fromArray(S, c, o + L);
                c22 = FloatVector.fromArray(S, c, o + 2 * L); c23 = FloatVector.fromArray(S, c, o + 3 * L);
            }
            if (rows > 3) {
                o += ldc;
                c30 = FloatVector.fromArray(S, c, o); c31 = FloatVector.fromArray(S, c, o + L);
                c32 = FloatVector.fromArray(S, c, o + 2 * L); c33 = FloatVector.fromArray(S, c, o + 3 * L);
            }
            if (rows > 4) {
                o += ldc;
                c40 = FloatVector.fromArray(S, c, o); c41 = FloatVector.fromArray(S, c, o + L);
                c42 = FloatVector.fromArray(S, c, o + 2 * L); c43 = FloatVector.fromArray(S, c, o + 3 * L);
            }
            if (rows > 5) {
                o += ldc;
                c50 = FloatVector.fromArray(S, c, o); c51 = FloatVector.fromArray(S, c, o + L);
                c52 = FloatVector.fromArray(S, c, o + 2 * L); c53 = FloatVector.fromArray(S, c, o + 3 * L);
            }
        }

        int bo = bOff;
        for (int kk = 0; kk < kc; kk++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + kk]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + kk]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + kk]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + kk]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[a4 + kk]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, a[a5 + kk]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
        }

        int o = cOff;
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); c03.intoArray(c, o + 3 * L);
        if (rows > 1) {
            o += ldc;
            c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); c13.intoArray(c, o + 3 * L);
        }
        if (rows > 2) {
            o += ldc;
            c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); c23.intoArray(c, o + 3 * L);
        }
        if (rows > 3) {
            o += ldc;
            c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); c33.intoArray(c, o + 3 * L);
        }
        if (rows > 4) {
            o += ldc;
            c40.intoArray(c, o); c41.intoArray(c, o + L); c42.intoArray(c, o + 2 * L); c43.intoArray(c, o + 3 * L);
        }
        if (rows > 5) {
            o += ldc;
            c50.intoArray(c, o); c51.intoArray(c, o + L); c52.intoArray(c, o + 2 * L); c53.intoArray(c, o + 3 * L);
        }
    }

    /**
     * {@link #tile6x4} for one row: the same four accumulators per row and the same fused
     * multiply-adds in the same order, so every output carries the same bits as it would in a
     * six-row tile. Why a separate shape: with one real row, {@link #tile6x4} still runs all six
     * rows' FMAs (the extra ones repeat row 0), and a one-row product (a single query against a
     * corpus, batch-1 inference) is meant to be bound by streaming B from memory, which six times the
     * arithmetic can overtake on a core whose 512-bit FMAs run as two halves.
     */
    static void tile1x4(float[] a, int aOff, float[] b, int bOff, int kc,
                        float[] c, int cOff, float[] bias, int biasOff, boolean accumulate) {
        FloatVector c0;
        FloatVector c1;
        FloatVector c2;
        FloatVector c3;
        if (accumulate) {
            c0 = FloatVector.fromArray(S, c, cOff);
            c1 = FloatVector.fromArray(S, c, cOff + L);
            c2 = FloatVector.fromArray(S, c, cOff + 2 * L);
            c3 = FloatVector.fromArray(S, c, cOff + 3 * L);
        } else if (bias != null) {
            c0 = FloatVector.fromArray(S, bias, biasOff);
            c1 = FloatVector.fromArray(S, bias, biasOff + L);
            c2 = FloatVector.fromArray(S, bias, biasOff + 2 * L);
            c3 = FloatVector.fromArray(S, bias, biasOff + 3 * L);
        } else {
            c0 = FloatVector.zero(S);
            c1 = c0;
            c2 = c0;
            c3 = c0;
        }
        int bo = bOff;
        for (int kk = 0; kk < kc; kk++, bo += NR) {
            FloatVector x = FloatVector.broadcast(S, a[aOff + kk]);
            c0 = x.fma(FloatVector.fromArray(S, b, bo), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bo + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, bo + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, bo + 3 * L), c3);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + L);
        c2.intoArray(c, cOff + 2 * L);
        c3.intoArray(c, cOff + 3 * L);
    }

    /**
     * {@code C = A·B} for up to 12 rows and exactly {@link #NR2} columns, never accumulating and
     * without bias (attention's {@code P · V}). Parameters as in {@link #tile6x4}, except that step
     * {@code kk} of B starts at {@code bOff + kk·ldb}, so B can be rows of a wider matrix read in
     * place (V with head size 32); rows beyond {@code rows} are read from A (it must hold 12 rows at
     * stride {@code lda}) but not stored.
     */
    static void tile12x2(float[] a, int aOff, int lda, int rows, float[] b, int bOff, int ldb, int kc,
                         float[] c, int cOff, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        FloatVector c80 = z, c81 = z, c90 = z, c91 = z, ca0 = z, ca1 = z, cb0 = z, cb1 = z;
        int bo = bOff;
        for (int kk = 0; kk < kc; kk++, bo += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            int ao = aOff + kk;
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ao + lda]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ao + 2 * lda]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ao + 3 * lda]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ao + 4 * lda]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ao + 5 * lda]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ao + 6 * lda]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ao + 7 * lda]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[ao + 8 * lda]);
            c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[ao + 9 * lda]);
            c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, a[ao + 10 * lda]);
            ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(S, a[ao + 11 * lda]);
            cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
        int o = cOff;
        c00.intoArray(c, o); c01.intoArray(c, o + L);
        if (rows > 1) { o += ldc; c10.intoArray(c, o); c11.intoArray(c, o + L); }
        if (rows > 2) { o += ldc; c20.intoArray(c, o); c21.intoArray(c, o + L); }
        if (rows > 3) { o += ldc; c30.intoArray(c, o); c31.intoArray(c, o + L); }
        if (rows > 4) { o += ldc; c40.intoArray(c, o); c41.intoArray(c, o + L); }
        if (rows > 5) { o += ldc; c50.intoArray(c, o); c51.intoArray(c, o + L); }
        if (rows > 6) { o += ldc; c60.intoArray(c, o); c61.intoArray(c, o + L); }
        if (rows > 7) { o += ldc; c70.intoArray(c, o); c71.intoArray(c, o + L); }
        if (rows > 8) { o += ldc; c80.intoArray(c, o); c81.intoArray(c, o + L); }
        if (rows > 9) { o += ldc; c90.intoArray(c, o); c91.intoArray(c, o + L); }
        if (rows > 10) { o += ldc; ca0.intoArray(c, o); ca1.intoArray(c, o + L); }
        if (rows > 11) { o += ldc; cb0.intoArray(c, o); cb1.intoArray(c, o + L); }
    }
}
