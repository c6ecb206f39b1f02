/*
 * ISA detection and selection. The only mutable global state of the library: the detected level
 * (computed once) and the active level (detected, or lowered by plumbline_set_isa). Both are
 * plain ints accessed with relaxed atomics, so concurrent first calls race benignly (they all
 * compute and store the same value).
 */
#include <cpuid.h>

#include "internal.h"

static int g_detected = -1;
static int g_active = -1;
static int g_bf16 = -1;

/* XCR0 via xgetbv(0); inline asm so the baseline build needs no xsave target. */
static uint64_t xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static void detect(void) {
    unsigned a, b, c, d;
    int level = PLUMBLINE_ISA_PORTABLE;
    int bf16 = 0;
    unsigned max_leaf = __get_cpuid_max(0, 0);
    if (max_leaf >= 7) {
        __cpuid(1, a, b, c, d);
        int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1, f16c = (c >> 29) & 1;
        if (osxsave && avx) {
            uint64_t xcr0 = xgetbv0();
            int ymm_os = (xcr0 & 0x6) == 0x6;      /* XMM + YMM state saved by the OS */
            int zmm_os = (xcr0 & 0xE6) == 0xE6;    /* + opmask, ZMM_Hi256, Hi16_ZMM */
            __cpuid_count(7, 0, a, b, c, d);
            int avx2 = (b >> 5) & 1;
            int f512 = (b >> 16) & 1, dq = (b >> 17) & 1, bw = (b >> 30) & 1, vl = (b >> 31) & 1;
            int vnni = (c >> 11) & 1;
            unsigned leaf7_max = a;
            if (ymm_os && avx2 && fma && f16c) {
                level = PLUMBLINE_ISA_AVX2;
                if (zmm_os && f512 && dq && bw && vl) {
                    level = vnni ? PLUMBLINE_ISA_AVX512_VNNI : PLUMBLINE_ISA_AVX512;
                    if (leaf7_max >= 1) {
                        __cpuid_count(7, 1, a, b, c, d);
                        bf16 = (a >> 5) & 1;
                    }
                }
            }
        }
    }
    __atomic_store_n(&g_bf16, bf16, __ATOMIC_RELAXED);
    __atomic_store_n(&g_detected, level, __ATOMIC_RELAXED);
}

static int detected(void) {
    int d = __atomic_load_n(&g_detected, __ATOMIC_RELAXED);
    if (d < 0) {
        detect();
        d = __atomic_load_n(&g_detected, __ATOMIC_RELAXED);
    }
    return d;
}

int pl_isa(void) {
    int a = __atomic_load_n(&g_active, __ATOMIC_RELAXED);
    if (a < 0) {
        a = detected();
        __atomic_store_n(&g_active, a, __ATOMIC_RELAXED);
    }
    return a;
}

PLUMBLINE_API int plumbline_abi_version(void) { return PLUMBLINE_ABI_VERSION; }

PLUMBLINE_API int plumbline_isa_detected(void) { return detected(); }

PLUMBLINE_API int plumbline_isa_active(void) { return pl_isa(); }

PLUMBLINE_API const char *plumbline_isa_name(int isa) {
    switch (isa) {
    case PLUMBLINE_ISA_PORTABLE: return "portable";
    case PLUMBLINE_ISA_AVX2: return "avx2";
    case PLUMBLINE_ISA_AVX512: return "avx512";
    case PLUMBLINE_ISA_AVX512_VNNI: return "avx512-vnni";
    default: return "?";
    }
}

PLUMBLINE_API int plumbline_cpu_has_bf16(void) {
    detected();
    return __atomic_load_n(&g_bf16, __ATOMIC_RELAXED);
}

PLUMBLINE_API int plumbline_set_isa(int isa) {
    if (isa < PLUMBLINE_ISA_PORTABLE || isa > PLUMBLINE_ISA_AVX512_VNNI) return PLUMBLINE_EINVAL;
    if (isa > detected()) return PLUMBLINE_EUNSUPPORTED;
    __atomic_store_n(&g_active, isa, __ATOMIC_RELAXED);
    return PLUMBLINE_OK;
}
