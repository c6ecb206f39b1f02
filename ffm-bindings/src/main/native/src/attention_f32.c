/*
 * Attention entry points (argument checks, per-head dispatch) and the portable paths.
 *
 * Both entry points run one head at a time over [head_from, head_to); a head's result depends
 * only on its own q, k, v columns, so any partition of the heads gives the same bits.
 */
#include <math.h>

#include "internal.h"

static int check(const float *q, const float *k, const float *v, const float *out, int row_stride, int len,
                 int head_from, int head_to, int head_dim, int causal) {
    if (len < 0 || head_dim < 1 || head_dim > 256 || head_from < 0 || head_from > head_to) return 0;
    if (causal != 0 && causal != 1) return 0;
    if (row_stride < 1 || (int64_t)head_to * head_dim > row_stride) return 0;
    if (len > 0 && head_from < head_to && (q == NULL || k == NULL || v == NULL || out == NULL)) return 0;
    return 1;
}

static pl_attn_head head_of(const float *q, const float *k, const float *v, float *out, int row_stride, int len,
                            int h, int head_dim, int causal) {
    int64_t off = (int64_t)h * head_dim;
    pl_attn_head hd = {q + off, k + off, v + off, out + off, row_stride, len, head_dim, causal,
                       (float)(1.0 / sqrt((double)head_dim))};
    return hd;
}

PLUMBLINE_API int plumbline_attention_f32(const float *q, const float *k, const float *v, float *out,
                                          int row_stride, int len, int head_from, int head_to, int head_dim,
                                          int causal) {
    if (!check(q, k, v, out, row_stride, len, head_from, head_to, head_dim, causal)) return PLUMBLINE_EINVAL;
    if (len == 0) return PLUMBLINE_OK;
    int isa = pl_isa();
    for (int h = head_from; h < head_to; h++) {
        pl_attn_head hd = head_of(q, k, v, out, row_stride, len, h, head_dim, causal);
        if (isa >= PLUMBLINE_ISA_AVX512) {
            pl_attention_avx512(&hd);
        } else if (isa == PLUMBLINE_ISA_AVX2) {
            pl_attention_avx2(&hd);
        } else {
            pl_attention_portable(&hd);
        }
    }
    return PLUMBLINE_OK;
}

PLUMBLINE_API int64_t plumbline_attention_fused_scratch_bytes(int head_dim) {
    (void)head_dim; /* the tiles are sized for the largest head, so the figure does not depend on it */
    int isa = plumbline_isa_active();
    if (isa >= PLUMBLINE_ISA_AVX512) return pl_attention_tile_bytes_avx512();
    if (isa == PLUMBLINE_ISA_AVX2) return pl_attention_tile_bytes_avx2();
    return (int64_t)(64 + 256) * (int64_t)sizeof(float); /* portable: one row of scores and one output row */
}

PLUMBLINE_API int64_t plumbline_attention_naive_scratch_floats(int len) {
    return len < 0 ? 0 : (int64_t)len * len;
}

PLUMBLINE_API int plumbline_attention_naive_f32(const float *q, const float *k, const float *v, float *out,
                                                int row_stride, int len, int head_from, int head_to,
                                                int head_dim, int causal, float *scratch) {
    if (!check(q, k, v, out, row_stride, len, head_from, head_to, head_dim, causal)) return PLUMBLINE_EINVAL;
    if (len == 0 || head_from == head_to) return PLUMBLINE_OK;
    if (scratch == NULL) return PLUMBLINE_EINVAL;
    int isa = pl_isa();
    for (int h = head_from; h < head_to; h++) {
        pl_attn_head hd = head_of(q, k, v, out, row_stride, len, h, head_dim, causal);
        if (isa >= PLUMBLINE_ISA_AVX512) {
            pl_attention_naive_avx512(&hd, scratch);
        } else if (isa == PLUMBLINE_ISA_AVX2) {
            pl_attention_naive_avx2(&hd, scratch);
        } else {
            pl_attention_naive_portable(&hd, scratch);
        }
    }
    return PLUMBLINE_OK;
}

/* Portable fused form: one query row at a time, keys in blocks of 64 with the online softmax. */
void pl_attention_portable(const pl_attn_head *h) {
    enum { BK = 64 };
    float s[BK];
    float o[256];
    int d = h->d;
    for (int64_t i = 0; i < h->len; i++) {
        const float *qi = h->q + i * h->stride;
        int kend = h->causal ? (int)i + 1 : h->len;
        float m = -INFINITY, l = 0.0f;
        for (int c = 0; c < d; c++) o[c] = 0.0f;
        for (int j0 = 0; j0 < kend; j0 += BK) {
            int kn = PL_MIN(BK, kend - j0);
            float mx = m;
            for (int j = 0; j < kn; j++) {
                const float *kj = h->k + (int64_t)(j0 + j) * h->stride;
                float dot = 0.0f;
                for (int c = 0; c < d; c++) dot += qi[c] * kj[c];
                s[j] = dot * h->scale;
                if (s[j] > mx) mx = s[j];
            }
            float alpha = expf(m - mx);
            l *= alpha;
            for (int c = 0; c < d; c++) o[c] *= alpha;
            for (int j = 0; j < kn; j++) {
                float p = expf(s[j] - mx);
                const float *vj = h->v + (int64_t)(j0 + j) * h->stride;
                l += p;
                for (int c = 0; c < d; c++) o[c] += p * vj[c];
            }
            m = mx;
        }
        float *oi = h->out + i * h->stride;
        for (int c = 0; c < d; c++) oi[c] = o[c] / l;
    }
}

/* Portable textbook form: all scores, then row softmax, then P . V. */
void pl_attention_naive_portable(const pl_attn_head *h, float *scratch) {
    int d = h->d, len = h->len;
    for (int64_t i = 0; i < len; i++) {
        const float *qi = h->q + i * h->stride;
        float *srow = scratch + i * len;
        int kend = h->causal ? (int)i + 1 : len;
        for (int j = 0; j < kend; j++) {
            const float *kj = h->k + (int64_t)j * h->stride;
            float dot = 0.0f;
            for (int c = 0; c < d; c++) dot += qi[c] * kj[c];
            srow[j] = dot * h->scale;
        }
    }
    for (int64_t i = 0; i < len; i++) {
        float *srow = scratch + i * len;
        int kend = h->causal ? (int)i + 1 : len;
        float mx = -INFINITY, sum = 0.0f;
        for (int j = 0; j < kend; j++) mx = srow[j] > mx ? srow[j] : mx;
        for (int j = 0; j < kend; j++) {
            srow[j] = expf(srow[j] - mx);
            sum += srow[j];
        }
        float inv = 1.0f / sum;
        for (int j = 0; j < kend; j++) srow[j] *= inv;
    }
    for (int64_t i = 0; i < len; i++) {
        const float *srow = scratch + i * len;
        float *oi = h->out + i * h->stride;
        int kend = h->causal ? (int)i + 1 : len;
        for (int c = 0; c < d; c++) oi[c] = 0.0f;
        for (int j = 0; j < kend; j++) {
            const float *vj = h->v + (int64_t)j * h->stride;
            float p = srow[j];
            for (int c = 0; c < d; c++) oi[c] += p * vj[c];
        }
    }
}
