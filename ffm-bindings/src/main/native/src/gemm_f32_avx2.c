/*
 * AVX2 + FMA FP32 GEMM over the same 64-wide packed panels: a 6 x 16 register tile (12 ymm
 * accumulators, 2 ymm of W + 6 broadcasts per k step), run over the panel's four 16-column
 * slices. A 16-float slice of a packed row is exactly one cache line, so each slice streams its
 * own lines. Same blocking and determinism rules as the AVX-512 path (see gemm_f32_avx512.c).
 */
#include "vmath.h"

#define KC 384
#define PB 6

#define FMA_ROW(r, ap)                                  \
    do {                                                \
        __m256 av = _mm256_broadcast_ss((ap) + p);      \
        c##r##0 = _mm256_fmadd_ps(av, b0, c##r##0);     \
        c##r##1 = _mm256_fmadd_ps(av, b1, c##r##1);     \
    } while (0)

#define INIT_ROW(r)                                                            \
    do {                                                                       \
        if (first) {                                                           \
            c##r##0 = c##r##1 = _mm256_setzero_ps();                            \
        } else {                                                               \
            const float *cp = c + (int64_t)PL_MIN(r, rows - 1) * ldc;           \
            c##r##0 = _mm256_maskload_ps(cp, m0);                              \
            c##r##1 = _mm256_maskload_ps(cp + 8, m1);                          \
        }                                                                      \
    } while (0)

#define FINISH(v, bq)                               \
    do {                                            \
        if (last) {                                 \
            if (bias) v = _mm256_add_ps(v, bq);     \
            if (gelu) v = pl_gelu256(v);            \
        }                                           \
    } while (0)

#define STORE_ROW(r)                                         \
    do {                                                     \
        if (r < rows) {                                      \
            float *cp = c + (int64_t)(r) * ldc;              \
            FINISH(c##r##0, bb0);                            \
            FINISH(c##r##1, bb1);                            \
            _mm256_maskstore_ps(cp, m0, c##r##0);            \
            _mm256_maskstore_ps(cp + 8, m1, c##r##1);        \
        }                                                    \
    } while (0)

/* One 16-column slice: b points at the slice within the panel row (row stride 64). */
PL_TARGET_AVX2 static void kernel_6x16(const float *a, int64_t lda, int rows, const float *b, int kc, float *c,
                                       int64_t ldc, int ncols, int first, int last, const float *bias,
                                       int gelu) {
    const float *a0 = a;
    const float *a1 = a + (int64_t)PL_MIN(1, rows - 1) * lda;
    const float *a2 = a + (int64_t)PL_MIN(2, rows - 1) * lda;
    const float *a3 = a + (int64_t)PL_MIN(3, rows - 1) * lda;
    const float *a4 = a + (int64_t)PL_MIN(4, rows - 1) * lda;
    const float *a5 = a + (int64_t)PL_MIN(5, rows - 1) * lda;
    __m256i m0 = pl_mask256(ncols), m1 = pl_mask256(ncols - 8);
    __m256 c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    INIT_ROW(0);
    INIT_ROW(1);
    INIT_ROW(2);
    INIT_ROW(3);
    INIT_ROW(4);
    INIT_ROW(5);
    for (int p = 0; p < kc; p++) {
        const float *bp = b + (int64_t)p * PL_NR_F32;
        __m256 b0 = _mm256_loadu_ps(bp);
        __m256 b1 = _mm256_loadu_ps(bp + 8);
        FMA_ROW(0, a0);
        FMA_ROW(1, a1);
        FMA_ROW(2, a2);
        FMA_ROW(3, a3);
        FMA_ROW(4, a4);
        FMA_ROW(5, a5);
    }
    __m256 bb0 = _mm256_setzero_ps(), bb1 = bb0;
    if (last && bias) {
        bb0 = _mm256_maskload_ps(bias, m0);
        bb1 = _mm256_maskload_ps(bias + 8, m1);
    }
    STORE_ROW(0);
    STORE_ROW(1);
    STORE_ROW(2);
    STORE_ROW(3);
    STORE_ROW(4);
    STORE_ROW(5);
}

PL_TARGET_AVX2 void pl_gemm_f32_avx2(const float *a, int m, const float *packed, int k, int n, const float *bias,
                                     float *c, int panel_from, int panel_to, int gelu) {
    for (int jc = panel_from; jc < panel_to; jc += PB) {
        int jc_end = PL_MIN(jc + PB, panel_to);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = PL_MIN(KC, k - pc);
            int first = pc == 0, last = pc + kc == k;
            for (int i = 0; i < m; i += 6) {
                int rows = PL_MIN(6, m - i);
                const float *ai = a + (int64_t)i * k + pc;
                for (int p = jc; p < jc_end; p++) {
                    const float *b = packed + ((int64_t)p * k + pc) * PL_NR_F32;
                    for (int s = 0; s < PL_NR_F32; s += 16) {
                        int col = p * PL_NR_F32 + s;
                        if (col >= n) break; /* slice entirely in the zero padding */
                        kernel_6x16(ai, k, rows, b + s, kc, c + (int64_t)i * n + col, n, PL_MIN(16, n - col),
                                    first, last, bias ? bias + col : NULL, gelu);
                    }
                }
            }
        }
    }
}
