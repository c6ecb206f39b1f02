/*
 * FP32 GEMM entry points, packing and the portable path.
 *
 * Packed layout (same on every ISA level): ceil(n / 64) column panels, panel p holding
 * w[0..k)[64p .. 64p + 64) as k rows of 64 contiguous floats (zero past n), panels one after the
 * other: packed[(p * k + kk) * 64 + j] = w[kk][64p + j]. A micro-kernel then reads W with unit
 * stride, one 256-byte row (4 zmm) per k step, and the zero padding makes the last panel's
 * arithmetic independent of where a caller's column range ends.
 */
#include <string.h>

#include "internal.h"

PLUMBLINE_API int plumbline_gemm_panel_f32(void) { return PL_NR_F32; }

static int64_t panels_of(int n) { return ((int64_t)n + PL_NR_F32 - 1) / PL_NR_F32; }

PLUMBLINE_API int64_t plumbline_packed_floats_f32(int k, int n) {
    if (k < 1 || n < 1) return 0;
    return panels_of(n) * k * PL_NR_F32;
}

PLUMBLINE_API int plumbline_pack_f32(const float *w, int k, int n, float *packed) {
    if (w == NULL || packed == NULL || k < 1 || n < 1) return PLUMBLINE_EINVAL;
    int64_t panels = panels_of(n);
    for (int64_t p = 0; p < panels; p++) {
        int64_t col = p * PL_NR_F32;
        int width = (int)PL_MIN((int64_t)PL_NR_F32, n - col);
        float *dst = packed + p * k * PL_NR_F32;
        for (int64_t kk = 0; kk < k; kk++) {
            memcpy(dst + kk * PL_NR_F32, w + kk * n + col, (size_t)width * sizeof(float));
            memset(dst + kk * PL_NR_F32 + width, 0, (size_t)(PL_NR_F32 - width) * sizeof(float));
        }
    }
    return PLUMBLINE_OK;
}

PLUMBLINE_API int plumbline_gemm_f32(const float *a, int m, const float *packed, int k, int n, const float *bias,
                                     float *c, int col_from, int col_to, int epilogue) {
    if (packed == NULL || m < 0 || k < 1 || n < 1) return PLUMBLINE_EINVAL;
    if (m > 0 && (a == NULL || c == NULL)) return PLUMBLINE_EINVAL;
    if (col_from < 0 || col_from > col_to || col_to > n || col_from % PL_NR_F32 != 0) return PLUMBLINE_EINVAL;
    if (col_to % PL_NR_F32 != 0 && col_to != n) return PLUMBLINE_EINVAL;
    if (epilogue != PLUMBLINE_EPILOGUE_NONE && epilogue != PLUMBLINE_EPILOGUE_GELU) return PLUMBLINE_EINVAL;
    if (m == 0 || col_from == col_to) return PLUMBLINE_OK;
    int pf = col_from / PL_NR_F32;
    int pt = (int)(((int64_t)col_to + PL_NR_F32 - 1) / PL_NR_F32);
    int gelu = epilogue == PLUMBLINE_EPILOGUE_GELU;
    int isa = pl_isa();
    if (isa >= PLUMBLINE_ISA_AVX512) {
        pl_gemm_f32_avx512(a, m, packed, k, n, bias, c, pf, pt, gelu);
    } else if (isa == PLUMBLINE_ISA_AVX2) {
        pl_gemm_f32_avx2(a, m, packed, k, n, bias, c, pf, pt, gelu);
    } else {
        pl_gemm_f32_portable(a, m, packed, k, n, bias, c, pf, pt, gelu);
    }
    return PLUMBLINE_OK;
}

/*
 * Portable: one row at a time against one panel, the 64 sums in a local array (the compiler
 * vectorizes the j loop with the baseline SSE2). Each element is the plain sequential sum over k
 * (multiply, then add; no contraction), then + bias, then GELU: independent of m and partition.
 */
void pl_gemm_f32_portable(const float *a, int m, const float *packed, int k, int n, const float *bias,
                          float *c, int panel_from, int panel_to, int gelu) {
    float acc[PL_NR_F32];
    for (int p = panel_from; p < panel_to; p++) {
        const float *b = packed + (int64_t)p * k * PL_NR_F32;
        int col = p * PL_NR_F32;
        int width = PL_MIN(PL_NR_F32, n - col);
        for (int64_t i = 0; i < m; i++) {
            const float *ar = a + i * k;
            for (int j = 0; j < PL_NR_F32; j++) acc[j] = 0.0f;
            for (int kk = 0; kk < k; kk++) {
                float av = ar[kk];
                const float *br = b + (int64_t)kk * PL_NR_F32;
                for (int j = 0; j < PL_NR_F32; j++) acc[j] += av * br[j];
            }
            float *cr = c + i * n + col;
            for (int j = 0; j < width; j++) {
                float v = bias ? acc[j] + bias[col + j] : acc[j];
                cr[j] = gelu ? pl_gelu_scalar(v) : v;
            }
        }
    }
}
