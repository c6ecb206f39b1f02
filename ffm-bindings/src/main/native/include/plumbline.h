/*
 * Plumbline native kernels: the C ABI that dev.plumbline.ffm binds through Panama FFM.
 *
 * Conventions
 *  - Every function is single-threaded and reentrant: the Java side partitions work (rows, column
 *    panels, sequences x heads) over its own worker pool and calls one function per partition, so
 *    "threads" means the same for every backend.
 *  - Matrices are row-major. Sizes are int (Java's array index type); pointers are never NULL unless
 *    documented. Every function returns a plumbline_status; arguments are checked in Java before the
 *    downcall, and checked again here cheaply (sizes, NULLs), so a bad call is an error code, never a
 *    crash.
 *  - The instruction set is chosen once, at the first call of any function (or by
 *    plumbline_set_isa), from cpuid + xgetbv: AVX-512F (+VNNI, +BF16 where present), AVX2+FMA, or
 *    portable C. All paths are built into the one .so (function-level target attributes).
 *  - Results of one call never depend on how the caller partitions the work: every output element
 *    is computed by the same sequence of operations whatever the row/panel/head range it is in.
 */
#ifndef PLUMBLINE_H
#define PLUMBLINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PLUMBLINE_ABI_VERSION 3

/* Status codes; mirrored by dev.plumbline.ffm.NativeStatus (same numbers). */
enum plumbline_status {
    PLUMBLINE_OK = 0,
    PLUMBLINE_EINVAL = 1,      /* an argument is out of range (size, NULL pointer, alignment) */
    PLUMBLINE_EUNSUPPORTED = 2 /* the requested ISA level is not supported by this CPU */
};

/* ISA levels, in increasing order; mirrored by dev.plumbline.ffm.NativeIsa. */
enum plumbline_isa {
    PLUMBLINE_ISA_PORTABLE = 0,    /* plain C, any x86-64 (compiled for the baseline ISA) */
    PLUMBLINE_ISA_AVX2 = 1,        /* AVX2 + FMA (+F16C) */
    PLUMBLINE_ISA_AVX512 = 2,      /* AVX-512F + BW + DQ + VL */
    PLUMBLINE_ISA_AVX512_VNNI = 3  /* AVX-512 plus VNNI (vpdpbusd) */
};

/* PLUMBLINE_ABI_VERSION of the library; Java refuses to bind a different one. */
int plumbline_abi_version(void);

/* Best level this CPU supports (cpuid + OS xsave support for the wider registers). */
int plumbline_isa_detected(void);

/* Level the kernels use now: plumbline_isa_detected() unless lowered by plumbline_set_isa. */
int plumbline_isa_active(void);

/* Short name of a level, e.g. "avx512-vnni"; "?" for an unknown level. Static storage. */
const char *plumbline_isa_name(int isa);

/* Whether the CPU also has AVX512_BF16 (reported only; no kernel needs it). */
int plumbline_cpu_has_bf16(void);

/*
 * Restricts every kernel to a level <= isa (tests run each path on one machine). Returns
 * PLUMBLINE_EUNSUPPORTED when the CPU lacks that level. Not thread-safe against running kernels:
 * call it before kernels run.
 */
int plumbline_set_isa(int isa);

/* ------------------------------------------------------------------------------------------------
 * FP32 GEMM: c[m x n] = a[m x k] . w[k x n] + bias, optionally followed by exact GELU.
 * w is packed once into column panels of plumbline_gemm_panel_f32() columns (zero-padded past n)
 * by plumbline_pack_f32 into a buffer of plumbline_packed_floats_f32(k, n) floats (64-byte aligned
 * by the caller). The panel width is the same on every ISA level, so one packed buffer serves all.
 * ---------------------------------------------------------------------------------------------- */

/* Columns per packed panel (a constant, e.g. 32). */
int plumbline_gemm_panel_f32(void);

/* Floats the packed form of a k x n matrix needs. */
int64_t plumbline_packed_floats_f32(int k, int n);

/* Packs w[k x n] (row-major) into packed (plumbline_packed_floats_f32(k, n) floats). */
int plumbline_pack_f32(const float *w, int k, int n, float *packed);

#define PLUMBLINE_EPILOGUE_NONE 0
#define PLUMBLINE_EPILOGUE_GELU 1

/*
 * Rows [0, m) and columns [col_from, col_to) of c = a . w + bias (then GELU when epilogue is
 * PLUMBLINE_EPILOGUE_GELU). a has row stride k (the matrix's k) and c row stride n. col_from must
 * be a multiple of the panel width; col_to is a multiple of it or n. bias may be NULL (no bias).
 * The caller passes a and c already offset to the partition's first row.
 */
int plumbline_gemm_f32(const float *a, int m, const float *packed, int k, int n, const float *bias,
                       float *c, int col_from, int col_to, int epilogue);

/* ------------------------------------------------------------------------------------------------
 * Attention, one sequence, a range of heads. q, k, v, out point at the sequence's first row; rows
 * have stride row_stride floats (heads * head_dim in the encoder); head h occupies columns
 * [h * head_dim, (h + 1) * head_dim). out = softmax(q . k^T * scale) . v over the sequence's own
 * len keys (only keys j <= i when causal), scale = 1 / sqrt(head_dim). Rows outside [0, len) are
 * neither read nor written. 1 <= head_dim <= 256.
 * ---------------------------------------------------------------------------------------------- */

/*
 * FlashAttention-style: a tile of queries against streamed K/V blocks with an online softmax
 * (running max and sum, rescaled when the max grows); the len x len scores are never
 * materialized. Extra memory is O(tile * (block + head_dim)), independent of len.
 */
int plumbline_attention_f32(const float *q, const float *k, const float *v, float *out, int row_stride,
                            int len, int head_from, int head_to, int head_dim, int causal);

/* Bytes of tiles plumbline_attention_f32 keeps on the stack for one call at this head size. */
int64_t plumbline_attention_fused_scratch_bytes(int head_dim);

/* Floats of scratch plumbline_attention_naive_f32 needs for one head: len * len. */
int64_t plumbline_attention_naive_scratch_floats(int len);

/*
 * The textbook form, for benchmarks: materializes the len x len score matrix of one head in
 * scratch (plumbline_attention_naive_scratch_floats(len) floats), softmax row by row, then P . V.
 */
int plumbline_attention_naive_f32(const float *q, const float *k, const float *v, float *out, int row_stride,
                                  int len, int head_from, int head_to, int head_dim, int causal,
                                  float *scratch);

/* ------------------------------------------------------------------------------------------------
 * Element-wise and row kernels
 * ---------------------------------------------------------------------------------------------- */

/*
 * Rows [0, rows) of x = LayerNorm(x + residual) * gamma + beta, cols wide; residual may be NULL.
 * The sum x + residual is rounded to float before normalizing; mean and biased variance are
 * accumulated in double, as the scalar oracle does.
 */
int plumbline_add_layer_norm_f32(float *x, const float *residual, int rows, int cols, const float *gamma,
                                 const float *beta, float epsilon);

/* In place, exact GELU x * 0.5 * (1 + erf(x / sqrt(2))) over x[0, n). Max error vs double: 2e-7 * max(1, |x|) absolute. */
int plumbline_gelu_f32(float *x, int n);

/*
 * The k best of scores[0, n) (larger is better; NaN never selected before a number), written to
 * idx[0, min(k, n)) and vals[...] best first; ties go to the smaller index. Returns the count in
 * *count. Same order as dev.plumbline.engines.index.TopK.
 */
int plumbline_topk_f32(const float *scores, int n, int k, int32_t *idx, float *vals, int *count);

/* ------------------------------------------------------------------------------------------------
 * int8 GEMM (W8A8): activations asymmetric u8 with a per-row zero point, weights symmetric s8
 * (per output channel scale, values in [-127, 127]).
 *   acc[i][j] = sum_k (a[i][k] - a_zero[i]) * w[k][j]          (exact int32)
 * computed on AVX-512 VNNI with vpdpbusd (u8 x s8 in groups of 4 along k, then the zero-point
 * correction a_zero[i] * colsum[j] with colsum precomputed at packing), on AVX2 by widening to
 * 16 bits and vpmaddwd (never the saturating vpmaddubsw), portably with plain loops. Integers:
 * every path is bit-identical to the Java integer reference.
 * w is packed once by plumbline_pack_s8 into plumbline_packed_bytes_s8(k, n) bytes (64-byte
 * aligned by the caller), which include the column sums.
 * ---------------------------------------------------------------------------------------------- */

/* Columns per packed int8 panel (a constant, e.g. 16). */
int plumbline_gemm_panel_s8(void);

/* Bytes the packed form of a k x n int8 matrix needs (k rounded up to 4, column sums included). */
int64_t plumbline_packed_bytes_s8(int k, int n);

/* Packs w[k x n] (row-major int8, each in [-127, 127]) and its column sums. */
int plumbline_pack_s8(const int8_t *w, int k, int n, void *packed);

/*
 * Rows [0, m), columns [col_from, col_to) of the int32 accumulators acc (row stride n). a is u8
 * with row stride k; a_zero[m] the rows' zero points (0..255). col_from is a multiple of the
 * int8 panel width; col_to a multiple of it or n.
 */
int plumbline_gemm_u8s8_s32(const uint8_t *a, int m, const int32_t *a_zero, const void *packed, int k, int n,
                            int32_t *acc, int col_from, int col_to);

/*
 * The same product with the dequantizing epilogue:
 *   c[i][j] = (float) acc[i][j] * (a_scale[i] * w_scale[j]) + bias[j]     (then GELU when asked)
 * in float, in exactly that order (product of the scales first, no FMA contraction), so the Java
 * reference can reproduce it. bias may be NULL.
 */
int plumbline_gemm_u8s8_f32(const uint8_t *a, int m, const int32_t *a_zero, const float *a_scale,
                            const void *packed, int k, int n, const float *w_scale, const float *bias,
                            float *c, int col_from, int col_to, int epilogue);

/*
 * Quantizes rows [0, m) of x[m x k] to u8 for the W8A8 GEMM: per row the range widened to include
 * 0, scale[i] = (hi - lo) / 255 (1 for an all-zero row), zero[i] = round(-lo / scale[i]) in
 * [0, 255], q = clamp(round(x / scale[i]) + zero[i], 0, 255) with ties to even; bit-identical to
 * the Java reference Int8Quantization.rows.
 */
int plumbline_quantize_rows_u8(const float *x, int m, int k, uint8_t *q, int32_t *zero, float *scale);

/* ------------------------------------------------------------------------------------------------
 * int4 GEMM: weights as Q4_0 blocks (llama.cpp's layout: 32 consecutive weights along k of one
 * output column, an FP16 scale d and 16 bytes of nibbles q, weight = (q - 8) * d), activations as
 * Q8_0-style blocks (32 s8 codes, an FP32 scale, the codes' sum). For every output:
 *   acc = 0; for each block b: s = sum_t q_w[t] * q_a[t] - 8 * sum_a      (exact int32)
 *                              acc = fmaf((float) s, d_w * d_a, acc)
 *   c[i][j] = acc + bias[j]                                               (then GELU when asked)
 * in exactly that order, so every path and the Java reference (ScalarInt4Gemm) give the same bits
 * before GELU. On AVX-512 VNNI the nibbles are vpdpbusd's unsigned operand as they are stored.
 * ---------------------------------------------------------------------------------------------- */

/* Columns per packed int4 panel (a constant, 16). */
int plumbline_gemm_panel_q4(void);

/* Bytes the packed form of a k x n int4 matrix needs (k rounded up to 32, n to 16). */
int64_t plumbline_packed_bytes_q4(int k, int n);

/*
 * Packs Q4_0 rows, one per output column: column j's ceil(k / 32) blocks of 18 bytes at
 * q4 + j * ceil(k / 32) * 18.
 */
int plumbline_pack_q4(const uint8_t *q4, int k, int n, void *packed);

/*
 * Quantizes rows [0, m) of x[m x k] to Q8_0-style blocks: per block of 32 (zero-padded past k)
 * d = amax / 127, q = round(x * (1 / d)) with ties to even (0 when d = 0), sum = sum of q; q has
 * row stride ceil(k / 32) * 32, d and sum row stride ceil(k / 32). Bit-identical to Q8_0.quantizeRows.
 */
int plumbline_quantize_rows_q8(const float *x, int m, int k, int8_t *q, float *d, int32_t *sum);

/*
 * Rows [0, m), columns [col_from, col_to) of c (row stride n) from activation blocks (a, a_d,
 * a_sum as plumbline_quantize_rows_q8 writes them) and packed Q4_0 weights. bias may be NULL.
 * col_from is a multiple of the int4 panel width; col_to a multiple of it or n.
 */
int plumbline_gemm_q8q4_f32(const int8_t *a, int m, const float *a_d, const int32_t *a_sum, const void *packed,
                            int k, int n, const float *bias, float *c, int col_from, int col_to, int epilogue);

#ifdef __cplusplus
}
#endif
#endif /* PLUMBLINE_H */
