/* AVX-512 GELU and LayerNorm (see rowops_f32.c for the semantics). */
#include <math.h>

#include "vmath.h"

PL_TARGET_AVX512 void pl_gelu_avx512(float *x, int64_t n) {
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(x + i, pl_gelu512(_mm512_loadu_ps(x + i)));
    if (i < n) {
        __mmask16 m = pl_mask16((int)(n - i));
        _mm512_mask_storeu_ps(x + i, m, pl_gelu512(_mm512_maskz_loadu_ps(m, x + i)));
    }
}

PL_TARGET_AVX512 void pl_layer_norm_avx512(float *x, const float *residual, int rows, int cols,
                                           const float *gamma, const float *beta, float epsilon) {
    for (int64_t r = 0; r < rows; r++) {
        float *xr = x + r * cols;
        const float *rr = residual ? residual + r * cols : NULL;
        /* Pass 1: float sum stored back, accumulated in double (masked tail lanes are zero). */
        __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd();
        for (int j = 0; j < cols; j += 16) {
            __mmask16 m = pl_mask16(cols - j);
            __m512 v = _mm512_maskz_loadu_ps(m, xr + j);
            if (rr) {
                v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(m, rr + j));
                _mm512_mask_storeu_ps(xr + j, m, v);
            }
            s0 = _mm512_add_pd(s0, _mm512_cvtps_pd(_mm512_castps512_ps256(v)));
            s1 = _mm512_add_pd(s1, _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))));
        }
        double mean = _mm512_reduce_add_pd(_mm512_add_pd(s0, s1)) / cols;
        /* Pass 2: squared deviations in double (multiply then add, as the oracle). */
        __m512d vm = _mm512_set1_pd(mean);
        __m512d q0 = _mm512_setzero_pd(), q1 = _mm512_setzero_pd();
        for (int j = 0; j < cols; j += 16) {
            int left = cols - j;
            __mmask16 m = pl_mask16(left);
            __m512 v = _mm512_maskz_loadu_ps(m, xr + j);
            __mmask8 ml = (__mmask8)(m & 0xFF), mh = (__mmask8)(m >> 8);
            __m512d d0 = _mm512_maskz_sub_pd(ml, _mm512_cvtps_pd(_mm512_castps512_ps256(v)), vm);
            __m512d d1 = _mm512_maskz_sub_pd(
                mh, _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))), vm);
            q0 = _mm512_add_pd(q0, _mm512_mul_pd(d0, d0));
            q1 = _mm512_add_pd(q1, _mm512_mul_pd(d1, d1));
        }
        double var = _mm512_reduce_add_pd(_mm512_add_pd(q0, q1)) / cols;
        __m512d vinv = _mm512_set1_pd(1.0 / sqrt(var + (double)epsilon));
        /* Pass 3: ((x - mean) * inv) * gamma + beta in double, rounded once to float. */
        for (int j = 0; j < cols; j += 8) {
            __mmask8 m = (__mmask8)pl_mask16(PL_MIN(cols - j, 8));
            __m512d v = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, xr + j));
            __m512d g = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, gamma + j));
            __m512d b = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, beta + j));
            __m512d y = _mm512_add_pd(_mm512_mul_pd(_mm512_mul_pd(_mm512_sub_pd(v, vm), vinv), g), b);
            _mm256_mask_storeu_ps(xr + j, m, _mm512_cvtpd_ps(y));
        }
    }
}
