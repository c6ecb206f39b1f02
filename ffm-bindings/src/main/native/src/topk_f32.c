/*
 * Top-k selection: a bounded min-heap of the k best (score, index) pairs kept in the caller's
 * idx/vals arrays (no allocation), then an in-place heapsort that drains it best first.
 *
 * Order: larger score first, equal scores by smaller index, NaN below every number (NaNs among
 * themselves by index), so the result does not depend on anything but the scores. Scanning
 * indices in increasing order, a full heap is only entered by a strictly better score than its
 * root, which makes the common case one compare per element.
 */
#include <math.h>

#include "internal.h"

/* a ranks before b. */
static inline int better(float sa, int32_t ia, float sb, int32_t ib) {
    int na = isnan(sa), nb = isnan(sb);
    if (na || nb) return na && nb ? ia < ib : nb;
    return sa > sb || (sa == sb && ia < ib);
}

/* Heap with the worst kept candidate at the root. */
static void sift_down(float *v, int32_t *id, int size, int i) {
    for (;;) {
        int l = 2 * i + 1;
        if (l >= size) return;
        int worst = l, r = l + 1;
        if (r < size && better(v[l], id[l], v[r], id[r])) worst = r;
        if (!better(v[i], id[i], v[worst], id[worst])) return;
        float tv = v[i]; v[i] = v[worst]; v[worst] = tv;
        int32_t ti = id[i]; id[i] = id[worst]; id[worst] = ti;
        i = worst;
    }
}

static void sift_up(float *v, int32_t *id, int i) {
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (!better(v[parent], id[parent], v[i], id[i])) return;
        float tv = v[i]; v[i] = v[parent]; v[parent] = tv;
        int32_t ti = id[i]; id[i] = id[parent]; id[parent] = ti;
        i = parent;
    }
}

PLUMBLINE_API int plumbline_topk_f32(const float *scores, int n, int k, int32_t *idx, float *vals, int *count) {
    if (n < 0 || k < 1 || idx == NULL || vals == NULL || count == NULL) return PLUMBLINE_EINVAL;
    if (n > 0 && scores == NULL) return PLUMBLINE_EINVAL;
    int cap = PL_MIN(k, n);
    int size = 0;
    int i = 0;
    for (; i < n && size < cap; i++) {
        vals[size] = scores[i];
        idx[size] = i;
        sift_up(vals, idx, size);
        size++;
    }
    for (; i < n; i++) {
        float s = scores[i];
        /* Later index: must be strictly better than the root (a number beats a NaN root). */
        if (s > vals[0] || (isnan(vals[0]) && !isnan(s))) {
            vals[0] = s;
            idx[0] = i;
            sift_down(vals, idx, size, 0);
        }
    }
    /* Heapsort: repeatedly move the worst to the end of the shrinking heap -> best first. */
    for (int end = size - 1; end > 0; end--) {
        float tv = vals[0]; vals[0] = vals[end]; vals[end] = tv;
        int32_t ti = idx[0]; idx[0] = idx[end]; idx[end] = ti;
        sift_down(vals, idx, end, 0);
    }
    *count = size;
    return PLUMBLINE_OK;
}
