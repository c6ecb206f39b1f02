/*
 * Row kernels: add + LayerNorm and in-place GELU. Entry points and the portable path; the
 * vector paths are in rowops_avx512.c / rowops_avx2.c.
 *
 * LayerNorm follows the scalar oracle: the sum x + residual is rounded to float (and stored back
 * in x), mean and biased variance are accumulated in double (two passes: the one-pass E[x^2] -
 * E[x]^2 cancels when the mean is large against the spread), and the output
 * (x - mean) * inv * gamma + beta is evaluated in double and rounded once.
 */
#include <math.h>

#include "internal.h"

float pl_gelu_scalar(float x) {
    double xd = x;
    return (float)(xd * 0.5 * (1.0 + erf(xd * 0.70710678118654752440)));
}

void pl_gelu_portable(float *x, int64_t n) {
    for (int64_t i = 0; i < n; i++) x[i] = pl_gelu_scalar(x[i]);
}

void pl_layer_norm_portable(float *x, const float *residual, int rows, int cols, const float *gamma,
                            const float *beta, float epsilon) {
    for (int64_t r = 0; r < rows; r++) {
        float *xr = x + r * cols;
        const float *rr = residual ? residual + r * cols : NULL;
        double mean = 0;
        for (int j = 0; j < cols; j++) {
            float s = rr ? xr[j] + rr[j] : xr[j];
            xr[j] = s;
            mean += s;
        }
        mean /= cols;
        double var = 0;
        for (int j = 0; j < cols; j++) {
            double d = xr[j] - mean;
            var += d * d;
        }
        var /= cols;
        double inv = 1.0 / sqrt(var + (double)epsilon);
        for (int j = 0; j < cols; j++) {
            xr[j] = (float)((xr[j] - mean) * inv * gamma[j] + beta[j]);
        }
    }
}

PLUMBLINE_API int plumbline_add_layer_norm_f32(float *x, const float *residual, int rows, int cols,
                                               const float *gamma, const float *beta, float epsilon) {
    if (rows < 0 || cols < 1 || !(epsilon >= 0)) return PLUMBLINE_EINVAL;
    if (gamma == NULL || beta == NULL) return PLUMBLINE_EINVAL;
    if (rows > 0 && x == NULL) return PLUMBLINE_EINVAL;
    if (rows == 0) return PLUMBLINE_OK;
    int isa = pl_isa();
    if (isa >= PLUMBLINE_ISA_AVX512) {
        pl_layer_norm_avx512(x, residual, rows, cols, gamma, beta, epsilon);
    } else if (isa == PLUMBLINE_ISA_AVX2) {
        pl_layer_norm_avx2(x, residual, rows, cols, gamma, beta, epsilon);
    } else {
        pl_layer_norm_portable(x, residual, rows, cols, gamma, beta, epsilon);
    }
    return PLUMBLINE_OK;
}

PLUMBLINE_API int plumbline_gelu_f32(float *x, int n) {
    if (n < 0 || (n > 0 && x == NULL)) return PLUMBLINE_EINVAL;
    int isa = pl_isa();
    if (isa >= PLUMBLINE_ISA_AVX512) {
        pl_gelu_avx512(x, n);
    } else if (isa == PLUMBLINE_ISA_AVX2) {
        pl_gelu_avx2(x, n);
    } else {
        pl_gelu_portable(x, n);
    }
    return PLUMBLINE_OK;
}

PLUMBLINE_API int plumbline_quantize_rows_u8(const float *x, int m, int k, uint8_t *q, int32_t *zero, float *scale) {
    if (m < 0 || k < 1 || (m > 0 && (x == NULL || q == NULL || zero == NULL || scale == NULL))) return PLUMBLINE_EINVAL;
    if (pl_isa() >= PLUMBLINE_ISA_AVX512) {
        pl_quantize_rows_u8_avx512(x, m, k, q, zero, scale);
    } else {
        pl_quantize_rows_u8_portable(x, m, k, q, zero, scale);
    }
    return PLUMBLINE_OK;
}
