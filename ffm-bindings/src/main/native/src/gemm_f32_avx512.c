/*
 * AVX-512 FP32 GEMM: 6 x 64 register tile (24 zmm accumulators; 4 zmm of W and 6 broadcasts of A
 * per k step feed 24 FMAs, enough independent chains to cover the FMA latency on Zen 4, where a
 * zmm FMA issues once per cycle).
 *
 * Blocking: a KC x (PB panels) block of W (384 x 384 floats = 576 KB) stays in L2 while every
 * 6-row tile runs over its panels; the tile's 6 x KC sliver of A (9 KB) stays in L1 across those
 * panels. A is read in place (row-major), broadcast one element at a time.
 *
 * Determinism: every element accumulates its k products in order in its own lane, with the same
 * depth blocks (the k loop is blocked identically for every call); between blocks the partial sum
 * round-trips through c exactly. A partial row tile repeats its last valid row (computed, never
 * stored); the partial last panel is zero-padded in the packing and masked on load/store, which
 * depends on n only.
 */
#include "vmath.h"

#define KC 384
#define PB 6

#define FMA_ROW(r, ap)                                        \
    do {                                                      \
        __m512 av = _mm512_set1_ps((ap)[p]);                  \
        c##r##0 = _mm512_fmadd_ps(av, b0, c##r##0);           \
        c##r##1 = _mm512_fmadd_ps(av, b1, c##r##1);           \
        c##r##2 = _mm512_fmadd_ps(av, b2, c##r##2);           \
        c##r##3 = _mm512_fmadd_ps(av, b3, c##r##3);           \
    } while (0)

#define INIT_ROW(r)                                                                  \
    do {                                                                             \
        if (first) {                                                                 \
            c##r##0 = c##r##1 = c##r##2 = c##r##3 = _mm512_setzero_ps();              \
        } else {                                                                     \
            const float *cp = c + (int64_t)PL_MIN(r, rows - 1) * ldc;                 \
            c##r##0 = _mm512_maskz_loadu_ps(m0, cp);                                 \
            c##r##1 = _mm512_maskz_loadu_ps(m1, cp + 16);                            \
            c##r##2 = _mm512_maskz_loadu_ps(m2, cp + 32);                            \
            c##r##3 = _mm512_maskz_loadu_ps(m3, cp + 48);                            \
        }                                                                            \
    } while (0)

#define FINISH(v, bq)                                  \
    do {                                               \
        if (last) {                                    \
            if (bias) v = _mm512_add_ps(v, bq);        \
        }                                              \
    } while (0)

#define STORE_ROW(r)                                                 \
    do {                                                             \
        if (r < rows) {                                              \
            float *cp = c + (int64_t)(r) * ldc;                      \
            FINISH(c##r##0, bb0);                                    \
            FINISH(c##r##1, bb1);                                    \
            FINISH(c##r##2, bb2);                                    \
            FINISH(c##r##3, bb3);                                    \
            _mm512_mask_storeu_ps(cp, m0, c##r##0);                  \
            _mm512_mask_storeu_ps(cp + 16, m1, c##r##1);             \
            _mm512_mask_storeu_ps(cp + 32, m2, c##r##2);             \
            _mm512_mask_storeu_ps(cp + 48, m3, c##r##3);             \
        }                                                            \
    } while (0)

/*
 * c[rows x ncols] (+)= a[rows x kc] . b[kc x 64]; a row stride lda, c row stride ldc; on the last
 * depth block adds bias (when non-NULL, offset to the panel) and applies GELU.
 */
PL_TARGET_AVX512 static void kernel_6x64(const float *a, int64_t lda, int rows, const float *b, int kc, float *c,
                                         int64_t ldc, int ncols, int first, int last, const float *bias,
                                         int gelu) {
    const float *a0 = a;
    const float *a1 = a + (int64_t)PL_MIN(1, rows - 1) * lda;
    const float *a2 = a + (int64_t)PL_MIN(2, rows - 1) * lda;
    const float *a3 = a + (int64_t)PL_MIN(3, rows - 1) * lda;
    const float *a4 = a + (int64_t)PL_MIN(4, rows - 1) * lda;
    const float *a5 = a + (int64_t)PL_MIN(5, rows - 1) * lda;
    __mmask16 m0 = pl_mask16(ncols), m1 = pl_mask16(ncols - 16), m2 = pl_mask16(ncols - 32),
              m3 = pl_mask16(ncols - 48);
    __m512 c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23;
    __m512 c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
    INIT_ROW(0);
    INIT_ROW(1);
    INIT_ROW(2);
    INIT_ROW(3);
    INIT_ROW(4);
    INIT_ROW(5);
    for (int p = 0; p < kc; p++) {
        const float *bp = b + (int64_t)p * PL_NR_F32;
        __m512 b0 = _mm512_loadu_ps(bp);
        __m512 b1 = _mm512_loadu_ps(bp + 16);
        __m512 b2 = _mm512_loadu_ps(bp + 32);
        __m512 b3 = _mm512_loadu_ps(bp + 48);
        FMA_ROW(0, a0);
        FMA_ROW(1, a1);
        FMA_ROW(2, a2);
        FMA_ROW(3, a3);
        FMA_ROW(4, a4);
        FMA_ROW(5, a5);
    }
    __m512 bb0 = _mm512_setzero_ps(), bb1 = bb0, bb2 = bb0, bb3 = bb0;
    if (last && bias) {
        bb0 = _mm512_maskz_loadu_ps(m0, bias);
        bb1 = _mm512_maskz_loadu_ps(m1, bias + 16);
        bb2 = _mm512_maskz_loadu_ps(m2, bias + 32);
        bb3 = _mm512_maskz_loadu_ps(m3, bias + 48);
    }
    STORE_ROW(0);
    STORE_ROW(1);
    STORE_ROW(2);
    STORE_ROW(3);
    STORE_ROW(4);
    STORE_ROW(5);
    if (last && gelu) pl_gelu512_block(c, ldc, rows, ncols);
}

PL_TARGET_AVX512 void pl_gemm_f32_avx512(const float *a, int m, const float *packed, int k, int n,
                                         const float *bias, float *c, int panel_from, int panel_to, int gelu) {
    for (int jc = panel_from; jc < panel_to; jc += PB) {
        int jc_end = PL_MIN(jc + PB, panel_to);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = PL_MIN(KC, k - pc);
            int first = pc == 0, last = pc + kc == k;
            for (int i = 0; i < m; i += 6) {
                int rows = PL_MIN(6, m - i);
                const float *ai = a + (int64_t)i * k + pc;
                for (int p = jc; p < jc_end; p++) {
                    int col = p * PL_NR_F32;
                    const float *b = packed + ((int64_t)p * k + pc) * PL_NR_F32;
                    kernel_6x64(ai, k, rows, b, kc, c + (int64_t)i * n + col, n, PL_MIN(PL_NR_F32, n - col),
                                first, last, bias ? bias + col : NULL, gelu);
                }
            }
        }
    }
}
