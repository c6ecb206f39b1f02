/* AVX2 GELU and LayerNorm (see rowops_f32.c for the semantics). */
#include <math.h>

#include "vmath.h"

PL_TARGET_AVX2 void pl_gelu_avx2(float *x, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, pl_gelu256(_mm256_loadu_ps(x + i)));
    if (i < n) {
        __m256i m = pl_mask256((int)(n - i));
        _mm256_maskstore_ps(x + i, m, pl_gelu256(_mm256_maskload_ps(x + i, m)));
    }
}

/* Lane masks for doubles: the first `count` of 4. */
PL_TARGET_AVX2 static inline __m256i mask4d(int count) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(count), _mm256_setr_epi64x(0, 1, 2, 3));
}

PL_TARGET_AVX2 void pl_layer_norm_avx2(float *x, const float *residual, int rows, int cols, const float *gamma,
                                       const float *beta, float epsilon) {
    for (int64_t r = 0; r < rows; r++) {
        float *xr = x + r * cols;
        const float *rr = residual ? residual + r * cols : NULL;
        __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
        for (int j = 0; j < cols; j += 8) {
            __m256i m = pl_mask256(cols - j);
            __m256 v = _mm256_maskload_ps(xr + j, m);
            if (rr) {
                v = _mm256_add_ps(v, _mm256_maskload_ps(rr + j, m));
                _mm256_maskstore_ps(xr + j, m, v);
            }
            s0 = _mm256_add_pd(s0, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
            s1 = _mm256_add_pd(s1, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
        }
        __m256d s = _mm256_add_pd(s0, s1);
        __m128d h = _mm_add_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd(s, 1));
        double mean = (_mm_cvtsd_f64(h) + _mm_cvtsd_f64(_mm_unpackhi_pd(h, h))) / cols;
        __m256d vm = _mm256_set1_pd(mean);
        __m256d q0 = _mm256_setzero_pd(), q1 = _mm256_setzero_pd();
        for (int j = 0; j < cols; j += 8) {
            int left = cols - j;
            __m256 v = _mm256_maskload_ps(xr + j, pl_mask256(left));
            __m256d d0 = _mm256_and_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)), vm),
                                       _mm256_castsi256_pd(mask4d(left)));
            __m256d d1 = _mm256_and_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)), vm),
                                       _mm256_castsi256_pd(mask4d(left - 4)));
            q0 = _mm256_add_pd(q0, _mm256_mul_pd(d0, d0));
            q1 = _mm256_add_pd(q1, _mm256_mul_pd(d1, d1));
        }
        __m256d q = _mm256_add_pd(q0, q1);
        __m128d hq = _mm_add_pd(_mm256_castpd256_pd128(q), _mm256_extractf128_pd(q, 1));
        double var = (_mm_cvtsd_f64(hq) + _mm_cvtsd_f64(_mm_unpackhi_pd(hq, hq))) / cols;
        __m256d vinv = _mm256_set1_pd(1.0 / sqrt(var + (double)epsilon));
        for (int j = 0; j < cols; j += 4) {
            int left = PL_MIN(cols - j, 4);
            __m128i m = _mm256_castsi256_si128(pl_mask256(left));
            __m256d v = _mm256_cvtps_pd(_mm_maskload_ps(xr + j, m));
            __m256d g = _mm256_cvtps_pd(_mm_maskload_ps(gamma + j, m));
            __m256d b = _mm256_cvtps_pd(_mm_maskload_ps(beta + j, m));
            __m256d y = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(_mm256_sub_pd(v, vm), vinv), g), b);
            _mm_maskstore_ps(xr + j, m, _mm256_cvtpd_ps(y));
        }
    }
}
