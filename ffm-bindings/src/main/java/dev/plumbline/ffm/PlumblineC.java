package dev.plumbline.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The downcalls of {@code plumbline.h}, one typed method per C function. Handles are
 * {@code static final} so the JIT inlines them; the class initializes only after
 * {@link NativeLibrary#availability()} said yes (the providers check first). Kernels are
 * {@linkplain java.lang.foreign.Linker.Option#critical critical} so they read Java arrays in place;
 * callers check every argument first (they go through {@code KernelArgs} or their own checks),
 * and the C side checks again and answers with a status, so a bad call is an exception, never a
 * crash.
 */
final class PlumblineC {
    private static final NativeLibrary LIB = NativeLibrary.get();

    private static final MethodHandle ISA_DETECTED = plain("plumbline_isa_detected", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle ISA_ACTIVE = plain("plumbline_isa_active", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle HAS_BF16 = plain("plumbline_cpu_has_bf16", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SET_ISA = plain("plumbline_set_isa", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PANEL_F32 = plain("plumbline_gemm_panel_f32", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle PACKED_FLOATS_F32 = plain("plumbline_packed_floats_f32",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT));
    private static final MethodHandle PACK_F32 = critical("plumbline_pack_f32",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle GEMM_F32 = critical("plumbline_gemm_f32", FunctionDescriptor.of(JAVA_INT,
            ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ATTENTION_F32 = critical("plumbline_attention_f32", FunctionDescriptor.of(JAVA_INT,
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FUSED_SCRATCH = plain("plumbline_attention_fused_scratch_bytes",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    private static final MethodHandle NAIVE_SCRATCH = plain("plumbline_attention_naive_scratch_floats",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    private static final MethodHandle ATTENTION_NAIVE_F32 = critical("plumbline_attention_naive_f32",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle LAYER_NORM_F32 = critical("plumbline_add_layer_norm_f32",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_FLOAT));
    private static final MethodHandle GELU_F32 = critical("plumbline_gelu_f32",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle TOPK_F32 = critical("plumbline_topk_f32",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle QUANTIZE_ROWS_U8 = critical("plumbline_quantize_rows_u8",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle PANEL_S8 = plain("plumbline_gemm_panel_s8", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle PACKED_BYTES_S8 = plain("plumbline_packed_bytes_s8",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT));
    private static final MethodHandle PACK_S8 = critical("plumbline_pack_s8",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle GEMM_U8S8_S32 = critical("plumbline_gemm_u8s8_s32", FunctionDescriptor.of(
            JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle GEMM_U8S8_F32 = critical("plumbline_gemm_u8s8_f32", FunctionDescriptor.of(
            JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
            JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle PANEL_Q4 = plain("plumbline_gemm_panel_q4", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle PACKED_BYTES_Q4 = plain("plumbline_packed_bytes_q4",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT));
    private static final MethodHandle PACK_Q4 = critical("plumbline_pack_q4",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle QUANTIZE_ROWS_Q8 = critical("plumbline_quantize_rows_q8",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle GEMM_Q8Q4_F32 = critical("plumbline_gemm_q8q4_f32", FunctionDescriptor.of(
            JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
            JAVA_INT, JAVA_INT));

    /** {@code PLUMBLINE_EPILOGUE_NONE}. */
    static final int EPILOGUE_NONE = 0;
    /** {@code PLUMBLINE_EPILOGUE_GELU}. */
    static final int EPILOGUE_GELU = 1;

    private PlumblineC() {
    }

    private static MethodHandle plain(String name, FunctionDescriptor fd) {
        return LIB.downcall(name, fd, false);
    }

    private static MethodHandle critical(String name, FunctionDescriptor fd) {
        return LIB.downcall(name, fd, true);
    }

    /** Why a downcall that cannot throw a checked exception did: rethrown unchecked. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static NativeIsa isaDetected() {
        try {
            return NativeIsa.of((int) ISA_DETECTED.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static NativeIsa isaActive() {
        try {
            return NativeIsa.of((int) ISA_ACTIVE.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean hasBf16() {
        try {
            return (int) HAS_BF16.invokeExact() != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Lowers (or restores) the ISA level of every kernel; false when the CPU lacks it. */
    static boolean setIsa(NativeIsa isa) {
        try {
            return (int) SET_ISA.invokeExact(isa.ordinal()) == NativeStatus.OK.code();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int panelF32() {
        try {
            return (int) PANEL_F32.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long packedFloatsF32(int k, int n) {
        try {
            return (long) PACKED_FLOATS_F32.invokeExact(k, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void packF32(MemorySegment w, int k, int n, MemorySegment packed) {
        int s;
        try {
            s = (int) PACK_F32.invokeExact(w, k, n, packed);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_pack_f32");
    }

    static void gemmF32(MemorySegment a, int m, MemorySegment packed, int k, int n, MemorySegment bias,
                        MemorySegment c, int colFrom, int colTo, int epilogue) {
        int s;
        try {
            s = (int) GEMM_F32.invokeExact(a, m, packed, k, n, bias, c, colFrom, colTo, epilogue);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_gemm_f32");
    }

    static void attentionF32(MemorySegment q, MemorySegment k, MemorySegment v, MemorySegment out, int rowStride,
                             int len, int headFrom, int headTo, int headDim, boolean causal) {
        int s;
        try {
            s = (int) ATTENTION_F32.invokeExact(q, k, v, out, rowStride, len, headFrom, headTo, headDim, causal ? 1 : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_attention_f32");
    }

    static long attentionFusedScratchBytes(int headDim) {
        try {
            return (long) FUSED_SCRATCH.invokeExact(headDim);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long attentionNaiveScratchFloats(int len) {
        try {
            return (long) NAIVE_SCRATCH.invokeExact(len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void attentionNaiveF32(MemorySegment q, MemorySegment k, MemorySegment v, MemorySegment out, int rowStride,
                                  int len, int headFrom, int headTo, int headDim, boolean causal,
                                  MemorySegment scratch) {
        int s;
        try {
            s = (int) ATTENTION_NAIVE_F32.invokeExact(q, k, v, out, rowStride, len, headFrom, headTo, headDim,
                    causal ? 1 : 0, scratch);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_attention_naive_f32");
    }

    static void addLayerNormF32(MemorySegment x, MemorySegment residual, int rows, int cols, MemorySegment gamma,
                                MemorySegment beta, float epsilon) {
        int s;
        try {
            s = (int) LAYER_NORM_F32.invokeExact(x, residual, rows, cols, gamma, beta, epsilon);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_add_layer_norm_f32");
    }

    static void quantizeRowsU8(MemorySegment x, int m, int k, MemorySegment q, MemorySegment zero,
                               MemorySegment scale) {
        int s;
        try {
            s = (int) QUANTIZE_ROWS_U8.invokeExact(x, m, k, q, zero, scale);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_quantize_rows_u8");
    }

    static void geluF32(MemorySegment x, int n) {
        int s;
        try {
            s = (int) GELU_F32.invokeExact(x, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_gelu_f32");
    }

    /** Returns the number of entries written. */
    static int topkF32(MemorySegment scores, int n, int k, MemorySegment idx, MemorySegment vals, MemorySegment count) {
        int s;
        try {
            s = (int) TOPK_F32.invokeExact(scores, n, k, idx, vals, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_topk_f32");
        return count.get(JAVA_INT, 0);
    }

    static int panelS8() {
        try {
            return (int) PANEL_S8.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long packedBytesS8(int k, int n) {
        try {
            return (long) PACKED_BYTES_S8.invokeExact(k, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void packS8(MemorySegment w, int k, int n, MemorySegment packed) {
        int s;
        try {
            s = (int) PACK_S8.invokeExact(w, k, n, packed);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_pack_s8");
    }

    static void gemmU8S8S32(MemorySegment a, int m, MemorySegment aZero, MemorySegment packed, int k, int n,
                            MemorySegment acc, int colFrom, int colTo) {
        int s;
        try {
            s = (int) GEMM_U8S8_S32.invokeExact(a, m, aZero, packed, k, n, acc, colFrom, colTo);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_gemm_u8s8_s32");
    }

    static void gemmU8S8F32(MemorySegment a, int m, MemorySegment aZero, MemorySegment aScale, MemorySegment packed,
                            int k, int n, MemorySegment wScale, MemorySegment bias, MemorySegment c, int colFrom,
                            int colTo, int epilogue) {
        int s;
        try {
            s = (int) GEMM_U8S8_F32.invokeExact(a, m, aZero, aScale, packed, k, n, wScale, bias, c, colFrom, colTo,
                    epilogue);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_gemm_u8s8_f32");
    }

    static int panelQ4() {
        try {
            return (int) PANEL_Q4.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long packedBytesQ4(int k, int n) {
        try {
            return (long) PACKED_BYTES_Q4.invokeExact(k, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void packQ4(MemorySegment q4, int k, int n, MemorySegment packed) {
        int s;
        try {
            s = (int) PACK_Q4.invokeExact(q4, k, n, packed);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_pack_q4");
    }

    static void quantizeRowsQ8(MemorySegment x, int m, int k, MemorySegment q, MemorySegment d, MemorySegment sum) {
        int s;
        try {
            s = (int) QUANTIZE_ROWS_Q8.invokeExact(x, m, k, q, d, sum);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_quantize_rows_q8");
    }

    static void gemmQ8Q4F32(MemorySegment a, int m, MemorySegment aD, MemorySegment aSum, MemorySegment packed, int k,
                            int n, MemorySegment bias, MemorySegment c, int colFrom, int colTo, int epilogue) {
        int s;
        try {
            s = (int) GEMM_Q8Q4_F32.invokeExact(a, m, aD, aSum, packed, k, n, bias, c, colFrom, colTo, epilogue);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        NativeStatus.check(s, "plumbline_gemm_q8q4_f32");
    }
}
