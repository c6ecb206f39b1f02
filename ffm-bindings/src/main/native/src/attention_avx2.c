/*
 * AVX2 attention, one head: the algorithm of attention_avx512.c with ymm vectors. The 32-query
 * tile is 4 ymm per dimension; scores use JR = 3 keys x 4 ymm (12 accumulators; 6 keys x 2 ymm
 * when the tile has at most 16 queries), P . V uses 4 query rows x up to 24 dims (12
 * accumulators), leaving registers for the loads within AVX2's 16.
 */
#include <math.h>

#include "vmath.h"

#define BQ 32
#define BK 64
#define IR 4
#define DMAX 256

PL_INLINE PL_TARGET_AVX2 void scores_block(const float *qt, const float *kb, int64_t ks, int kn, int d, float *st,
                                           const int nq, const int jr) {
    for (int j = 0; j < kn; j += jr) {
        const float *kr[6];
        for (int r = 0; r < jr; r++) kr[r] = kb + (int64_t)PL_MIN(j + r, kn - 1) * ks;
        __m256 acc[6][4];
        for (int r = 0; r < jr; r++)
            for (int q = 0; q < nq; q++) acc[r][q] = _mm256_setzero_ps();
        for (int c = 0; c < d; c++) {
            __m256 kv[6];
            for (int r = 0; r < jr; r++) kv[r] = _mm256_broadcast_ss(kr[r] + c);
            for (int q = 0; q < nq; q++) {
                __m256 qv = _mm256_load_ps(qt + c * BQ + 8 * q);
                for (int r = 0; r < jr; r++) acc[r][q] = _mm256_fmadd_ps(kv[r], qv, acc[r][q]);
            }
        }
        for (int r = 0; r < jr; r++) /* constant trip count keeps acc in registers */
            if (j + r < kn)
                for (int q = 0; q < nq; q++) _mm256_store_ps(st + (j + r) * BQ + 8 * q, acc[r][q]);
    }
}

PL_INLINE PL_TARGET_AVX2 void pv_tile(float *o, const float *alpha, const float *st, const float *vb, int64_t vs,
                                      int kn, int d, int i, int c0, const int nv) {
    __m256i mk[3];
    for (int q = 0; q < nv; q++) mk[q] = pl_mask256(d - c0 - 8 * q);
    __m256 acc[IR][3];
    for (int r = 0; r < IR; r++) {
        __m256 a = _mm256_broadcast_ss(alpha + i + r);
        for (int q = 0; q < nv; q++) acc[r][q] = _mm256_mul_ps(_mm256_load_ps(o + (i + r) * DMAX + c0 + 8 * q), a);
    }
    for (int j = 0; j < kn; j++) {
        const float *vr = vb + (int64_t)j * vs + c0;
        __m256 vv[3];
        for (int q = 0; q < nv; q++) vv[q] = _mm256_maskload_ps(vr + 8 * q, mk[q]);
        for (int r = 0; r < IR; r++) {
            __m256 p = _mm256_broadcast_ss(st + j * BQ + i + r);
            for (int q = 0; q < nv; q++) acc[r][q] = _mm256_fmadd_ps(p, vv[q], acc[r][q]);
        }
    }
    for (int r = 0; r < IR; r++)
        for (int q = 0; q < nv; q++) _mm256_store_ps(o + (i + r) * DMAX + c0 + 8 * q, acc[r][q]);
}

PL_TARGET_AVX2 void pl_attention_avx2(const pl_attn_head *h) {
    float qt[DMAX * BQ] __attribute__((aligned(64)));
    float st[BK * BQ] __attribute__((aligned(64)));
    float o[BQ * DMAX] __attribute__((aligned(64)));
    float alpha[BQ] __attribute__((aligned(64)));
    const int d = h->d, len = h->len;
    const int dv = (d + 7) & ~7;
    const int64_t s = h->stride;
    for (int i = 0; i < BK * BQ; i++) st[i] = 0.0f;
    for (int i0 = 0; i0 < len; i0 += BQ) {
        const int qn = PL_MIN(BQ, len - i0);
        const int rows = (qn + IR - 1) / IR * IR;
        for (int i = 0; i < BQ; i++) {
            if (i < qn) {
                const float *qi = h->q + (int64_t)(i0 + i) * s;
                for (int c = 0; c < d; c++) qt[c * BQ + i] = qi[c] * h->scale;
            } else {
                for (int c = 0; c < d; c++) qt[c * BQ + i] = 0.0f;
            }
        }
        for (int i = 0; i < rows; i++)
            for (int c = 0; c < dv; c++) o[i * DMAX + c] = 0.0f;
        __m256 m[4], l[4];
        for (int q = 0; q < 4; q++) {
            m[q] = _mm256_set1_ps(-INFINITY);
            l[q] = _mm256_setzero_ps();
        }
        const int kend = h->causal ? PL_MIN(len, i0 + qn) : len;
        for (int j0 = 0; j0 < kend; j0 += BK) {
            const int kn = PL_MIN(BK, kend - j0);
            for (int j = j0 + BK; j < PL_MIN(kend, j0 + 2 * BK); j++) /* next block into L2 */
                for (int c = 0; c < d; c += 16) {
                    _mm_prefetch((const char *)(h->k + (int64_t)j * s + c), _MM_HINT_T1);
                    _mm_prefetch((const char *)(h->v + (int64_t)j * s + c), _MM_HINT_T1);
                }
            if (qn > 16)
                scores_block(qt, h->k + (int64_t)j0 * s, s, kn, d, st, 4, 3);
            else
                scores_block(qt, h->k + (int64_t)j0 * s, s, kn, d, st, 2, 6);
            if (h->causal && j0 + kn - 1 > i0) {
                __m256 ninf = _mm256_set1_ps(-INFINITY);
                for (int j = 0; j < kn; j++) {
                    int cnt = j0 + j - i0;
                    for (int q = 0; q < 4; q++) _mm256_maskstore_ps(st + j * BQ + 8 * q, pl_mask256(cnt - 8 * q), ninf);
                }
            }
            __m256 x[4], a[4], sum[4];
            for (int q = 0; q < 4; q++) {
                x[q] = m[q];
                sum[q] = _mm256_setzero_ps();
            }
            for (int j = 0; j < kn; j++)
                for (int q = 0; q < 4; q++) x[q] = _mm256_max_ps(x[q], _mm256_load_ps(st + j * BQ + 8 * q));
            for (int q = 0; q < 4; q++) a[q] = pl_exp256(_mm256_sub_ps(m[q], x[q]));
            for (int j = 0; j < kn; j++)
                for (int q = 0; q < 4; q++) {
                    __m256 p = pl_exp256(_mm256_sub_ps(_mm256_load_ps(st + j * BQ + 8 * q), x[q]));
                    _mm256_store_ps(st + j * BQ + 8 * q, p);
                    sum[q] = _mm256_add_ps(sum[q], p);
                }
            for (int q = 0; q < 4; q++) {
                l[q] = _mm256_fmadd_ps(l[q], a[q], sum[q]);
                m[q] = x[q];
                _mm256_store_ps(alpha + 8 * q, a[q]);
            }
            const float *vb = h->v + (int64_t)j0 * s;
            for (int i = 0; i < rows; i += IR) {
                int c0 = 0;
                for (; c0 + 24 <= dv; c0 += 24) pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 3);
                switch ((dv - c0) / 8) {
                case 2: pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 2); break;
                case 1: pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 1); break;
                default: break;
                }
            }
        }
        float lsum[BQ] __attribute__((aligned(64)));
        for (int q = 0; q < 4; q++) _mm256_store_ps(lsum + 8 * q, l[q]);
        for (int i = 0; i < qn; i++) {
            float *oi = h->out + (int64_t)(i0 + i) * s;
            __m256 lv = _mm256_set1_ps(lsum[i]);
            for (int c = 0; c < d; c += 8) {
                _mm256_maskstore_ps(oi + c, pl_mask256(d - c), _mm256_div_ps(_mm256_load_ps(o + i * DMAX + c), lv));
            }
        }
    }
}

PL_TARGET_AVX2 static inline float hsum256(__m256 v) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

PL_TARGET_AVX2 static inline float hmax256(__m256 v) {
    __m128 x = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_max_ps(x, _mm_movehl_ps(x, x));
    x = _mm_max_ss(x, _mm_movehdup_ps(x));
    return _mm_cvtss_f32(x);
}

PL_TARGET_AVX2 void pl_attention_naive_avx2(const pl_attn_head *h, float *scratch) {
    const int d = h->d, len = h->len;
    const int64_t s = h->stride;
    for (int64_t i = 0; i < len; i++) {
        const float *qi = h->q + i * s;
        float *srow = scratch + i * len;
        int kend = h->causal ? (int)i + 1 : len;
        for (int j = 0; j < kend; j++) {
            const float *kj = h->k + (int64_t)j * s;
            __m256 acc = _mm256_setzero_ps();
            for (int c = 0; c < d; c += 8) {
                __m256i mk = pl_mask256(d - c);
                acc = _mm256_fmadd_ps(_mm256_maskload_ps(qi + c, mk), _mm256_maskload_ps(kj + c, mk), acc);
            }
            srow[j] = hsum256(acc) * h->scale;
        }
    }
    for (int64_t i = 0; i < len; i++) {
        float *srow = scratch + i * len;
        int kend = h->causal ? (int)i + 1 : len;
        __m256 ninf = _mm256_set1_ps(-INFINITY);
        __m256 mx = ninf;
        for (int j = 0; j < kend; j += 8) {
            __m256i mk = pl_mask256(kend - j);
            mx = _mm256_max_ps(mx, _mm256_blendv_ps(ninf, _mm256_maskload_ps(srow + j, mk), _mm256_castsi256_ps(mk)));
        }
        __m256 vmax = _mm256_set1_ps(hmax256(mx));
        __m256 sum = _mm256_setzero_ps();
        for (int j = 0; j < kend; j += 8) {
            __m256i mk = pl_mask256(kend - j);
            __m256 p = _mm256_and_ps(pl_exp256(_mm256_sub_ps(_mm256_maskload_ps(srow + j, mk), vmax)),
                                     _mm256_castsi256_ps(mk));
            _mm256_maskstore_ps(srow + j, mk, p);
            sum = _mm256_add_ps(sum, p);
        }
        __m256 inv = _mm256_set1_ps(1.0f / hsum256(sum));
        for (int j = 0; j < kend; j += 8) {
            __m256i mk = pl_mask256(kend - j);
            _mm256_maskstore_ps(srow + j, mk, _mm256_mul_ps(_mm256_maskload_ps(srow + j, mk), inv));
        }
    }
    for (int64_t i = 0; i < len; i++) {
        const float *srow = scratch + i * len;
        float *oi = h->out + i * s;
        int kend = h->causal ? (int)i + 1 : len;
        for (int c0 = 0; c0 < d; c0 += 32) {
            __m256i mk[4];
            __m256 acc[4];
            for (int q = 0; q < 4; q++) {
                mk[q] = pl_mask256(d - c0 - 8 * q);
                acc[q] = _mm256_setzero_ps();
            }
            for (int j = 0; j < kend; j++) {
                __m256 p = _mm256_broadcast_ss(srow + j);
                const float *vj = h->v + (int64_t)j * s + c0;
                for (int q = 0; q < 4; q++) acc[q] = _mm256_fmadd_ps(p, _mm256_maskload_ps(vj + 8 * q, mk[q]), acc[q]);
            }
            for (int q = 0; q < 4; q++) _mm256_maskstore_ps(oi + c0 + 8 * q, mk[q], acc[q]);
        }
    }
}

/* Bytes of the tiles pl_attention_avx2 keeps on its stack: the arrays above, sized for DMAX. */
int64_t pl_attention_tile_bytes_avx2(void) {
    return (int64_t)(DMAX * BQ + BK * BQ + BQ * DMAX + BQ + BQ) * (int64_t)sizeof(float);
}
