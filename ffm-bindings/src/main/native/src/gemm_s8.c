/*
 * int8 GEMM (u8 activations x s8 weights -> exact int32): entry points, packing, portable path.
 *
 * Packed layout (vpdpbusd-ready, the same for every ISA level):
 *   P = ceil(n / 16) panels of 16 columns, K4 = ceil(k / 4) groups of 4 consecutive k.
 *   bytes [0, P * K4 * 64): panel p at p * K4 * 64, its group g at + g * 64, and within the group
 *     byte 4 j + t = w[4 g + t][16 p + j] (zero where 4 g + t >= k or 16 p + j >= n). One group
 *     of a panel is one zmm: 16 int32 lanes, each the 4 k-consecutive weights of one column, which
 *     is what vpdpbusd multiplies with a broadcast 4-byte run of an activation row.
 *   then P * 16 int32 column sums (zero past n): colsum[j] = sum_k w[k][j], for the zero-point
 *     correction acc = sum_k a w - a_zero * colsum.
 * Arithmetic is int32 with wraparound (exact for k <= 65536, and equal to Java int arithmetic
 * always), so every path returns the same bits.
 */
#include <string.h>

#include "internal.h"

PLUMBLINE_API int plumbline_gemm_panel_s8(void) { return PL_NR_S8; }

static int64_t panels_s8(int n) { return ((int64_t)n + PL_NR_S8 - 1) / PL_NR_S8; }
static int64_t groups_s8(int k) { return ((int64_t)k + 3) / 4; }

PLUMBLINE_API int64_t plumbline_packed_bytes_s8(int k, int n) {
    if (k < 1 || n < 1) return 0;
    return panels_s8(n) * (groups_s8(k) * 64 + PL_NR_S8 * (int64_t)sizeof(int32_t));
}

PLUMBLINE_API int plumbline_pack_s8(const int8_t *w, int k, int n, void *packed) {
    if (w == NULL || packed == NULL || k < 1 || n < 1) return PLUMBLINE_EINVAL;
    int64_t panels = panels_s8(n), k4 = groups_s8(k);
    int8_t *dst = (int8_t *)packed;
    uint8_t *sums = (uint8_t *)packed + panels * k4 * 64;
    for (int64_t p = 0; p < panels; p++) {
        for (int j = 0; j < PL_NR_S8; j++) {
            int64_t col = p * PL_NR_S8 + j;
            uint32_t sum = 0;
            for (int64_t g = 0; g < k4; g++) {
                for (int t = 0; t < 4; t++) {
                    int64_t kk = 4 * g + t;
                    int8_t v = (kk < k && col < n) ? w[kk * n + col] : 0;
                    dst[(p * k4 + g) * 64 + 4 * j + t] = v;
                    sum += (uint32_t)(int32_t)v;
                }
            }
            int32_t s = (int32_t)sum;
            memcpy(sums + (p * PL_NR_S8 + j) * sizeof(int32_t), &s, sizeof s);
        }
    }
    return PLUMBLINE_OK;
}

static int check_s8(const uint8_t *a, int m, const int32_t *a_zero, const void *packed, int k, int n,
                    const void *out, int col_from, int col_to) {
    if (packed == NULL || m < 0 || k < 1 || n < 1) return 0;
    if (m > 0 && (a == NULL || a_zero == NULL || out == NULL)) return 0;
    if (col_from < 0 || col_from > col_to || col_to > n || col_from % PL_NR_S8 != 0) return 0;
    if (col_to % PL_NR_S8 != 0 && col_to != n) return 0;
    for (int i = 0; i < m; i++)
        if (a_zero[i] < 0 || a_zero[i] > 255) return 0;
    return 1;
}

static void run(pl_s8_args *g, const void *packed, int col_from, int col_to) {
    int64_t panels = panels_s8(g->n);
    g->w = (const int8_t *)packed;
    g->colsum = (const int32_t *)((const uint8_t *)packed + panels * groups_s8(g->k) * 64);
    g->panel_from = col_from / PL_NR_S8;
    g->panel_to = (int)(((int64_t)col_to + PL_NR_S8 - 1) / PL_NR_S8);
    int isa = pl_isa();
    if (isa >= PLUMBLINE_ISA_AVX512_VNNI) {
        pl_gemm_s8_vnni(g);
    } else if (isa >= PLUMBLINE_ISA_AVX2) {
        /* AVX-512 without VNNI takes the AVX2 vpmaddwd path (same bits). */
        pl_gemm_s8_avx2(g);
    } else {
        pl_gemm_s8_portable(g);
    }
}

PLUMBLINE_API int plumbline_gemm_u8s8_s32(const uint8_t *a, int m, const int32_t *a_zero, const void *packed, int k,
                                          int n, int32_t *acc, int col_from, int col_to) {
    if (!check_s8(a, m, a_zero, packed, k, n, acc, col_from, col_to)) return PLUMBLINE_EINVAL;
    if (m == 0 || col_from == col_to) return PLUMBLINE_OK;
    pl_s8_args g = {a, m, k, n, a_zero, NULL, NULL, 0, 0, acc, NULL, NULL, NULL, NULL, 0};
    run(&g, packed, col_from, col_to);
    return PLUMBLINE_OK;
}

PLUMBLINE_API int plumbline_gemm_u8s8_f32(const uint8_t *a, int m, const int32_t *a_zero, const float *a_scale,
                                          const void *packed, int k, int n, const float *w_scale, const float *bias,
                                          float *c, int col_from, int col_to, int epilogue) {
    if (!check_s8(a, m, a_zero, packed, k, n, c, col_from, col_to)) return PLUMBLINE_EINVAL;
    if (w_scale == NULL || (m > 0 && a_scale == NULL)) return PLUMBLINE_EINVAL;
    if (epilogue != PLUMBLINE_EPILOGUE_NONE && epilogue != PLUMBLINE_EPILOGUE_GELU) return PLUMBLINE_EINVAL;
    if (m == 0 || col_from == col_to) return PLUMBLINE_OK;
    pl_s8_args g = {a, m, k, n, a_zero, NULL, NULL, 0, 0, NULL, c, a_scale, w_scale, bias,
                    epilogue == PLUMBLINE_EPILOGUE_GELU};
    run(&g, packed, col_from, col_to);
    return PLUMBLINE_OK;
}

/* Portable: one row against one panel, reading the packed groups byte by byte. */
void pl_gemm_s8_portable(const pl_s8_args *g) {
    int64_t k4 = groups_s8(g->k);
    const uint8_t *sums = (const uint8_t *)g->colsum;
    for (int p = g->panel_from; p < g->panel_to; p++) {
        const int8_t *wp = g->w + (int64_t)p * k4 * 64;
        int col = p * PL_NR_S8;
        int width = PL_MIN(PL_NR_S8, g->n - col);
        int32_t cs[PL_NR_S8];
        memcpy(cs, sums + (int64_t)col * sizeof(int32_t), sizeof cs);
        for (int64_t i = 0; i < g->m; i++) {
            const uint8_t *ar = g->a + i * g->k;
            uint32_t acc[PL_NR_S8] = {0};
            for (int64_t kk = 0; kk < g->k; kk++) {
                uint32_t av = ar[kk];
                const int8_t *wg = wp + (kk >> 2) * 64 + (kk & 3);
                for (int j = 0; j < PL_NR_S8; j++) acc[j] += av * (uint32_t)(int32_t)wg[4 * j];
            }
            uint32_t z = (uint32_t)g->a_zero[i];
            for (int j = 0; j < width; j++) {
                int32_t v = (int32_t)(acc[j] - z * (uint32_t)cs[j]);
                if (g->acc) {
                    g->acc[i * g->n + col + j] = v;
                } else {
                    float scale = g->a_scale[i] * g->w_scale[col + j];
                    float y = (float)v * scale;
                    if (g->bias) y = y + g->bias[col + j];
                    g->c[i * g->n + col + j] = g->gelu ? pl_gelu_scalar(y) : y;
                }
            }
        }
    }
}
