/*
 * Plumbline CUDA kernels and the thin runtime layer the Java cuda backend binds (see
 * include/plumbline_cuda.h for the ABI). Built by nvcc for the GPU, and by g++ with PLC_EMULATE
 * into a CPU emulator of the same kernels (src/cuda_emu.h) that the tests run where no GPU is.
 *
 * Design notes
 *  - No warp intrinsics: block reductions go through shared memory, so the emulator stays small.
 *    The cost is a few extra barriers in LayerNorm, which is memory-bound anyway.
 *  - Attention: one thread per query, a block per (64-query tile, head). Q of the tile, then K and V
 *    blocks of the sequence, go through shared memory; each thread keeps its output row in
 *    registers with the running max and sum of the online softmax (FlashAttention, Dao et al. 2022),
 *    so memory is O(N·d) whatever N is. Q rows in shared memory are padded by one float so that the
 *    threads of a warp, each reading its own row, hit distinct banks; K and V rows are read by all
 *    threads at once (a broadcast).
 *  - SGEMM: 64x64 output tile, k in steps of 16, 256 threads with 4x4 outputs each; the fallback
 *    when cuBLAS is missing and the epilogue-fused variant (bias, GELU) in one pass.
 */
#ifdef PLC_EMULATE
#include "cuda_emu.h"
#else
#include <cuda_runtime.h>
#define PLC_DYNAMIC_SHARED(type, name) extern __shared__ type name[]
#define PLC_LAUNCH(kernel, grid, block, shared, stream, ...) \
    kernel<<<(grid), (block), (shared), (cudaStream_t)(stream)>>>(__VA_ARGS__)
#endif

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "plumbline_cuda.h"

#define PLC_API extern "C" __attribute__((visibility("default")))

/* cudaError_t values the emulator and the argument checks return (same numbers as the runtime's). */
enum { PLC_SUCCESS = 0, PLC_INVALID_VALUE = 1, PLC_MEMORY_ALLOCATION = 2 };

/* ================================================================================================
 * Device code
 * ============================================================================================== */

__device__ __forceinline__ float plc_gelu(float x) {
    return 0.5f * x * (1.0f + erff(x * 0.70710678118654752f));
}

#define SGEMM_BM PLC_SGEMM_TILE_M
#define SGEMM_BN PLC_SGEMM_TILE_N
#define SGEMM_BK 16
#define SGEMM_THREADS 256

__global__ void __launch_bounds__(SGEMM_THREADS)
sgemm_kernel(const float *__restrict__ a, const float *__restrict__ w, const float *__restrict__ bias,
             float *__restrict__ c, int m, int k, int n, int gelu) {
    /* sA is stored transposed ([kk][row]) so the inner loop reads a column of A contiguously. */
    __shared__ float sA[SGEMM_BK][SGEMM_BM + 4];
    __shared__ float sB[SGEMM_BK][SGEMM_BN + 4];
    const int tid = threadIdx.x;
    const int tx = tid % 16; /* columns tx + 16j */
    const int ty = tid / 16; /* rows    ty + 16i */
    const int row0 = blockIdx.y * SGEMM_BM;
    const int col0 = blockIdx.x * SGEMM_BN;
    float acc[4][4];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) acc[i][j] = 0.0f;
    for (int k0 = 0; k0 < k; k0 += SGEMM_BK) {
        for (int e = tid; e < SGEMM_BM * SGEMM_BK; e += SGEMM_THREADS) {
            int r = e / SGEMM_BK, kk = e % SGEMM_BK;
            int gr = row0 + r, gk = k0 + kk;
            sA[kk][r] = (gr < m && gk < k) ? a[(size_t)gr * k + gk] : 0.0f;
        }
        for (int e = tid; e < SGEMM_BK * SGEMM_BN; e += SGEMM_THREADS) {
            int kk = e / SGEMM_BN, cc = e % SGEMM_BN;
            int gk = k0 + kk, gc = col0 + cc;
            sB[kk][cc] = (gk < k && gc < n) ? w[(size_t)gk * n + gc] : 0.0f;
        }
        __syncthreads();
        for (int kk = 0; kk < SGEMM_BK; kk++) {
            float av[4], bv[4];
            for (int i = 0; i < 4; i++) av[i] = sA[kk][ty + 16 * i];
            for (int j = 0; j < 4; j++) bv[j] = sB[kk][tx + 16 * j];
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
        }
        __syncthreads();
    }
    for (int i = 0; i < 4; i++) {
        int r = row0 + ty + 16 * i;
        if (r >= m) continue;
        for (int j = 0; j < 4; j++) {
            int col = col0 + tx + 16 * j;
            if (col >= n) continue;
            float x = acc[i][j] + (bias != NULL ? bias[col] : 0.0f);
            c[(size_t)r * n + col] = gelu ? plc_gelu(x) : x;
        }
    }
}

__global__ void bias_gelu_kernel(float *c, int64_t total, int n, const float *bias, int gelu) {
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < total; i += (int64_t)gridDim.x * blockDim.x) {
        float x = c[i] + (bias != NULL ? bias[i % n] : 0.0f);
        c[i] = gelu ? plc_gelu(x) : x;
    }
}

#define ATT_BQ PLC_ATTENTION_QUERY_TILE

/* Keys per streamed K/V block: fewer for d = 128 so that the score row stays in registers. */
template <int HD> struct AttentionBlock { static const int BK = HD >= 128 ? 32 : 64; };

template <int HD>
__global__ void __launch_bounds__(ATT_BQ)
attention_kernel(const float *__restrict__ q, const float *__restrict__ k, const float *__restrict__ v,
                 float *__restrict__ out, const int *__restrict__ tiles, int heads, int causal) {
    const int BK = AttentionBlock<HD>::BK;
    const int QS = HD + 1; /* padded row stride of sQ: conflict-free per-thread rows */
    PLC_DYNAMIC_SHARED(float, smem);
    float *sQ = smem;               /* [ATT_BQ][QS] */
    float *sK = sQ + ATT_BQ * QS;   /* [BK][HD] */
    float *sV = sK + BK * HD;       /* [BK][HD] */
    const int tid = threadIdx.x;
    const int seqRow = tiles[3 * blockIdx.x];
    const int len = tiles[3 * blockIdx.x + 1];
    const int q0 = tiles[3 * blockIdx.x + 2];
    const int h = blockIdx.y;
    const int width = heads * HD;
    const int qi = q0 + tid;        /* this thread's query, within the sequence */
    const bool active = qi < len;
    const int tileRows = min(ATT_BQ, len - q0);
    const float scale = 1.0f / sqrtf((float)HD);

    for (int e = tid; e < tileRows * HD; e += ATT_BQ) {
        int r = e / HD, col = e % HD;
        sQ[r * QS + col] = q[(size_t)(seqRow + q0 + r) * width + h * HD + col];
    }
    float o[HD];
    for (int c = 0; c < HD; c++) o[c] = 0.0f;
    float mMax = -INFINITY, lSum = 0.0f;
    /* Causal: no query of this tile sees keys past its last query. */
    const int keyEnd = causal ? min(len, q0 + tileRows) : len;
    for (int k0 = 0; k0 < keyEnd; k0 += BK) {
        const int nk = min(BK, keyEnd - k0);
        __syncthreads(); /* everyone is done with the previous K/V block (and sQ is loaded) */
        for (int e = tid; e < nk * HD; e += ATT_BQ) {
            int r = e / HD, col = e % HD;
            size_t at = (size_t)(seqRow + k0 + r) * width + h * HD + col;
            sK[r * HD + col] = k[at];
            sV[r * HD + col] = v[at];
        }
        __syncthreads();
        if (active) {
            const int visible = causal ? min(nk, qi - k0 + 1) : nk;
            if (visible > 0) {
                float s[AttentionBlock<HD>::BK];
                float tileMax = -INFINITY;
                for (int j = 0; j < BK; j++) {
                    if (j < visible) {
                        float dot = 0.0f;
                        for (int c = 0; c < HD; c++) dot = fmaf(sQ[tid * QS + c], sK[j * HD + c], dot);
                        s[j] = dot * scale;
                        tileMax = fmaxf(tileMax, s[j]);
                    }
                }
                const float mNew = fmaxf(mMax, tileMax);
                const float correction = expf(mMax - mNew); /* exp(-inf) = 0 on the first block */
                lSum *= correction;
                for (int c = 0; c < HD; c++) o[c] *= correction;
                for (int j = 0; j < BK; j++) {
                    if (j < visible) {
                        float p = expf(s[j] - mNew);
                        lSum += p;
                        for (int c = 0; c < HD; c++) o[c] = fmaf(p, sV[j * HD + c], o[c]);
                    }
                }
                mMax = mNew;
            }
        }
    }
    __syncthreads(); /* sQ is reused to stage the output for coalesced stores */
    if (active) {
        const float inv = 1.0f / lSum;
        for (int c = 0; c < HD; c++) sQ[tid * QS + c] = o[c] * inv;
    }
    __syncthreads();
    for (int e = tid; e < tileRows * HD; e += ATT_BQ) {
        int r = e / HD, col = e % HD;
        out[(size_t)(seqRow + q0 + r) * width + h * HD + col] = sQ[r * QS + col];
    }
}

static int attention_smem_bytes(int hd) {
    int bk = hd >= 128 ? 32 : 64;
    return (int)sizeof(float) * (ATT_BQ * (hd + 1) + 2 * bk * hd);
}

#define LN_THREADS 256

/* Sum over the block through shared memory (blockDim.x = LN_THREADS, a power of two). */
__device__ float block_sum(float value, float *red) {
    const int tid = threadIdx.x;
    red[tid] = value;
    __syncthreads();
    for (int stride = LN_THREADS / 2; stride > 0; stride >>= 1) {
        if (tid < stride) red[tid] += red[tid + stride];
        __syncthreads();
    }
    float total = red[0];
    __syncthreads(); /* red is reused by the next call */
    return total;
}

__global__ void __launch_bounds__(LN_THREADS)
add_layernorm_kernel(float *x, const float *residual, int cols, const float *gamma, const float *beta,
                     float epsilon) {
    __shared__ float red[LN_THREADS];
    float *row = x + (size_t)blockIdx.x * cols;
    const float *res = residual != NULL ? residual + (size_t)blockIdx.x * cols : NULL;
    float sum = 0.0f;
    for (int c = threadIdx.x; c < cols; c += LN_THREADS) {
        float value = res != NULL ? row[c] + res[c] : row[c];
        row[c] = value; /* this thread alone touches column c of the row */
        sum += value;
    }
    const float mean = block_sum(sum, red) / cols;
    float squares = 0.0f;
    for (int c = threadIdx.x; c < cols; c += LN_THREADS) {
        float d = row[c] - mean;
        squares = fmaf(d, d, squares);
    }
    const float variance = block_sum(squares, red) / cols;
    const float inv = 1.0f / sqrtf(variance + epsilon);
    for (int c = threadIdx.x; c < cols; c += LN_THREADS) {
        row[c] = (row[c] - mean) * inv * gamma[c] + beta[c];
    }
}

__global__ void embed_kernel(const float *word, const float *position, const float *type, const int *ids, int cols,
                             float *x) {
    const int r = blockIdx.x;
    const float *wr = word + (size_t)ids[3 * r] * cols;
    const float *pr = position + (size_t)ids[3 * r + 1] * cols;
    const float *tr = type + (size_t)ids[3 * r + 2] * cols;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        float value = wr[c] + pr[c];
        x[(size_t)r * cols + c] = value + tr[c];
    }
}

__global__ void pool_kernel(const float *state, const int *seqs, int cols, int first_row_only, double *out) {
    const int s = blockIdx.x;
    const int row0 = seqs[2 * s];
    const int rows = first_row_only ? 1 : seqs[2 * s + 1];
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        double sum = 0.0;
        for (int i = 0; i < rows; i++) sum += (double)state[(size_t)(row0 + i) * cols + c];
        out[(size_t)s * cols + c] = sum / rows;
    }
}

__device__ __forceinline__ uint16_t plc_bf16(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x0040u); /* quiet NaN */
    u += 0x7fffu + ((u >> 16) & 1u);
    return (uint16_t)(u >> 16);
}

__global__ void bf16_kernel(const float *src, uint16_t *dst, int64_t n) {
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x) {
        dst[i] = plc_bf16(src[i]);
    }
}

/* ================================================================================================
 * Host side: runtime layer
 * ============================================================================================== */

#ifdef PLC_EMULATE
static int last_launch_error(void) { return PLC_SUCCESS; }
#else
static int last_launch_error(void) { return (int)cudaGetLastError(); }
#endif

static unsigned grid_1d(int64_t n, unsigned threads) {
    int64_t blocks = (n + threads - 1) / threads;
    if (blocks > 65535) blocks = 65535; /* grid-stride loops cover the rest */
    return blocks < 1 ? 1u : (unsigned)blocks;
}

PLC_API int plc_abi_version(void) { return PLUMBLINE_CUDA_ABI_VERSION; }

#ifdef PLC_EMULATE
PLC_API int plc_runtime_version(void) { return 0; }
PLC_API int plc_is_emulated(void) { return 1; }
PLC_API const char *plc_error_name(int err) {
    switch (err) {
    case 0: return "cudaSuccess";
    case 1: return "cudaErrorInvalidValue";
    case 2: return "cudaErrorMemoryAllocation";
    default: return "cudaErrorUnknown";
    }
}
PLC_API const char *plc_error_string(int err) { return plc_error_name(err); }
PLC_API int plc_device_count(int *count) {
    if (count == NULL) return PLC_INVALID_VALUE;
    *count = 1;
    return PLC_SUCCESS;
}
PLC_API int plc_set_device(int device) { return device == 0 ? PLC_SUCCESS : PLC_INVALID_VALUE; }
PLC_API int plc_device_info(int device, char *name, int len, int64_t *total_bytes, int *multiprocessors,
                            int *cc_major, int *cc_minor, int *clock_khz) {
    if (device != 0 || name == NULL || len < 1) return PLC_INVALID_VALUE;
    strncpy(name, "Plumbline CPU emulator", (size_t)len - 1);
    name[len - 1] = 0;
    *total_bytes = (int64_t)1 << 30;
    *multiprocessors = 1;
    *cc_major = 0;
    *cc_minor = 0;
    *clock_khz = 0;
    return PLC_SUCCESS;
}
PLC_API int plc_mem_info(int64_t *free_bytes, int64_t *total_bytes) {
    *free_bytes = (int64_t)1 << 30;
    *total_bytes = (int64_t)1 << 30;
    return PLC_SUCCESS;
}
PLC_API int plc_malloc(void **ptr, int64_t bytes) {
    if (ptr == NULL || bytes < 0) return PLC_INVALID_VALUE;
    *ptr = calloc((size_t)(bytes > 0 ? bytes : 1), 1);
    return *ptr == NULL ? PLC_MEMORY_ALLOCATION : PLC_SUCCESS;
}
PLC_API int plc_free(void *ptr) {
    free(ptr);
    return PLC_SUCCESS;
}
static int emulated_stream;
PLC_API int plc_stream_create(void **stream) {
    *stream = &emulated_stream;
    return PLC_SUCCESS;
}
PLC_API int plc_stream_destroy(void *) { return PLC_SUCCESS; }
PLC_API int plc_stream_synchronize(void *) { return PLC_SUCCESS; }
static int copy(void *dst, const void *src, int64_t bytes) {
    if ((dst == NULL || src == NULL) && bytes > 0) return PLC_INVALID_VALUE;
    if (bytes > 0) memcpy(dst, src, (size_t)bytes);
    return PLC_SUCCESS;
}
PLC_API int plc_memcpy_h2d(void *dst, const void *src, int64_t bytes, void *) { return copy(dst, src, bytes); }
PLC_API int plc_memcpy_d2h(void *dst, const void *src, int64_t bytes, void *) { return copy(dst, src, bytes); }
PLC_API int plc_memcpy_d2d(void *dst, const void *src, int64_t bytes, void *) { return copy(dst, src, bytes); }
PLC_API int plc_event_create(void **event) {
    *event = calloc(1, sizeof(struct timespec));
    return *event == NULL ? PLC_MEMORY_ALLOCATION : PLC_SUCCESS;
}
PLC_API int plc_event_destroy(void *event) {
    free(event);
    return PLC_SUCCESS;
}
PLC_API int plc_event_record(void *event, void *) {
    clock_gettime(CLOCK_MONOTONIC, (struct timespec *)event);
    return PLC_SUCCESS;
}
PLC_API int plc_event_elapsed_ms(float *ms, void *start, void *end) {
    const struct timespec *a = (const struct timespec *)start, *b = (const struct timespec *)end;
    *ms = (float)((b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6);
    return PLC_SUCCESS;
}
#else
PLC_API int plc_runtime_version(void) { return CUDART_VERSION; }
PLC_API int plc_is_emulated(void) { return 0; }
PLC_API const char *plc_error_name(int err) { return cudaGetErrorName((cudaError_t)err); }
PLC_API const char *plc_error_string(int err) { return cudaGetErrorString((cudaError_t)err); }
PLC_API int plc_device_count(int *count) {
    if (count == NULL) return PLC_INVALID_VALUE;
    return (int)cudaGetDeviceCount(count);
}
PLC_API int plc_set_device(int device) { return (int)cudaSetDevice(device); }
PLC_API int plc_device_info(int device, char *name, int len, int64_t *total_bytes, int *multiprocessors,
                            int *cc_major, int *cc_minor, int *clock_khz) {
    if (name == NULL || len < 1) return PLC_INVALID_VALUE;
    cudaDeviceProp prop;
    cudaError_t err = cudaGetDeviceProperties(&prop, device);
    if (err != cudaSuccess) return (int)err;
    strncpy(name, prop.name, (size_t)len - 1);
    name[len - 1] = 0;
    *total_bytes = (int64_t)prop.totalGlobalMem;
    *multiprocessors = prop.multiProcessorCount;
    *cc_major = prop.major;
    *cc_minor = prop.minor;
    err = cudaDeviceGetAttribute(clock_khz, cudaDevAttrClockRate, device);
    return (int)err;
}
PLC_API int plc_mem_info(int64_t *free_bytes, int64_t *total_bytes) {
    size_t f = 0, t = 0;
    cudaError_t err = cudaMemGetInfo(&f, &t);
    *free_bytes = (int64_t)f;
    *total_bytes = (int64_t)t;
    return (int)err;
}
PLC_API int plc_malloc(void **ptr, int64_t bytes) {
    if (ptr == NULL || bytes < 0) return PLC_INVALID_VALUE;
    return (int)cudaMalloc(ptr, (size_t)(bytes > 0 ? bytes : 1));
}
PLC_API int plc_free(void *ptr) { return (int)cudaFree(ptr); }
PLC_API int plc_stream_create(void **stream) {
    return (int)cudaStreamCreateWithFlags((cudaStream_t *)stream, cudaStreamNonBlocking);
}
PLC_API int plc_stream_destroy(void *stream) { return (int)cudaStreamDestroy((cudaStream_t)stream); }
PLC_API int plc_stream_synchronize(void *stream) { return (int)cudaStreamSynchronize((cudaStream_t)stream); }
static int copy(void *dst, const void *src, int64_t bytes, cudaMemcpyKind kind, void *stream) {
    if ((dst == NULL || src == NULL) && bytes > 0) return PLC_INVALID_VALUE;
    if (bytes == 0) return PLC_SUCCESS;
    cudaError_t err = cudaMemcpyAsync(dst, src, (size_t)bytes, kind, (cudaStream_t)stream);
    if (err != cudaSuccess) return (int)err;
    return (int)cudaStreamSynchronize((cudaStream_t)stream);
}
PLC_API int plc_memcpy_h2d(void *dst, const void *src, int64_t bytes, void *stream) {
    return copy(dst, src, bytes, cudaMemcpyHostToDevice, stream);
}
PLC_API int plc_memcpy_d2h(void *dst, const void *src, int64_t bytes, void *stream) {
    return copy(dst, src, bytes, cudaMemcpyDeviceToHost, stream);
}
PLC_API int plc_memcpy_d2d(void *dst, const void *src, int64_t bytes, void *stream) {
    return copy(dst, src, bytes, cudaMemcpyDeviceToDevice, stream);
}
PLC_API int plc_event_create(void **event) { return (int)cudaEventCreate((cudaEvent_t *)event); }
PLC_API int plc_event_destroy(void *event) { return (int)cudaEventDestroy((cudaEvent_t)event); }
PLC_API int plc_event_record(void *event, void *stream) {
    return (int)cudaEventRecord((cudaEvent_t)event, (cudaStream_t)stream);
}
PLC_API int plc_event_elapsed_ms(float *ms, void *start, void *end) {
    cudaError_t err = cudaEventSynchronize((cudaEvent_t)end);
    if (err != cudaSuccess) return (int)err;
    return (int)cudaEventElapsedTime(ms, (cudaEvent_t)start, (cudaEvent_t)end);
}
#endif

/* ================================================================================================
 * Host side: kernel launches
 * ============================================================================================== */

PLC_API int plc_sgemm_f32(const float *a, int m, int k, const float *w, int n, const float *bias, float *c, int gelu,
                          void *stream) {
    if (a == NULL || w == NULL || c == NULL || m < 0 || k < 1 || n < 1) return PLC_INVALID_VALUE;
    if (m == 0) return PLC_SUCCESS;
    dim3 grid((unsigned)((n + SGEMM_BN - 1) / SGEMM_BN), (unsigned)((m + SGEMM_BM - 1) / SGEMM_BM));
    PLC_LAUNCH(sgemm_kernel, grid, dim3(SGEMM_THREADS), 0, stream, a, w, bias, c, m, k, n, gelu);
    return last_launch_error();
}

PLC_API int plc_bias_gelu_f32(float *c, int m, int n, const float *bias, int gelu, void *stream) {
    if (c == NULL || m < 0 || n < 1) return PLC_INVALID_VALUE;
    int64_t total = (int64_t)m * n;
    if (total == 0 || (bias == NULL && !gelu)) return PLC_SUCCESS;
    PLC_LAUNCH(bias_gelu_kernel, dim3(grid_1d(total, 256)), dim3(256), 0, stream, c, total, n, bias, gelu);
    return last_launch_error();
}

PLC_API int plc_gelu_f32(float *x, int64_t n, void *stream) {
    if (x == NULL || n < 0) return PLC_INVALID_VALUE;
    if (n == 0) return PLC_SUCCESS;
    PLC_LAUNCH(bias_gelu_kernel, dim3(grid_1d(n, 256)), dim3(256), 0, stream, x, n, 1, (const float *)NULL, 1);
    return last_launch_error();
}

PLC_API int plc_attention_smem_bytes(int head_dim) {
    return head_dim == 32 || head_dim == 64 || head_dim == 128 ? attention_smem_bytes(head_dim) : 0;
}

template <int HD>
static int launch_attention(const float *q, const float *k, const float *v, float *out, const int *tiles, int ntiles,
                            int heads, int causal, void *stream) {
    int smem = attention_smem_bytes(HD);
#ifndef PLC_EMULATE
    /* Above 48 KB a kernel must opt in to dynamic shared memory (Hopper allows up to 227 KB). */
    cudaError_t err = cudaFuncSetAttribute(attention_kernel<HD>, cudaFuncAttributeMaxDynamicSharedMemorySize, smem);
    if (err != cudaSuccess) return (int)err;
#endif
    PLC_LAUNCH(attention_kernel<HD>, dim3((unsigned)ntiles, (unsigned)heads), dim3(ATT_BQ), (size_t)smem, stream, q,
               k, v, out, tiles, heads, causal);
    return last_launch_error();
}

PLC_API int plc_attention_f32(const float *q, const float *k, const float *v, float *out, const int *tiles, int ntiles,
                              int heads, int head_dim, int causal, void *stream) {
    if (q == NULL || k == NULL || v == NULL || out == NULL || tiles == NULL || ntiles < 0 || heads < 1
        || heads > 65535) {
        return PLC_INVALID_VALUE;
    }
    if (ntiles == 0) return PLC_SUCCESS;
    switch (head_dim) {
    case 32: return launch_attention<32>(q, k, v, out, tiles, ntiles, heads, causal, stream);
    case 64: return launch_attention<64>(q, k, v, out, tiles, ntiles, heads, causal, stream);
    case 128: return launch_attention<128>(q, k, v, out, tiles, ntiles, heads, causal, stream);
    default: return PLC_INVALID_VALUE;
    }
}

PLC_API int plc_add_layernorm_f32(float *x, const float *residual, int rows, int cols, const float *gamma,
                                  const float *beta, float epsilon, void *stream) {
    if (x == NULL || gamma == NULL || beta == NULL || rows < 0 || cols < 1) return PLC_INVALID_VALUE;
    if (rows == 0) return PLC_SUCCESS;
    PLC_LAUNCH(add_layernorm_kernel, dim3((unsigned)rows), dim3(LN_THREADS), 0, stream, x, residual, cols, gamma,
               beta, epsilon);
    return last_launch_error();
}

PLC_API int plc_embed_f32(const float *word, const float *position, const float *type, const int *ids, int rows,
                          int cols, float *x, void *stream) {
    if (word == NULL || position == NULL || type == NULL || ids == NULL || x == NULL || rows < 0 || cols < 1) {
        return PLC_INVALID_VALUE;
    }
    if (rows == 0) return PLC_SUCCESS;
    PLC_LAUNCH(embed_kernel, dim3((unsigned)rows), dim3(128), 0, stream, word, position, type, ids, cols, x);
    return last_launch_error();
}

PLC_API int plc_pool_f64(const float *state, const int *seqs, int n, int cols, int first_row_only, double *out,
                         void *stream) {
    if (state == NULL || seqs == NULL || out == NULL || n < 0 || cols < 1) return PLC_INVALID_VALUE;
    if (n == 0) return PLC_SUCCESS;
    PLC_LAUNCH(pool_kernel, dim3((unsigned)n), dim3(128), 0, stream, state, seqs, cols, first_row_only, out);
    return last_launch_error();
}

PLC_API int plc_f32_to_bf16(const float *src, uint16_t *dst, int64_t n, void *stream) {
    if (src == NULL || dst == NULL || n < 0) return PLC_INVALID_VALUE;
    if (n == 0) return PLC_SUCCESS;
    PLC_LAUNCH(bf16_kernel, dim3(grid_1d(n, 256)), dim3(256), 0, stream, src, dst, n);
    return last_launch_error();
}
