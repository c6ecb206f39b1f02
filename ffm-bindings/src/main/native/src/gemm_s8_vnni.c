/*
 * AVX-512 VNNI int8 GEMM: 6 rows x 4 panels (64 columns) register tile, 24 zmm int32
 * accumulators; per group of 4 k: 4 zmm of packed W, 6 broadcast 4-byte runs of A, 24 vpdpbusd.
 * Panels are walked in blocks of PB (W block K4 x 64 x PB bytes, e.g. 96 KB at k = 384, stays in
 * L2) with the row tiles inside, so a tile's 6 A rows stay in L1 across the block.
 * The k tail (k % 4 != 0) builds its last 4-byte run from the valid bytes only: no read past a row
 * (the last row may end the caller's array). Partial row tiles repeat the last valid row (never
 * stored); a partial group of panels repeats its last panel (never stored); the partial last
 * panel: zero-padded packing plus masked stores.
 */
#include <string.h>

#include "vmath.h"

#define PB 16

PL_INLINE uint32_t load4(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

PL_INLINE uint32_t load_tail(const uint8_t *p, int count) {
    uint32_t v = 0;
    for (int t = 0; t < count; t++) v |= (uint32_t)p[t] << (8 * t);
    return v;
}

/* acc += vpdpbusd(a, w), in place. Inline asm rather than _mm512_dpbusd_epi32: GCC 12 models the
 * builtin as non-destructive and, with 24 live accumulators, copies and spills them every step
 * (measured 175 -> 45 GOPS depending on the surrounding code). */
#define DPBUSD(acc, a, w) __asm__("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(a), "v"(w))

#define DP_ROW(r, av)                      \
    do {                                   \
        __m512i a_ = (av);                 \
        DPBUSD(acc##r##0, a_, w0);         \
        DPBUSD(acc##r##1, a_, w1);         \
        DPBUSD(acc##r##2, a_, w2);         \
        DPBUSD(acc##r##3, a_, w3);         \
    } while (0)

#define DP_STEP(LOADA)                      \
    do {                                    \
        DP_ROW(0, LOADA(0));                \
        DP_ROW(1, LOADA(1));                \
        DP_ROW(2, LOADA(2));                \
        DP_ROW(3, LOADA(3));                \
        DP_ROW(4, LOADA(4));                \
        DP_ROW(5, LOADA(5));                \
    } while (0)

#define LOAD_FULL(r) _mm512_set1_epi32((int)load4(a##r + 4 * gi))
#define LOAD_TAIL(r) _mm512_set1_epi32((int)load_tail(a##r + 4 * kfull, tail))

/* Epilogue of one accumulator: zero-point correction, then store int32 or dequantize. */
PL_INLINE PL_TARGET_VNNI void finish(const pl_s8_args *g, int64_t row, int col, __mmask16 mk, __m512i acc,
                                     __m512i cs, __m512 ws, __m512 bs) {
    __m512i v = _mm512_sub_epi32(acc, _mm512_mullo_epi32(_mm512_set1_epi32(g->a_zero[row]), cs));
    if (g->acc) {
        _mm512_mask_storeu_epi32(g->acc + row * g->n + col, mk, v);
    } else {
        /* (float) acc * (a_scale * w_scale) + bias: separate multiply and add, no FMA. */
        __m512 scale = _mm512_mul_ps(_mm512_set1_ps(g->a_scale[row]), ws);
        __m512 y = _mm512_mul_ps(_mm512_cvtepi32_ps(v), scale);
        if (g->bias) y = _mm512_add_ps(y, bs);
        _mm512_mask_storeu_ps(g->c + row * g->n + col, mk, y);
    }
}

#define FINISH_ROW(r)                                                                       \
    do {                                                                                    \
        if (r < rows) {                                                                     \
            finish(g, i + r, col0, mk0, acc##r##0, cs0, ws0, bs0);                          \
            if (nv > 1) finish(g, i + r, col0 + 16, mk1, acc##r##1, cs1, ws1, bs1);         \
            if (nv > 2) finish(g, i + r, col0 + 32, mk2, acc##r##2, cs2, ws2, bs2);         \
            if (nv > 3) finish(g, i + r, col0 + 48, mk3, acc##r##3, cs3, ws3, bs3);         \
        }                                                                                   \
    } while (0)

/* Rows [i, i + rows) x panels [p, p + nv), nv <= 4; missing panels repeat the last real one. */
PL_TARGET_VNNI static void tile(const pl_s8_args *g, int i, int rows, int p, int nv) {
    const int64_t k4 = ((int64_t)g->k + 3) / 4, kfull = g->k / 4;
    const int tail = g->k & 3;
    const uint8_t *a0 = g->a + (int64_t)i * g->k;
    const uint8_t *a1 = g->a + (int64_t)(i + PL_MIN(1, rows - 1)) * g->k;
    const uint8_t *a2 = g->a + (int64_t)(i + PL_MIN(2, rows - 1)) * g->k;
    const uint8_t *a3 = g->a + (int64_t)(i + PL_MIN(3, rows - 1)) * g->k;
    const uint8_t *a4 = g->a + (int64_t)(i + PL_MIN(4, rows - 1)) * g->k;
    const uint8_t *a5 = g->a + (int64_t)(i + PL_MIN(5, rows - 1)) * g->k;
    const int64_t ps = k4 * 64; /* panel stride */
    const int8_t *wp0 = g->w + (int64_t)p * ps;
    const int8_t *wp1 = wp0 + PL_MIN(1, nv - 1) * ps;
    const int8_t *wp2 = wp0 + PL_MIN(2, nv - 1) * ps;
    const int8_t *wp3 = wp0 + PL_MIN(3, nv - 1) * ps;
    __m512i acc00, acc01, acc02, acc03, acc10, acc11, acc12, acc13, acc20, acc21, acc22, acc23;
    __m512i acc30, acc31, acc32, acc33, acc40, acc41, acc42, acc43, acc50, acc51, acc52, acc53;
    acc00 = acc01 = acc02 = acc03 = acc10 = acc11 = acc12 = acc13 = _mm512_setzero_si512();
    acc20 = acc21 = acc22 = acc23 = acc30 = acc31 = acc32 = acc33 = _mm512_setzero_si512();
    acc40 = acc41 = acc42 = acc43 = acc50 = acc51 = acc52 = acc53 = _mm512_setzero_si512();
    for (int64_t gi = 0; gi < kfull; gi++) {
        __m512i w0 = _mm512_loadu_si512(wp0 + gi * 64), w1 = _mm512_loadu_si512(wp1 + gi * 64);
        __m512i w2 = _mm512_loadu_si512(wp2 + gi * 64), w3 = _mm512_loadu_si512(wp3 + gi * 64);
        DP_STEP(LOAD_FULL);
    }
    if (tail) {
        __m512i w0 = _mm512_loadu_si512(wp0 + kfull * 64), w1 = _mm512_loadu_si512(wp1 + kfull * 64);
        __m512i w2 = _mm512_loadu_si512(wp2 + kfull * 64), w3 = _mm512_loadu_si512(wp3 + kfull * 64);
        DP_STEP(LOAD_TAIL);
    }
    const int col0 = p * PL_NR_S8;
    __mmask16 mk0 = pl_mask16(g->n - col0), mk1 = pl_mask16(g->n - col0 - 16);
    __mmask16 mk2 = pl_mask16(g->n - col0 - 32), mk3 = pl_mask16(g->n - col0 - 48);
    /* Column sums, weight scales, bias of the nv panels (masked past n and past the nv panels). */
    if (nv < 4) mk3 = 0;
    if (nv < 3) mk2 = 0;
    if (nv < 2) mk1 = 0;
    __m512i cs0 = _mm512_maskz_loadu_epi32(mk0, g->colsum + col0), cs1 = _mm512_maskz_loadu_epi32(mk1, g->colsum + col0 + 16);
    __m512i cs2 = _mm512_maskz_loadu_epi32(mk2, g->colsum + col0 + 32), cs3 = _mm512_maskz_loadu_epi32(mk3, g->colsum + col0 + 48);
    __m512 ws0 = _mm512_setzero_ps(), ws1 = ws0, ws2 = ws0, ws3 = ws0, bs0 = ws0, bs1 = ws0, bs2 = ws0, bs3 = ws0;
    if (g->c) {
        ws0 = _mm512_maskz_loadu_ps(mk0, g->w_scale + col0);
        ws1 = _mm512_maskz_loadu_ps(mk1, g->w_scale + col0 + 16);
        ws2 = _mm512_maskz_loadu_ps(mk2, g->w_scale + col0 + 32);
        ws3 = _mm512_maskz_loadu_ps(mk3, g->w_scale + col0 + 48);
    }
    if (g->bias) {
        bs0 = _mm512_maskz_loadu_ps(mk0, g->bias + col0);
        bs1 = _mm512_maskz_loadu_ps(mk1, g->bias + col0 + 16);
        bs2 = _mm512_maskz_loadu_ps(mk2, g->bias + col0 + 32);
        bs3 = _mm512_maskz_loadu_ps(mk3, g->bias + col0 + 48);
    }
    FINISH_ROW(0);
    FINISH_ROW(1);
    FINISH_ROW(2);
    FINISH_ROW(3);
    FINISH_ROW(4);
    FINISH_ROW(5);
    if (g->c && g->gelu) pl_gelu512_block(g->c + (int64_t)i * g->n + col0, g->n, rows, PL_MIN(nv * 16, g->n - col0));
}

PL_TARGET_VNNI void pl_gemm_s8_vnni(const pl_s8_args *g) {
    for (int jc = g->panel_from; jc < g->panel_to; jc += PB) {
        int jc_end = PL_MIN(jc + PB, g->panel_to);
        for (int i = 0; i < g->m; i += 6) {
            int rows = PL_MIN(6, g->m - i);
            for (int p = jc; p < jc_end; p += 4) tile(g, i, rows, p, PL_MIN(4, jc_end - p));
        }
    }
}
