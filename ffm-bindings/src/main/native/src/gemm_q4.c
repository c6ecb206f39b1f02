/*
 * int4 GEMM (Q8_0-style activations x Q4_0 weights -> float): entry points, packing, activation
 * quantization and the portable path.
 *
 * Packed layout (the same for every ISA level): P = ceil(n / 16) panels of 16 columns, KB =
 * ceil(k / 32) blocks along k; panel p's block b at (p * KB + b) * 288 bytes:
 *   bytes [0, 256): 4 vectors of 64 bytes; in vector v, byte 4 j + t holds column 16 p + j's
 *     weight 4 v + t of the block in its low nibble and weight 16 + 4 v + t in its high nibble.
 *     That is Q4_0's own byte (4 v + t) of the column's block, so packing is a transpose, and a
 *     vector masked to its low (high) nibbles is vpdpbusd's unsigned operand for the block's
 *     k-quad v (v + 4): 16 int32 lanes, each the 4 k-consecutive codes of one column.
 *   bytes [256, 288): the 16 columns' FP16 scales (0 past n, whose nibbles are 0x88: weight 0).
 * The unsigned codes q in [0, 15] stand for q - 8, hence the - 8 * sum(a) of every block.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

PLUMBLINE_API int plumbline_gemm_panel_q4(void) { return PL_NR_Q4; }

static int64_t panels_q4(int n) { return ((int64_t)n + PL_NR_Q4 - 1) / PL_NR_Q4; }
static int blocks_q4(int k) { return (int)(((int64_t)k + PL_QK - 1) / PL_QK); }

PLUMBLINE_API int64_t plumbline_packed_bytes_q4(int k, int n) {
    if (k < 1 || n < 1) return 0;
    return panels_q4(n) * blocks_q4(k) * PL_Q4_BLOCK;
}

PLUMBLINE_API int plumbline_pack_q4(const uint8_t *q4, int k, int n, void *packed) {
    if (q4 == NULL || packed == NULL || k < 1 || n < 1) return PLUMBLINE_EINVAL;
    const int kb = blocks_q4(k);
    const int64_t row_bytes = (int64_t)kb * 18;
    uint8_t *dst = (uint8_t *)packed;
    for (int64_t p = 0; p < panels_q4(n); p++) {
        for (int b = 0; b < kb; b++) {
            uint8_t *blk = dst + (p * kb + b) * PL_Q4_BLOCK;
            for (int j = 0; j < PL_NR_Q4; j++) {
                int64_t col = p * PL_NR_Q4 + j;
                const uint8_t *src = col < n ? q4 + col * row_bytes + (int64_t)b * 18 : NULL;
                for (int v = 0; v < 4; v++)
                    for (int t = 0; t < 4; t++) blk[v * 64 + 4 * j + t] = src ? src[2 + 4 * v + t] : 0x88;
                blk[256 + 2 * j] = src ? src[0] : 0;
                blk[256 + 2 * j + 1] = src ? src[1] : 0;
            }
        }
    }
    return PLUMBLINE_OK;
}

/* IEEE binary16 -> binary32, exact (what vcvtph2ps and Java's Float.float16ToFloat compute). */
static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1F, man = h & 0x3FF, bits;
    if (exp == 0x1F) {
        bits = sign | 0x7F800000u | (man << 13);
    } else if (exp != 0) {
        bits = sign | ((exp + 112) << 23) | (man << 13);
    } else if (man == 0) {
        bits = sign;
    } else {
        int e = 113;
        while (!(man & 0x400)) {
            man <<= 1;
            e--;
        }
        bits = sign | ((uint32_t)e << 23) | ((man & 0x3FF) << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

#define PL_ROUNDER 12582912.0f
static inline float round_even(float x) { return (x + PL_ROUNDER) - PL_ROUNDER; }

void pl_quantize_rows_q8_portable(const float *x, int m, int k, int8_t *q, float *d, int32_t *sum) {
    const int kb = blocks_q4(k);
    for (int64_t i = 0; i < m; i++) {
        for (int b = 0; b < kb; b++) {
            int from = b * PL_QK, to = PL_MIN(k, from + PL_QK);
            float amax = 0.0f;
            for (int p = from; p < to; p++) {
                float v = x[i * k + p] < 0 ? -x[i * k + p] : x[i * k + p];
                amax = v > amax ? v : amax;
            }
            float scale = amax / 127.0f, inv = scale != 0.0f ? 1.0f / scale : 0.0f;
            int32_t s = 0;
            for (int p = from; p < from + PL_QK; p++) {
                int code = p < to ? (int)round_even(x[i * k + p] * inv) : 0;
                q[i * kb * PL_QK + p] = (int8_t)code;
                s += code;
            }
            d[i * kb + b] = scale;
            sum[i * kb + b] = s;
        }
    }
}

PLUMBLINE_API int plumbline_quantize_rows_q8(const float *x, int m, int k, int8_t *q, float *d, int32_t *sum) {
    if (m < 0 || k < 1) return PLUMBLINE_EINVAL;
    if (m == 0) return PLUMBLINE_OK;
    if (x == NULL || q == NULL || d == NULL || sum == NULL) return PLUMBLINE_EINVAL;
    if (pl_isa() >= PLUMBLINE_ISA_AVX512) {
        pl_quantize_rows_q8_avx512(x, m, k, q, d, sum);
    } else {
        pl_quantize_rows_q8_portable(x, m, k, q, d, sum);
    }
    return PLUMBLINE_OK;
}

PLUMBLINE_API int plumbline_gemm_q8q4_f32(const int8_t *a, int m, const float *a_d, const int32_t *a_sum,
                                          const void *packed, int k, int n, const float *bias, float *c,
                                          int col_from, int col_to, int epilogue) {
    if (packed == NULL || m < 0 || k < 1 || n < 1) return PLUMBLINE_EINVAL;
    if (m > 0 && (a == NULL || a_d == NULL || a_sum == NULL || c == NULL)) return PLUMBLINE_EINVAL;
    if (col_from < 0 || col_from > col_to || col_to > n || col_from % PL_NR_Q4 != 0) return PLUMBLINE_EINVAL;
    if (col_to % PL_NR_Q4 != 0 && col_to != n) return PLUMBLINE_EINVAL;
    if (epilogue != PLUMBLINE_EPILOGUE_NONE && epilogue != PLUMBLINE_EPILOGUE_GELU) return PLUMBLINE_EINVAL;
    if (m == 0 || col_from == col_to) return PLUMBLINE_OK;
    pl_q4_args g = {a, m, k, n, blocks_q4(k), a_d, a_sum, (const uint8_t *)packed, col_from / PL_NR_Q4,
                    (int)(((int64_t)col_to + PL_NR_Q4 - 1) / PL_NR_Q4), bias, c,
                    epilogue == PLUMBLINE_EPILOGUE_GELU};
    if (pl_isa() >= PLUMBLINE_ISA_AVX512_VNNI) {
        pl_gemm_q4_vnni(&g);
    } else {
        pl_gemm_q4_portable(&g);
    }
    return PLUMBLINE_OK;
}

/* Portable: one output at a time, in the reference order (fmaf is a true fused multiply-add). */
void pl_gemm_q4_portable(const pl_q4_args *g) {
    const int64_t stride = (int64_t)g->kb * PL_QK;
    for (int p = g->panel_from; p < g->panel_to; p++) {
        int col = p * PL_NR_Q4, width = PL_MIN(PL_NR_Q4, g->n - col);
        for (int64_t i = 0; i < g->m; i++) {
            for (int j = 0; j < width; j++) {
                float acc = 0.0f;
                for (int b = 0; b < g->kb; b++) {
                    const uint8_t *blk = g->w + ((int64_t)p * g->kb + b) * PL_Q4_BLOCK;
                    const int8_t *ar = g->a + i * stride + (int64_t)b * PL_QK;
                    int32_t s = 0;
                    for (int t = 0; t < 16; t++) {
                        uint8_t byte = blk[(t / 4) * 64 + 4 * j + (t % 4)];
                        s += (byte & 0x0F) * ar[t] + (byte >> 4) * ar[16 + t];
                    }
                    s -= 8 * g->a_sum[i * g->kb + b];
                    uint16_t h = (uint16_t)(blk[256 + 2 * j] | blk[256 + 2 * j + 1] << 8);
                    acc = fmaf((float)s, half_to_float(h) * g->a_d[i * g->kb + b], acc);
                }
                float y = g->bias ? acc + g->bias[col + j] : acc;
                g->c[i * g->n + col + j] = g->gelu ? pl_gelu_scalar(y) : y;
            }
        }
    }
}
