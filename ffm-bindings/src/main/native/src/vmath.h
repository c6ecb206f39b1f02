/*
 * Vector exp and GELU for the AVX-512 and AVX2 paths (header-only: static inline functions with
 * the caller's target, so they inline into the kernels).
 *
 * exp: Cephes expf. x = n ln2 + r with ln2 split in two (Cody-Waite, n * LN2_HI exact), |r| <=
 * ln2/2, degree-5 polynomial for (e^r - 1 - r) / r^2, then scaled by 2^n. About 1 ulp, which the
 * attention softmax needs (its 1e-5 relative bound vs FP64 rules out the fast approximations).
 *
 * GELU: x * h(z) with z = x / sqrt(2) and h = (1 + erf(z)) / 2: 1/2 + erf(z)/2 by the Taylor
 * series on -0.35 < z < 1, else 1 - erfc(z) / 2 for z >= 1 and erfc(-z) / 2 for z <= -0.35, so no
 * branch cancels (the negative tail keeps its relative precision,
 * and h >= 1/2 on the other side). erfc(|z|) = t exp(-z^2 + P(t)), t = 1 / (1 + |z|/2), is
 * Numerical Recipes' Chebyshev fit (relative error < 1.2e-7 for every z), evaluated with z^2 split
 * exactly in two (the float rounding of z^2 would cost ~2 z^2 ulp in the tail). Measured: about
 * 7 ulp at worst against double, inside the ABI's 2 ulp + 1e-7 bound (the absolute term covers
 * the tail, where values are below 1e-3).
 */
#ifndef PLUMBLINE_VMATH_H
#define PLUMBLINE_VMATH_H

#include <immintrin.h>

#include "internal.h"

#define PL_LOG2E 1.44269504088896341f
#define PL_LN2_HI 0.693359375f
#define PL_LN2_LO -2.12194440e-4f
#define PL_EXP_P0 1.9875691500e-4f
#define PL_EXP_P1 1.3981999507e-3f
#define PL_EXP_P2 8.3334519073e-3f
#define PL_EXP_P3 4.1665795894e-2f
#define PL_EXP_P4 1.6666665459e-1f
#define PL_EXP_P5 5.0000001201e-1f

/* Taylor coefficients of erf(z) / z in z^2: 2/sqrt(pi) (-1)^n / (n! (2n + 1)); the 13th term is
 * below 1e-10 on |z| < 1. */
#define PL_ERF_T0 1.1283791670955126f
#define PL_ERF_T1 -0.37612638903183754f
#define PL_ERF_T2 0.11283791670955126f
#define PL_ERF_T3 -0.026866170645131252f
#define PL_ERF_T4 0.005223977625442188f
#define PL_ERF_T5 -0.0008548327023450852f
#define PL_ERF_T6 0.00012055332981789664f
#define PL_ERF_T7 -1.492565035840625e-05f
#define PL_ERF_T8 1.6462114365889246e-06f
#define PL_ERF_T9 -1.6365844691234924e-07f
#define PL_ERF_T10 1.4807192815879218e-08f
#define PL_ERF_T11 -1.2290555301717926e-09f

/* Numerical Recipes erfcc: erfc(z) = t exp(-z^2 + C0 + t (C1 + t (C2 + ...))). */
#define PL_ERFC_C0 -1.26551223f
#define PL_ERFC_C1 1.00002368f
#define PL_ERFC_C2 0.37409196f
#define PL_ERFC_C3 0.09678418f
#define PL_ERFC_C4 -0.18628806f
#define PL_ERFC_C5 0.27886807f
#define PL_ERFC_C6 -1.13520398f
#define PL_ERFC_C7 1.48851587f
#define PL_ERFC_C8 -0.82215223f
#define PL_ERFC_C9 0.17087277f

#define PL_INV_SQRT2 0.707106781186547524f

/* ------------------------------------------------------------------ AVX-512 */

/* e^x, ~1 ulp; 0 below -104 (and for -inf), inf above ~88.72 (scalef handles the 2^n range). */
PL_TARGET_AVX512 static inline __m512 pl_exp512(__m512 x) {
    x = _mm512_max_ps(x, _mm512_set1_ps(-104.0f));
    x = _mm512_min_ps(x, _mm512_set1_ps(89.0f));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(PL_LOG2E)),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(PL_LN2_HI), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(PL_LN2_LO), r);
    __m512 p = _mm512_set1_ps(PL_EXP_P0);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(PL_EXP_P1));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(PL_EXP_P2));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(PL_EXP_P3));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(PL_EXP_P4));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(PL_EXP_P5));
    __m512 r2 = _mm512_mul_ps(r, r);
    __m512 y = _mm512_fmadd_ps(p, r2, r);
    y = _mm512_add_ps(y, _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(y, n);
}

PL_TARGET_AVX512 static inline __m512 pl_gelu512(__m512 x) {
    __m512 z = _mm512_mul_ps(x, _mm512_set1_ps(PL_INV_SQRT2));
    __m512 az = _mm512_abs_ps(z);
    __m512 half = _mm512_set1_ps(0.5f);
    __m512 one = _mm512_set1_ps(1.0f);
    __m512 t = _mm512_div_ps(one, _mm512_fmadd_ps(az, half, one));
    __m512 p = _mm512_set1_ps(PL_ERFC_C9);
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C8));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C7));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C6));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C5));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C4));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C3));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C2));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C1));
    p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(PL_ERFC_C0));
    /* exp(P - z^2) with z^2 = x^2 / 2 split exactly (hi + lo, FMA) and the subtraction's rounding
     * error recovered (2Sum): the float rounding of z^2 and of x / sqrt(2) would otherwise cost
     * about 2 z^2 ulp of relative error in the negative tail. */
    __m512 x2 = _mm512_mul_ps(x, x);
    __m512 z2h = _mm512_mul_ps(x2, half);
    __m512 z2l = _mm512_mul_ps(_mm512_fmsub_ps(x, x, x2), half);
    __m512 arg = _mm512_sub_ps(p, z2h);
    __m512 bb = _mm512_sub_ps(arg, p);
    __m512 err = _mm512_sub_ps(_mm512_sub_ps(p, _mm512_sub_ps(arg, bb)), _mm512_add_ps(z2h, bb));
    __m512 e = pl_exp512(arg);
    e = _mm512_fmadd_ps(e, _mm512_sub_ps(err, z2l), e);
    __m512 half_erfc = _mm512_mul_ps(_mm512_mul_ps(t, e), half);
    __mmask16 neg = _mm512_cmp_ps_mask(z, _mm512_setzero_ps(), _CMP_LT_OQ);
    __m512 h = _mm512_mask_blend_ps(neg, _mm512_sub_ps(one, half_erfc), half_erfc);
    /* -0.35 < z < 1: h = 1/2 + erf(z)/2 from the Taylor series (erf itself good to ~1e-7 there;
     * below -0.35 the sum would cancel, so the erfc form stays). Skipped when no lane needs it. */
    __mmask16 small = _mm512_cmp_ps_mask(z, one, _CMP_LT_OQ) &
                      _mm512_cmp_ps_mask(z, _mm512_set1_ps(-0.35f), _CMP_GT_OQ);
    if (small) {
        __m512 z2 = _mm512_mul_ps(z, z);
        __m512 s = _mm512_set1_ps(PL_ERF_T11);
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T10));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T9));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T8));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T7));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T6));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T5));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T4));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T3));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T2));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T1));
        s = _mm512_fmadd_ps(s, z2, _mm512_set1_ps(PL_ERF_T0));
        h = _mm512_mask_blend_ps(small, h, _mm512_fmadd_ps(_mm512_mul_ps(s, z), half, half));
    }
    return _mm512_mul_ps(x, h);
}

/* ------------------------------------------------------------------ AVX2 */

/* e^x, ~1 ulp for x in [-87.3, 88.3]; 0 below -87.3 (and for -inf). 2^n built in the exponent. */
PL_TARGET_AVX2 static inline __m256 pl_exp256(__m256 x) {
    __m256 under = _mm256_cmp_ps(x, _mm256_set1_ps(-87.33f), _CMP_LT_OQ);
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.33f));
    x = _mm256_min_ps(x, _mm256_set1_ps(88.3f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(PL_LOG2E)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(PL_LN2_HI), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(PL_LN2_LO), r);
    __m256 p = _mm256_set1_ps(PL_EXP_P0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(PL_EXP_P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(PL_EXP_P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(PL_EXP_P3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(PL_EXP_P4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(PL_EXP_P5));
    __m256 r2 = _mm256_mul_ps(r, r);
    __m256 y = _mm256_fmadd_ps(p, r2, r);
    y = _mm256_add_ps(y, _mm256_set1_ps(1.0f));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    y = _mm256_mul_ps(y, _mm256_castsi256_ps(e));
    return _mm256_andnot_ps(under, y);
}

PL_TARGET_AVX2 static inline __m256 pl_gelu256(__m256 x) {
    __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(PL_INV_SQRT2));
    __m256 az = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), z);
    __m256 half = _mm256_set1_ps(0.5f);
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 t = _mm256_div_ps(one, _mm256_fmadd_ps(az, half, one));
    __m256 p = _mm256_set1_ps(PL_ERFC_C9);
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C8));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C7));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C6));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C5));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C4));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C3));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C2));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C1));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(PL_ERFC_C0));
    __m256 x2 = _mm256_mul_ps(x, x);
    __m256 z2h = _mm256_mul_ps(x2, half);
    __m256 z2l = _mm256_mul_ps(_mm256_fmsub_ps(x, x, x2), half);
    __m256 arg = _mm256_sub_ps(p, z2h);
    __m256 bb = _mm256_sub_ps(arg, p);
    __m256 err = _mm256_sub_ps(_mm256_sub_ps(p, _mm256_sub_ps(arg, bb)), _mm256_add_ps(z2h, bb));
    __m256 e = pl_exp256(arg);
    e = _mm256_fmadd_ps(e, _mm256_sub_ps(err, z2l), e);
    __m256 half_erfc = _mm256_mul_ps(_mm256_mul_ps(t, e), half);
    __m256 neg = _mm256_cmp_ps(z, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 h = _mm256_blendv_ps(_mm256_sub_ps(one, half_erfc), half_erfc, neg);
    __m256 small = _mm256_and_ps(_mm256_cmp_ps(z, one, _CMP_LT_OQ),
                                 _mm256_cmp_ps(z, _mm256_set1_ps(-0.35f), _CMP_GT_OQ));
    if (!_mm256_testz_ps(small, small)) {
        __m256 z2 = _mm256_mul_ps(z, z);
        __m256 s = _mm256_set1_ps(PL_ERF_T11);
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T10));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T9));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T8));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T7));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T6));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T5));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T4));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T3));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T2));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T1));
        s = _mm256_fmadd_ps(s, z2, _mm256_set1_ps(PL_ERF_T0));
        h = _mm256_blendv_ps(h, _mm256_fmadd_ps(_mm256_mul_ps(s, z), half, half), small);
    }
    return _mm256_mul_ps(x, h);
}

/* Lane masks for the first `count` of 8 floats (AVX2 maskload/maskstore never touch the rest). */
PL_TARGET_AVX2 static inline __m256i pl_mask256(int count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

static inline __mmask16 pl_mask16(int count) {
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

#endif
