/*
 * Activation quantization for the W8A8 GEMM, per row, exactly as the Java reference
 * (dev.plumbline.engines.kernels.Int8Quantization.rows): the row's range widened to include 0,
 * scale = (hi - lo) / 255 (1 for an all-zero row), zero = round(-lo / scale) in [0, 255],
 * q = clamp(round(x * (1 / scale)) + zero, 0, 255), rounding to nearest with ties to even. The
 * Java form rounds with (p + 1.5 * 2^23) - 1.5 * 2^23; the portable path does the same (the build
 * has -ffp-contract=off), AVX-512 uses vrndscaleps, which gives the same integers for |p| < 2^22
 * (here |p| <= 255). Every code, zero point and scale is bit-identical to Java's.
 */
#include "vmath.h"

#define PL_ROUNDER 12582912.0f

static inline float round_even(float x) { return (x + PL_ROUNDER) - PL_ROUNDER; }

static inline int clamp255(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

/* The scale and zero point of a row with range [lo, hi] (lo <= 0 <= hi). */
static inline void row_params(float lo, float hi, float *scale, float *inv, int32_t *zero) {
    float s = hi > lo ? (hi - lo) / 255.0f : 1.0f;
    *scale = s;
    *inv = 1.0f / s;
    *zero = clamp255((int)round_even(-lo * *inv));
}

void pl_quantize_rows_u8_portable(const float *x, int m, int k, uint8_t *q, int32_t *zero, float *scale) {
    for (int64_t i = 0; i < m; i++) {
        const float *xr = x + i * k;
        float lo = 0.0f, hi = 0.0f;
        for (int p = 0; p < k; p++) {
            lo = xr[p] < lo ? xr[p] : lo;
            hi = xr[p] > hi ? xr[p] : hi;
        }
        float inv;
        row_params(lo, hi, &scale[i], &inv, &zero[i]);
        for (int p = 0; p < k; p++) q[i * k + p] = (uint8_t)clamp255((int)round_even(xr[p] * inv) + zero[i]);
    }
}

PL_TARGET_AVX512 void pl_quantize_rows_u8_avx512(const float *x, int m, int k, uint8_t *q, int32_t *zero,
                                                 float *scale) {
    for (int64_t i = 0; i < m; i++) {
        const float *xr = x + i * k;
        /* Masked-off lanes load 0, which the range includes anyway. */
        __m512 lo = _mm512_setzero_ps(), hi = lo;
        for (int p = 0; p < k; p += 16) {
            __m512 v = _mm512_maskz_loadu_ps(pl_mask16(k - p), xr + p);
            lo = _mm512_min_ps(lo, v);
            hi = _mm512_max_ps(hi, v);
        }
        float inv;
        row_params(_mm512_reduce_min_ps(lo), _mm512_reduce_max_ps(hi), &scale[i], &inv, &zero[i]);
        __m512 vinv = _mm512_set1_ps(inv);
        __m512i vz = _mm512_set1_epi32(zero[i]);
        __m512i top = _mm512_set1_epi32(255), bottom = _mm512_setzero_si512();
        for (int p = 0; p < k; p += 16) {
            __mmask16 mk = pl_mask16(k - p);
            __m512 r = _mm512_roundscale_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(mk, xr + p), vinv),
                                            _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
            __m512i v = _mm512_add_epi32(_mm512_cvtps_epi32(r), vz);
            v = _mm512_min_epi32(_mm512_max_epi32(v, bottom), top);
            _mm512_mask_cvtusepi32_storeu_epi8(q + i * k + p, mk, v);
        }
    }
}
