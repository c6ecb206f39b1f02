/*
 * Internal declarations shared by the kernel files. Nothing here is exported: the library is
 * built with -fvisibility=hidden and only PLUMBLINE_API functions (the ABI in plumbline.h) are
 * visible.
 */
#ifndef PLUMBLINE_INTERNAL_H
#define PLUMBLINE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../include/plumbline.h"

#define PLUMBLINE_API __attribute__((visibility("default")))

/* Function-level targets: the baseline build is plain x86-64, each fast path opts in. */
#define PL_TARGET_AVX2 __attribute__((target("avx2,fma,f16c")))
#define PL_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,fma")))
#define PL_TARGET_VNNI __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512vnni,fma")))
#define PL_INLINE static inline __attribute__((always_inline))

#define PL_MIN(a, b) ((a) < (b) ? (a) : (b))
#define PL_MAX(a, b) ((a) > (b) ? (a) : (b))

/* The level kernels use now (detects on first use). */
int pl_isa(void);

/* ---- FP32 GEMM ---- */
#define PL_NR_F32 64 /* panel width: 4 zmm, the AVX-512 micro-tile width */
void pl_gemm_f32_portable(const float *a, int m, const float *packed, int k, int n, const float *bias,
                          float *c, int panel_from, int panel_to, int gelu);
void pl_gemm_f32_avx2(const float *a, int m, const float *packed, int k, int n, const float *bias,
                      float *c, int panel_from, int panel_to, int gelu);
void pl_gemm_f32_avx512(const float *a, int m, const float *packed, int k, int n, const float *bias,
                        float *c, int panel_from, int panel_to, int gelu);

/* ---- attention: one head each ---- */
typedef struct {
    const float *q, *k, *v; /* already offset to the head's first column */
    float *out;
    int64_t stride;
    int len, d, causal;
    float scale;
} pl_attn_head;
void pl_attention_portable(const pl_attn_head *h);
void pl_attention_avx2(const pl_attn_head *h);
void pl_attention_avx512(const pl_attn_head *h);
void pl_attention_naive_portable(const pl_attn_head *h, float *scratch);
int64_t pl_attention_tile_bytes_avx2(void);
int64_t pl_attention_tile_bytes_avx512(void);
void pl_attention_naive_avx2(const pl_attn_head *h, float *scratch);
void pl_attention_naive_avx512(const pl_attn_head *h, float *scratch);

/* ---- row kernels ---- */
void pl_gelu_portable(float *x, int64_t n);
void pl_quantize_rows_u8_portable(const float *x, int m, int k, uint8_t *q, int32_t *zero, float *scale);
void pl_quantize_rows_u8_avx512(const float *x, int m, int k, uint8_t *q, int32_t *zero, float *scale);
void pl_gelu_avx2(float *x, int64_t n);
void pl_gelu_avx512(float *x, int64_t n);
float pl_gelu_scalar(float x);
void pl_layer_norm_portable(float *x, const float *residual, int rows, int cols, const float *gamma,
                            const float *beta, float epsilon);
void pl_layer_norm_avx2(float *x, const float *residual, int rows, int cols, const float *gamma,
                        const float *beta, float epsilon);
void pl_layer_norm_avx512(float *x, const float *residual, int rows, int cols, const float *gamma,
                          const float *beta, float epsilon);

/* ---- int8 GEMM ---- */
#define PL_NR_S8 16 /* panel width: 16 int32 lanes of one zmm */
typedef struct {
    const uint8_t *a;
    int m, k, n;
    const int32_t *a_zero;
    const int8_t *w;        /* packed panels */
    const int32_t *colsum;  /* panels * 16 column sums */
    int panel_from, panel_to;
    /* output: exactly one of acc / c */
    int32_t *acc;
    float *c;
    const float *a_scale, *w_scale, *bias;
    int gelu;
} pl_s8_args;
void pl_gemm_s8_portable(const pl_s8_args *g);
void pl_gemm_s8_avx2(const pl_s8_args *g);
void pl_gemm_s8_vnni(const pl_s8_args *g);


/* ---- int4 GEMM ---- */
#define PL_NR_Q4 16      /* panel width: 16 float lanes of one zmm */
#define PL_QK 32         /* weights per Q4_0 block */
#define PL_Q4_BLOCK 288  /* packed bytes of one panel block: 4 x 64 nibble bytes + 16 FP16 scales */
typedef struct {
    const int8_t *a;        /* row stride kb * 32 */
    int m, k, n, kb;        /* kb = blocks along k */
    const float *a_d;       /* row stride kb */
    const int32_t *a_sum;   /* row stride kb */
    const uint8_t *w;       /* packed panels */
    int panel_from, panel_to;
    const float *bias;
    float *c;
    int gelu;
} pl_q4_args;
void pl_gemm_q4_portable(const pl_q4_args *g);
void pl_gemm_q4_vnni(const pl_q4_args *g);
void pl_quantize_rows_q8_portable(const float *x, int m, int k, int8_t *q, float *d, int32_t *sum);
void pl_quantize_rows_q8_avx512(const float *x, int m, int k, int8_t *q, float *d, int32_t *sum);

#endif
