/*
 * Vector exp and GELU for the AVX-512 and AVX2 paths (header-only: static inline functions with
 * the caller's target, so they inline into the kernels).
 *
 * exp: Cephes expf. x = n ln2 + r with ln2 split in two (Cody-Waite, n * LN2_HI exact), |r| <=
 * ln2/2, degree-5 polynomial for (e^r - 1 - r) / r^2, then scaled by 2^n. About 1 ulp, which the
 * attention softmax needs (its 1e-5 relative bound vs FP64 rules out the fast approximations).
 *
 * GELU: x/2 * (1 + erf(x/sqrt(2))) with one erfc evaluation and no branch, the algorithm of the
 * simd backend's SimdMath (so both backends meet one bound, 2e-7 * max(1, |x|) absolute, which
 * the kernel contract tests check): a = |x|/sqrt(2), t = 1/(1 + 0.4 a), erfc(a) = t Q(t) e^(-a^2)
 * with Q a degree-10 least-squares Chebyshev fit of erfcx(a)(1 + 0.4 a) (relative error 7e-9 in
 * exact arithmetic, 2e-7 in float), evaluated in Estrin's form; 1 + erf(z) is erfc(a) below zero
 * and 2 - erfc(a) above, so negative x keeps its relative precision. This replaced a Numerical
 * Recipes erfc plus a Taylor branch for -0.35 < z < 1, which nearly every activation took: the
 * fused GEMM+GELU ran at 77% of peak against 90% for the plain GEMM of the same size.
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

/* Q(t) ~ erfcx(a) (1 + 0.4 a), constant term first (SimdMath.Q). */
#define PL_GQ0 0.22567584f
#define PL_GQ1 0.22567607f
#define PL_GQ2 0.20760803f
#define PL_GQ3 0.1718026f
#define PL_GQ4 0.11863267f
#define PL_GQ5 0.08523322f
#define PL_GQ6 -0.049755115f
#define PL_GQ7 0.14145039f
#define PL_GQ8 -0.2387486f
#define PL_GQ9 0.14193244f
#define PL_GQ10 -0.029507564f

#define PL_INV_SQRT2 0.707106781186547524f

/* ------------------------------------------------------------------ AVX-512 */

/* The first `count` of 16 lanes (none for count <= 0). */
static inline __mmask16 pl_mask16(int count) {
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}


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
    __m512 one = _mm512_set1_ps(1.0f);
    __m512 a = _mm512_abs_ps(_mm512_mul_ps(x, _mm512_set1_ps(PL_INV_SQRT2)));
    /* t = 1 / (1 + 0.4 a) by vrcp14ps and one Newton step (relative error ~2^-28, below float's
     * rounding): a zmm division costs several times an FMA on Zen 4 and this runs once per GEMM
     * output of the feed-forward layer. */
    /* erfc(a) is 0 in float beyond a = 10; capping a keeps den finite, so the reciprocal's Newton
     * step never meets inf * 0 (a NaN input stays NaN through the final multiply by x). */
    a = _mm512_min_ps(a, _mm512_set1_ps(1e4f));
    __m512 den = _mm512_fmadd_ps(a, _mm512_set1_ps(0.4f), one);
    __m512 t = _mm512_rcp14_ps(den);
    t = _mm512_mul_ps(t, _mm512_fnmadd_ps(den, t, _mm512_set1_ps(2.0f)));
    __m512 t2 = _mm512_mul_ps(t, t);
    __m512 t4 = _mm512_mul_ps(t2, t2);
    __m512 t8 = _mm512_mul_ps(t4, t4);
    __m512 q01 = _mm512_fmadd_ps(t, _mm512_set1_ps(PL_GQ1), _mm512_set1_ps(PL_GQ0));
    __m512 q23 = _mm512_fmadd_ps(t, _mm512_set1_ps(PL_GQ3), _mm512_set1_ps(PL_GQ2));
    __m512 q45 = _mm512_fmadd_ps(t, _mm512_set1_ps(PL_GQ5), _mm512_set1_ps(PL_GQ4));
    __m512 q67 = _mm512_fmadd_ps(t, _mm512_set1_ps(PL_GQ7), _mm512_set1_ps(PL_GQ6));
    __m512 q89 = _mm512_fmadd_ps(t, _mm512_set1_ps(PL_GQ9), _mm512_set1_ps(PL_GQ8));
    __m512 q03 = _mm512_fmadd_ps(q23, t2, q01);
    __m512 q47 = _mm512_fmadd_ps(q67, t2, q45);
    __m512 q810 = _mm512_fmadd_ps(t2, _mm512_set1_ps(PL_GQ10), q89);
    __m512 q = _mm512_add_ps(_mm512_fmadd_ps(q47, t4, q03), _mm512_mul_ps(q810, t8));
    /* a^2 overflowing gives e^-inf = 0 (pl_exp512 clamps) and t = 0: erfc = 0 without a branch. */
    __m512 erfc = _mm512_mul_ps(_mm512_mul_ps(t, q), pl_exp512(_mm512_sub_ps(_mm512_setzero_ps(), _mm512_mul_ps(a, a))));
    __mmask16 neg = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ);
    __m512 one_plus_erf = _mm512_mask_blend_ps(neg, _mm512_sub_ps(_mm512_set1_ps(2.0f), erfc), erfc);
    return _mm512_mul_ps(_mm512_mul_ps(x, _mm512_set1_ps(0.5f)), one_plus_erf);
}

/*
 * GELU in place over a rows x ncols block of c (row stride ldc), one vector at a time. The GEMM
 * kernels store their tile first and then run this over it while it is in L1, rather than
 * applying pl_gelu512 to each accumulator: with 12-24 accumulators live, the inlined GELUs'
 * temporaries spilled, and the fused FP32 GEMM+GELU spent ~90 cycles per vector of GELU against
 * ~45 for this loop (measured, bench encoder --profile).
 */
PL_TARGET_AVX512 static inline void pl_gelu512_block(float *c, int64_t ldc, int rows, int ncols) {
    for (int r = 0; r < rows; r++) {
        float *cr = c + (int64_t)r * ldc;
        for (int j = 0; j < ncols; j += 16) {
            __mmask16 mk = pl_mask16(ncols - j);
            _mm512_mask_storeu_ps(cr + j, mk, pl_gelu512(_mm512_maskz_loadu_ps(mk, cr + j)));
        }
    }
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
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), _mm256_mul_ps(x, _mm256_set1_ps(PL_INV_SQRT2)));
    __m256 t = _mm256_div_ps(one, _mm256_fmadd_ps(a, _mm256_set1_ps(0.4f), one));
    __m256 t2 = _mm256_mul_ps(t, t);
    __m256 t4 = _mm256_mul_ps(t2, t2);
    __m256 t8 = _mm256_mul_ps(t4, t4);
    __m256 q01 = _mm256_fmadd_ps(t, _mm256_set1_ps(PL_GQ1), _mm256_set1_ps(PL_GQ0));
    __m256 q23 = _mm256_fmadd_ps(t, _mm256_set1_ps(PL_GQ3), _mm256_set1_ps(PL_GQ2));
    __m256 q45 = _mm256_fmadd_ps(t, _mm256_set1_ps(PL_GQ5), _mm256_set1_ps(PL_GQ4));
    __m256 q67 = _mm256_fmadd_ps(t, _mm256_set1_ps(PL_GQ7), _mm256_set1_ps(PL_GQ6));
    __m256 q89 = _mm256_fmadd_ps(t, _mm256_set1_ps(PL_GQ9), _mm256_set1_ps(PL_GQ8));
    __m256 q03 = _mm256_fmadd_ps(q23, t2, q01);
    __m256 q47 = _mm256_fmadd_ps(q67, t2, q45);
    __m256 q810 = _mm256_fmadd_ps(t2, _mm256_set1_ps(PL_GQ10), q89);
    __m256 q = _mm256_add_ps(_mm256_fmadd_ps(q47, t4, q03), _mm256_mul_ps(q810, t8));
    __m256 erfc = _mm256_mul_ps(_mm256_mul_ps(t, q), pl_exp256(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(a, a))));
    __m256 neg = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 one_plus_erf = _mm256_blendv_ps(_mm256_sub_ps(_mm256_set1_ps(2.0f), erfc), erfc, neg);
    return _mm256_mul_ps(_mm256_mul_ps(x, _mm256_set1_ps(0.5f)), one_plus_erf);
}

/* Lane masks for the first `count` of 8 floats (AVX2 maskload/maskstore never touch the rest). */
PL_TARGET_AVX2 static inline __m256i pl_mask256(int count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}


#endif
