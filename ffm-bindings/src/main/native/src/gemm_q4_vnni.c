/*
 * AVX-512 VNNI int4 GEMM: a register tile of 12 rows x one panel (16 columns), 12 zmm float
 * accumulators. Per block of 32 k: the panel block's 4 nibble vectors are split once into 8
 * vpdpbusd operands (low nibbles: k-quads 0-3, high nibbles: quads 4-7) and its 16 FP16 scales
 * converted once, then reused by all 12 rows; per row: 8 vpdpbusd into an int32 vector started
 * at -8 * sum(a), one convert, one multiply by d_w * d_a, one FMA into the row's accumulator (the
 * reference order, so the bits equal Java's). Panels are walked in blocks of PB (W of one block,
 * e.g. 16 x 48 x 288 bytes = 221 KB at k = 1536, stays in L2) with the row tiles inside. Partial
 * row tiles repeat the last valid row (never stored); the partial last panel is masked.
 * Activation quantization (AVX-512F) is here too.
 */
#include <string.h>

#include "vmath.h"

#define PB 16
#define MR 12

/* acc += vpdpbusd(u, s) (u unsigned bytes, s signed), in place; inline asm as in gemm_s8_vnni.c. */
#define DPBUSD(acc, u, s) __asm__("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(u), "v"(s))

PL_INLINE int32_t load4(const int8_t *p) {
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

#define ROW(r)                                                                                  \
    do {                                                                                        \
        const int8_t *ar = a##r + (int64_t)b * PL_QK;                                           \
        __m512i s = _mm512_set1_epi32(-8 * sum##r[b]);                                          \
        DPBUSD(s, w0, _mm512_set1_epi32(load4(ar)));                                            \
        DPBUSD(s, w1, _mm512_set1_epi32(load4(ar + 4)));                                        \
        DPBUSD(s, w2, _mm512_set1_epi32(load4(ar + 8)));                                        \
        DPBUSD(s, w3, _mm512_set1_epi32(load4(ar + 12)));                                       \
        DPBUSD(s, w4, _mm512_set1_epi32(load4(ar + 16)));                                       \
        DPBUSD(s, w5, _mm512_set1_epi32(load4(ar + 20)));                                       \
        DPBUSD(s, w6, _mm512_set1_epi32(load4(ar + 24)));                                       \
        DPBUSD(s, w7, _mm512_set1_epi32(load4(ar + 28)));                                       \
        __m512 scale = _mm512_mul_ps(dw, _mm512_set1_ps(d##r[b]));                              \
        acc##r = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), scale, acc##r);                         \
    } while (0)

#define ROW_POINTERS(r)                                                                         \
    const int64_t row##r = i + PL_MIN(r, rows - 1);                                             \
    const int8_t *a##r = g->a + row##r * stride;                                                \
    const float *d##r = g->a_d + row##r * g->kb;                                                \
    const int32_t *sum##r = g->a_sum + row##r * g->kb

#define STORE(r)                                                                                \
    do {                                                                                        \
        if (r < rows) {                                                                         \
            __m512 y = acc##r;                                                                  \
            if (g->bias) y = _mm512_add_ps(y, bias);                                            \
            _mm512_mask_storeu_ps(g->c + (i + r) * (int64_t)g->n + col, mk, y);                 \
        }                                                                                       \
    } while (0)

PL_TARGET_VNNI static void tile(const pl_q4_args *g, int i, int rows, int p) {
    const int64_t stride = (int64_t)g->kb * PL_QK;
    ROW_POINTERS(0); ROW_POINTERS(1); ROW_POINTERS(2); ROW_POINTERS(3);
    ROW_POINTERS(4); ROW_POINTERS(5); ROW_POINTERS(6); ROW_POINTERS(7);
    ROW_POINTERS(8); ROW_POINTERS(9); ROW_POINTERS(10); ROW_POINTERS(11);
    __m512 acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7, acc8, acc9, acc10, acc11;
    acc0 = acc1 = acc2 = acc3 = acc4 = acc5 = acc6 = acc7 = acc8 = acc9 = acc10 = acc11 = _mm512_setzero_ps();
    const __m512i low = _mm512_set1_epi8(0x0F);
    const uint8_t *panel = g->w + (int64_t)p * g->kb * PL_Q4_BLOCK;
    for (int b = 0; b < g->kb; b++) {
        const uint8_t *blk = panel + (int64_t)b * PL_Q4_BLOCK;
        __m512i v0 = _mm512_loadu_si512(blk), v1 = _mm512_loadu_si512(blk + 64);
        __m512i v2 = _mm512_loadu_si512(blk + 128), v3 = _mm512_loadu_si512(blk + 192);
        __m512i w0 = _mm512_and_si512(v0, low), w1 = _mm512_and_si512(v1, low);
        __m512i w2 = _mm512_and_si512(v2, low), w3 = _mm512_and_si512(v3, low);
        __m512i w4 = _mm512_and_si512(_mm512_srli_epi16(v0, 4), low);
        __m512i w5 = _mm512_and_si512(_mm512_srli_epi16(v1, 4), low);
        __m512i w6 = _mm512_and_si512(_mm512_srli_epi16(v2, 4), low);
        __m512i w7 = _mm512_and_si512(_mm512_srli_epi16(v3, 4), low);
        __m512 dw = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(blk + 256)));
        ROW(0); ROW(1); ROW(2); ROW(3); ROW(4); ROW(5);
        ROW(6); ROW(7); ROW(8); ROW(9); ROW(10); ROW(11);
    }
    const int col = p * PL_NR_Q4;
    const __mmask16 mk = pl_mask16(g->n - col);
    const __m512 bias = g->bias ? _mm512_maskz_loadu_ps(mk, g->bias + col) : _mm512_setzero_ps();
    STORE(0); STORE(1); STORE(2); STORE(3); STORE(4); STORE(5);
    STORE(6); STORE(7); STORE(8); STORE(9); STORE(10); STORE(11);
    if (g->gelu) pl_gelu512_block(g->c + (int64_t)i * g->n + col, g->n, rows, PL_MIN(PL_NR_Q4, g->n - col));
}

PL_TARGET_VNNI void pl_gemm_q4_vnni(const pl_q4_args *g) {
    for (int jc = g->panel_from; jc < g->panel_to; jc += PB) {
        int jc_end = PL_MIN(jc + PB, g->panel_to);
        for (int i = 0; i < g->m; i += MR) {
            int rows = PL_MIN(MR, g->m - i);
            for (int p = jc; p < jc_end; p++) tile(g, i, rows, p);
        }
    }
}

/* Q8_0-style blocks; the same bits as the portable path (vcvtps2dq rounds to nearest even). */
PL_TARGET_AVX512 void pl_quantize_rows_q8_avx512(const float *x, int m, int k, int8_t *q, float *d,
                                                 int32_t *sum) {
    const int kb = (k + PL_QK - 1) / PL_QK;
    const __m512 sign = _mm512_set1_ps(-0.0f);
    for (int64_t i = 0; i < m; i++) {
        const float *xr = x + i * k;
        for (int b = 0; b < kb; b++) {
            int from = b * PL_QK;
            __mmask16 m0 = pl_mask16(k - from), m1 = pl_mask16(k - from - 16);
            __m512 x0 = _mm512_maskz_loadu_ps(m0, xr + from), x1 = _mm512_maskz_loadu_ps(m1, xr + from + 16);
            float amax = _mm512_reduce_max_ps(_mm512_max_ps(_mm512_andnot_ps(sign, x0), _mm512_andnot_ps(sign, x1)));
            float scale = amax / 127.0f, inv = scale != 0.0f ? 1.0f / scale : 0.0f;
            __m512 vinv = _mm512_set1_ps(inv);
            __m512i q0 = _mm512_cvtps_epi32(_mm512_mul_ps(x0, vinv)), q1 = _mm512_cvtps_epi32(_mm512_mul_ps(x1, vinv));
            _mm_storeu_si128((__m128i *)(q + i * kb * PL_QK + from), _mm512_cvtepi32_epi8(q0));
            _mm_storeu_si128((__m128i *)(q + i * kb * PL_QK + from + 16), _mm512_cvtepi32_epi8(q1));
            d[i * kb + b] = scale;
            sum[i * kb + b] = _mm512_reduce_add_epi32(_mm512_add_epi32(q0, q1));
        }
    }
}
