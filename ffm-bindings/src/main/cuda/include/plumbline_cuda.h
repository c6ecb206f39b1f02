/*
 * Plumbline CUDA kernels: the C ABI that dev.plumbline.ffm's cuda backend binds through Panama FFM.
 *
 * Conventions
 *  - Every function returns a cudaError_t as int (0 = success); the Java side maps a non-zero code to
 *    an exception carrying plc_error_name(code). Arguments are checked in Java before the downcall
 *    and checked again here cheaply (sizes, NULLs: cudaErrorInvalidValue = 1), so a bad call is an
 *    error code, never a crash.
 *  - Pointers named d_* are device memory from plc_malloc; h_* are host memory. Kernels are enqueued
 *    on the given stream and return at once (the launch's error, if any); plc_memcpy_* and
 *    plc_stream_synchronize wait.
 *  - The CUDA runtime is linked statically (one file to ship; no skew with whatever toolkit the GPU
 *    machine has); the driver (libcuda.so.1) is whatever the machine has, and must be at least as new
 *    as plc_runtime_version() needs.
 *  - The same source also builds, with g++, into an emulated library (plc_is_emulated() = 1) that runs
 *    every kernel on the CPU, one thread block at a time with its threads as fibers: tests check the
 *    kernels' indexing and arithmetic on machines without a GPU.
 *  - Matrices are row-major FP32. Kernels compute each output element with the same sequence of
 *    operations whatever the batch it is in (batch-invariant), except cuBLAS, which chooses by shape.
 */
#ifndef PLUMBLINE_CUDA_H
#define PLUMBLINE_CUDA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PLUMBLINE_CUDA_ABI_VERSION 1

/* Fused attention: queries per thread block (one thread per query). */
#define PLC_ATTENTION_QUERY_TILE 64
/* Own SGEMM: output tile of one thread block. */
#define PLC_SGEMM_TILE_M 64
#define PLC_SGEMM_TILE_N 64

int plc_abi_version(void);
/* CUDART_VERSION the library was built with (e.g. 13000); 0 in the emulator. */
int plc_runtime_version(void);
/* 1 when this is the CPU emulator, 0 for the real CUDA build. */
int plc_is_emulated(void);
/* Static strings for a cudaError_t. */
const char *plc_error_name(int err);
const char *plc_error_string(int err);

/* Devices. */
int plc_device_count(int *count);
int plc_set_device(int device);
/* Name (NUL-terminated, truncated to len), memory, multiprocessors, compute capability, SM clock (kHz). */
int plc_device_info(int device, char *name, int len, int64_t *total_bytes, int *multiprocessors, int *cc_major,
                    int *cc_minor, int *clock_khz);
int plc_mem_info(int64_t *free_bytes, int64_t *total_bytes);

/* Memory and streams. */
int plc_malloc(void **d_ptr, int64_t bytes);
int plc_free(void *d_ptr);
int plc_stream_create(void **stream);
int plc_stream_destroy(void *stream);
int plc_stream_synchronize(void *stream);
/* Copies on the stream and waits for them (sources and destinations may be pageable host memory). */
int plc_memcpy_h2d(void *d_dst, const void *h_src, int64_t bytes, void *stream);
int plc_memcpy_d2h(void *h_dst, const void *d_src, int64_t bytes, void *stream);
int plc_memcpy_d2d(void *d_dst, const void *d_src, int64_t bytes, void *stream);
/* Events for timing: elapsed waits for `end`. */
int plc_event_create(void **event);
int plc_event_destroy(void *event);
int plc_event_record(void *event, void *stream);
int plc_event_elapsed_ms(float *ms, void *start, void *end);

/* ------------------------------------------------------------------------------------------------
 * Kernels (enqueued on `stream`)
 * ---------------------------------------------------------------------------------------------- */

/* Own tiled SGEMM: c[m x n] = a[m x k] . w[k x n] + bias (bias may be NULL), then exact GELU when gelu != 0. */
int plc_sgemm_f32(const float *d_a, int m, int k, const float *d_w, int n, const float *d_bias, float *d_c, int gelu,
                  void *stream);

/* Epilogue after a cuBLAS GEMM: c[m x n] += bias (may be NULL), then exact GELU when gelu != 0. */
int plc_bias_gelu_f32(float *d_c, int m, int n, const float *d_bias, int gelu, void *stream);

/* Exact GELU in place over n elements. */
int plc_gelu_f32(float *d_x, int64_t n, void *stream);

/*
 * FlashAttention-style fused attention forward, never materializing scores. d_tiles holds ntiles
 * triples (first row of the sequence, its length, first query of the tile): one thread block per
 * (tile, head), PLC_ATTENTION_QUERY_TILE queries each, K/V streamed in blocks with an online softmax.
 * q, k, v, out are [rows x heads*head_dim]; head_dim is 32, 64 or 128. causal: query i sees keys <= i.
 * Rows outside every tile's sequence are neither read nor written.
 */
int plc_attention_f32(const float *d_q, const float *d_k, const float *d_v, float *d_out, const int *d_tiles,
                      int ntiles, int heads, int head_dim, int causal, void *stream);
/* Dynamic shared memory one attention block needs for head_dim (0 for an unsupported head_dim). */
int plc_attention_smem_bytes(int head_dim);

/* x = LayerNorm(x + residual) * gamma + beta per row (residual may be NULL); biased variance. */
int plc_add_layernorm_f32(float *d_x, const float *d_residual, int rows, int cols, const float *d_gamma,
                          const float *d_beta, float epsilon, void *stream);

/* x[r] = word[ids[3r]] + position[ids[3r+1]] + type[ids[3r+2]], added in that order; d_ids is device memory. */
int plc_embed_f32(const float *d_word, const float *d_position, const float *d_type, const int *d_ids, int rows,
                  int cols, float *d_x, void *stream);

/* Per sequence s (rows [seqs[2s], seqs[2s]+seqs[2s+1])): FP64 mean of its rows (first row only when
 * first_row_only), summed in row order; out is [n x cols] doubles. */
int plc_pool_f64(const float *d_state, const int *d_seqs, int n, int cols, int first_row_only, double *d_out,
                 void *stream);

/* dst[i] = bf16(src[i]) with round-to-nearest-even (NaN stays NaN), for cuBLAS BF16 GEMMs. */
int plc_f32_to_bf16(const float *d_src, uint16_t *d_dst, int64_t n, void *stream);

#ifdef __cplusplus
}
#endif
#endif
