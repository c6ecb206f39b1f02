/*
 * AVX-512 attention, one head.
 *
 * Fused (FlashAttention-style): a tile of BQ = 32 queries, kept transposed and pre-scaled in qt
 * [d][32] (two zmm per dimension), runs over blocks of BK = 64 keys:
 *   scores  st[j][i] = sum_c k[j][c] * qt[c][i]: broadcast one key element, FMA into the two
 *           query vectors, JR = 6 keys at a time (12 accumulators). Keys are read in place.
 *   softmax st is transposed (keys x queries), so the running max m_i, the sum l_i and the
 *           rescale factor alpha_i = exp(m_old - m_new) are plain vertical vector ops.
 *   P . V   o[i][:] = alpha_i o[i][:] + sum_j p[j][i] v[j][:]: 4 query rows x up to 64 dims
 *           (16 accumulators), V rows read in place with masked loads for the dims tail.
 * Stack: qt 32 KB + o 32 KB + st 8 KB at head_dim 256, independent of len.
 *
 * Naive: the three passes of the textbook, over the caller's len x len scratch.
 */
#include <math.h>

#include "vmath.h"

#define BQ 32
#define BK 64
#define JR 6
#define IR 4
#define DMAX 256

/* st[j][0..nq*16) for keys j in [0, kn) of the block starting at kb (row stride ks). */
PL_INLINE PL_TARGET_AVX512 void scores_block(const float *qt, const float *kb, int64_t ks, int kn, int d,
                                             float *st, const int nq) {
    for (int j = 0; j < kn; j += JR) {
        const float *kr[JR];
        for (int r = 0; r < JR; r++) kr[r] = kb + (int64_t)PL_MIN(j + r, kn - 1) * ks;
        __m512 acc[JR][2];
        for (int r = 0; r < JR; r++) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
        for (int c = 0; c < d; c++) {
            __m512 q0 = _mm512_load_ps(qt + c * BQ);
            __m512 q1 = nq > 1 ? _mm512_load_ps(qt + c * BQ + 16) : q0;
#pragma GCC unroll 6
            for (int r = 0; r < JR; r++) {
                __m512 kv = _mm512_set1_ps(kr[r][c]);
                acc[r][0] = _mm512_fmadd_ps(kv, q0, acc[r][0]);
                if (nq > 1) acc[r][1] = _mm512_fmadd_ps(kv, q1, acc[r][1]);
            }
        }
#pragma GCC unroll 6
        for (int r = 0; r < JR; r++) { /* constant trip count keeps acc in registers */
            if (j + r < kn) {
                _mm512_store_ps(st + (j + r) * BQ, acc[r][0]);
                if (nq > 1) _mm512_store_ps(st + (j + r) * BQ + 16, acc[r][1]);
            }
        }
    }
}

/* o[i..i+IR)[c0 .. c0 + 16 nv) = alpha * o + P^T . V over the block's kn keys. */
PL_INLINE PL_TARGET_AVX512 void pv_tile(float *o, const float *alpha, const float *st, const float *vb, int64_t vs,
                                        int kn, int d, int i, int c0, const int nv) {
    __mmask16 mk[4];
    for (int q = 0; q < 4; q++) mk[q] = pl_mask16(d - c0 - 16 * q);
    __m512 acc[IR][4];
#pragma GCC unroll 4
    for (int r = 0; r < IR; r++) {
        __m512 a = _mm512_set1_ps(alpha[i + r]);
        for (int q = 0; q < nv; q++) acc[r][q] = _mm512_mul_ps(_mm512_load_ps(o + (i + r) * DMAX + c0 + 16 * q), a);
    }
    for (int j = 0; j < kn; j++) {
        const float *vr = vb + (int64_t)j * vs + c0;
        __m512 vv[4];
        for (int q = 0; q < nv; q++) vv[q] = _mm512_maskz_loadu_ps(mk[q], vr + 16 * q);
#pragma GCC unroll 4
        for (int r = 0; r < IR; r++) {
            __m512 p = _mm512_set1_ps(st[j * BQ + i + r]);
            for (int q = 0; q < nv; q++) acc[r][q] = _mm512_fmadd_ps(p, vv[q], acc[r][q]);
        }
    }
    for (int r = 0; r < IR; r++)
        for (int q = 0; q < nv; q++) _mm512_store_ps(o + (i + r) * DMAX + c0 + 16 * q, acc[r][q]);
}

PL_TARGET_AVX512 void pl_attention_avx512(const pl_attn_head *h) {
    float qt[DMAX * BQ] __attribute__((aligned(64)));
    float st[BK * BQ] __attribute__((aligned(64)));
    float o[BQ * DMAX] __attribute__((aligned(64)));
    float alpha[BQ] __attribute__((aligned(64)));
    const int d = h->d, len = h->len;
    const int dv = (d + 15) & ~15;
    const int64_t s = h->stride;
    /* Lanes of st past the scored queries are read by the softmax (then discarded): keep them finite. */
    for (int i = 0; i < BK * BQ; i++) st[i] = 0.0f;
    for (int i0 = 0; i0 < len; i0 += BQ) {
        const int qn = PL_MIN(BQ, len - i0);
        const int nq = qn > 16 ? 2 : 1;
        const int rows = (qn + IR - 1) / IR * IR;
        /* Transposed, pre-scaled query tile; rows past qn are zero (their lanes are discarded). */
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
        __m512 m0 = _mm512_set1_ps(-INFINITY), m1 = m0;
        __m512 l0 = _mm512_setzero_ps(), l1 = l0;
        const int kend = h->causal ? PL_MIN(len, i0 + qn) : len;
        for (int j0 = 0; j0 < kend; j0 += BK) {
            const int kn = PL_MIN(BK, kend - j0);
            /* Prefetch the next block's K and V rows into L2: rows are row_stride apart, which the
             * hardware prefetchers follow poorly, and at long len they come from L3. */
            for (int j = j0 + BK; j < PL_MIN(kend, j0 + 2 * BK); j++)
                for (int c = 0; c < d; c += 16) {
                    _mm_prefetch((const char *)(h->k + (int64_t)j * s + c), _MM_HINT_T1);
                    _mm_prefetch((const char *)(h->v + (int64_t)j * s + c), _MM_HINT_T1);
                }
            if (nq == 2)
                scores_block(qt, h->k + (int64_t)j0 * s, s, kn, d, st, 2);
            else
                scores_block(qt, h->k + (int64_t)j0 * s, s, kn, d, st, 1);
            if (h->causal && j0 + kn - 1 > i0) {
                /* Key j0 + j is hidden from query i0 + i when j0 + j > i0 + i, i.e. lanes i < j0 + j - i0. */
                __m512 ninf = _mm512_set1_ps(-INFINITY);
                for (int j = 0; j < kn; j++) {
                    int cnt = j0 + j - i0;
                    _mm512_mask_storeu_ps(st + j * BQ, pl_mask16(cnt), ninf);
                    _mm512_mask_storeu_ps(st + j * BQ + 16, pl_mask16(cnt - 16), ninf);
                }
            }
            /* Online softmax (the first block holds key 0, visible to every query: m is finite after it). */
            __m512 x0 = m0, x1 = m1;
            for (int j = 0; j < kn; j++) {
                x0 = _mm512_max_ps(x0, _mm512_load_ps(st + j * BQ));
                x1 = _mm512_max_ps(x1, _mm512_load_ps(st + j * BQ + 16));
            }
            __m512 a0 = pl_exp512(_mm512_sub_ps(m0, x0)), a1 = pl_exp512(_mm512_sub_ps(m1, x1));
            __m512 s0 = _mm512_setzero_ps(), s1 = s0;
            for (int j = 0; j < kn; j++) {
                __m512 p0 = pl_exp512(_mm512_sub_ps(_mm512_load_ps(st + j * BQ), x0));
                __m512 p1 = pl_exp512(_mm512_sub_ps(_mm512_load_ps(st + j * BQ + 16), x1));
                _mm512_store_ps(st + j * BQ, p0);
                _mm512_store_ps(st + j * BQ + 16, p1);
                s0 = _mm512_add_ps(s0, p0);
                s1 = _mm512_add_ps(s1, p1);
            }
            l0 = _mm512_fmadd_ps(l0, a0, s0);
            l1 = _mm512_fmadd_ps(l1, a1, s1);
            m0 = x0;
            m1 = x1;
            _mm512_store_ps(alpha, a0);
            _mm512_store_ps(alpha + 16, a1);
            const float *vb = h->v + (int64_t)j0 * s;
            for (int i = 0; i < rows; i += IR) {
                int c0 = 0;
                for (; c0 + 64 <= dv; c0 += 64) pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 4);
                switch ((dv - c0) / 16) {
                case 3: pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 3); break;
                case 2: pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 2); break;
                case 1: pv_tile(o, alpha, st, vb, s, kn, d, i, c0, 1); break;
                default: break;
                }
            }
        }
        float lsum[BQ] __attribute__((aligned(64)));
        _mm512_store_ps(lsum, l0);
        _mm512_store_ps(lsum + 16, l1);
        for (int i = 0; i < qn; i++) {
            float *oi = h->out + (int64_t)(i0 + i) * s;
            __m512 l = _mm512_set1_ps(lsum[i]);
            for (int c = 0; c < d; c += 16) {
                __mmask16 mk = pl_mask16(d - c);
                _mm512_mask_storeu_ps(oi + c, mk, _mm512_div_ps(_mm512_load_ps(o + i * DMAX + c), l));
            }
        }
    }
}

/* Sum of q[0..d) * k[0..d) with masked tails. */
PL_TARGET_AVX512 static inline float dot512(const float *a, const float *b, int d) {
    __m512 acc = _mm512_setzero_ps();
    for (int c = 0; c < d; c += 16) {
        __mmask16 mk = pl_mask16(d - c);
        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mk, a + c), _mm512_maskz_loadu_ps(mk, b + c), acc);
    }
    return _mm512_reduce_add_ps(acc);
}

PL_TARGET_AVX512 void pl_attention_naive_avx512(const pl_attn_head *h, float *scratch) {
    const int d = h->d, len = h->len;
    const int64_t s = h->stride;
    /* Pass 1: scores. */
    for (int64_t i = 0; i < len; i++) {
        const float *qi = h->q + i * s;
        float *srow = scratch + i * len;
        int kend = h->causal ? (int)i + 1 : len;
        for (int j = 0; j < kend; j++) srow[j] = dot512(qi, h->k + (int64_t)j * s, d) * h->scale;
    }
    /* Pass 2: softmax row by row. */
    for (int64_t i = 0; i < len; i++) {
        float *srow = scratch + i * len;
        int kend = h->causal ? (int)i + 1 : len;
        __m512 mx = _mm512_set1_ps(-INFINITY);
        for (int j = 0; j < kend; j += 16) mx = _mm512_max_ps(mx, _mm512_mask_loadu_ps(mx, pl_mask16(kend - j), srow + j));
        __m512 vmax = _mm512_set1_ps(_mm512_reduce_max_ps(mx));
        __m512 sum = _mm512_setzero_ps();
        for (int j = 0; j < kend; j += 16) {
            __mmask16 mk = pl_mask16(kend - j);
            __m512 p = _mm512_maskz_mov_ps(mk, pl_exp512(_mm512_sub_ps(_mm512_maskz_loadu_ps(mk, srow + j), vmax)));
            _mm512_mask_storeu_ps(srow + j, mk, p);
            sum = _mm512_add_ps(sum, p);
        }
        __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(sum));
        for (int j = 0; j < kend; j += 16) {
            __mmask16 mk = pl_mask16(kend - j);
            _mm512_mask_storeu_ps(srow + j, mk, _mm512_mul_ps(_mm512_maskz_loadu_ps(mk, srow + j), inv));
        }
    }
    /* Pass 3: P . V, the output row accumulated in registers-sized chunks of 64 dims. */
    for (int64_t i = 0; i < len; i++) {
        const float *srow = scratch + i * len;
        float *oi = h->out + i * s;
        int kend = h->causal ? (int)i + 1 : len;
        for (int c0 = 0; c0 < d; c0 += 64) {
            __mmask16 mk[4];
            __m512 acc[4];
            for (int q = 0; q < 4; q++) {
                mk[q] = pl_mask16(d - c0 - 16 * q);
                acc[q] = _mm512_setzero_ps();
            }
            for (int j = 0; j < kend; j++) {
                __m512 p = _mm512_set1_ps(srow[j]);
                const float *vj = h->v + (int64_t)j * s + c0;
                for (int q = 0; q < 4; q++) acc[q] = _mm512_fmadd_ps(p, _mm512_maskz_loadu_ps(mk[q], vj + 16 * q), acc[q]);
            }
            for (int q = 0; q < 4; q++) _mm512_mask_storeu_ps(oi + c0 + 16 * q, mk[q], acc[q]);
        }
    }
}

/* Bytes of the tiles pl_attention_avx512 keeps on its stack: the arrays above, sized for DMAX. */
int64_t pl_attention_tile_bytes_avx512(void) {
    return (int64_t)(DMAX * BQ + BK * BQ + BQ * DMAX + BQ + BQ) * (int64_t)sizeof(float);
}
