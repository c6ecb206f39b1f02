/*
 * AVX2 int8 GEMM over the vpdpbusd packing: each 64-byte group of a panel is split in four
 * 16-byte quarters (4 columns x 4 k), sign-extended to 16 bits; the activation's 4-byte run is
 * zero-extended to 16 bits and broadcast; vpmaddwd then yields, per column, two exact int32
 * partial sums (k0 + k1 and k2 + k3) that stay in separate lanes until the end (hadd + permute).
 * No vpmaddubsw: its int16 saturation would break exactness. Tile: 2 rows x 16 columns
 * (8 accumulators + 4 W registers).
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

/* Four u8 -> four u16, repeated in every 64-bit lane. */
PL_INLINE PL_TARGET_AVX2 __m256i bcast_a(uint32_t v) {
    return _mm256_broadcastq_epi64(_mm_cvtepu8_epi16(_mm_cvtsi32_si128((int)v)));
}

/* [c0a c0b c1a c1b | c2a c2b c3a c3b] x 2 -> [c0 .. c7]. */
PL_INLINE PL_TARGET_AVX2 __m256i fold(__m256i lo, __m256i hi) {
    return _mm256_permute4x64_epi64(_mm256_hadd_epi32(lo, hi), 0xD8);
}

PL_TARGET_AVX2 static void tile(const pl_s8_args *g, int i, int rows, int p) {
    const int64_t k4 = ((int64_t)g->k + 3) / 4, kfull = g->k / 4;
    const int tail = g->k & 3;
    const uint8_t *a0 = g->a + (int64_t)i * g->k;
    const uint8_t *a1 = g->a + (int64_t)(i + rows - 1) * g->k;
    const int8_t *wp = g->w + (int64_t)p * k4 * 64;
    __m256i acc0[4], acc1[4];
    for (int q = 0; q < 4; q++) acc0[q] = acc1[q] = _mm256_setzero_si256();
    for (int64_t gi = 0; gi <= kfull; gi++) {
        uint32_t r0, r1;
        if (gi < kfull) {
            r0 = load4(a0 + 4 * gi);
            r1 = load4(a1 + 4 * gi);
        } else if (tail) {
            r0 = load_tail(a0 + 4 * gi, tail);
            r1 = load_tail(a1 + 4 * gi, tail);
        } else {
            break;
        }
        __m256i x0 = bcast_a(r0), x1 = bcast_a(r1);
        const int8_t *wg = wp + gi * 64;
        for (int q = 0; q < 4; q++) {
            __m256i w = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(wg + 16 * q)));
            acc0[q] = _mm256_add_epi32(acc0[q], _mm256_madd_epi16(x0, w));
            acc1[q] = _mm256_add_epi32(acc1[q], _mm256_madd_epi16(x1, w));
        }
    }
    __m256i sums[2][2] = {{fold(acc0[0], acc0[1]), fold(acc0[2], acc0[3])},
                          {fold(acc1[0], acc1[1]), fold(acc1[2], acc1[3])}};
    const int col = p * PL_NR_S8;
    for (int r = 0; r < rows; r++) {
        int64_t row = i + r;
        __m256i z = _mm256_set1_epi32(g->a_zero[row]);
        for (int h = 0; h < 2; h++) {
            int c = col + 8 * h;
            if (c >= g->n) break;
            __m256i mk = pl_mask256(g->n - c);
            __m256i cs = _mm256_loadu_si256((const __m256i *)(g->colsum + c));
            __m256i v = _mm256_sub_epi32(sums[r][h], _mm256_mullo_epi32(z, cs));
            if (g->acc) {
                _mm256_maskstore_epi32(g->acc + row * g->n + c, mk, v);
            } else {
                __m256 scale = _mm256_mul_ps(_mm256_set1_ps(g->a_scale[row]),
                                             _mm256_maskload_ps(g->w_scale + c, mk));
                __m256 y = _mm256_mul_ps(_mm256_cvtepi32_ps(v), scale);
                if (g->bias) y = _mm256_add_ps(y, _mm256_maskload_ps(g->bias + c, mk));
                if (g->gelu) y = pl_gelu256(y);
                _mm256_maskstore_ps(g->c + row * g->n + c, mk, y);
            }
        }
    }
}

PL_TARGET_AVX2 void pl_gemm_s8_avx2(const pl_s8_args *g) {
    for (int jc = g->panel_from; jc < g->panel_to; jc += PB) {
        int jc_end = PL_MIN(jc + PB, g->panel_to);
        for (int i = 0; i < g->m; i += 2) {
            int rows = PL_MIN(2, g->m - i);
            for (int p = jc; p < jc_end; p++) tile(g, i, rows, p);
        }
    }
}
