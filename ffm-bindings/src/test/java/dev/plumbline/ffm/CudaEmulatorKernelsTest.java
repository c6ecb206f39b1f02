package dev.plumbline.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plumbline.engines.kernels.ReferenceMath;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CUDA kernels of {@code src/main/cuda}, run by their CPU emulator ({@code libplumbline_cuda_emu.so},
 * built from the same source with g++ and {@code cuda_emu.h}: each block's threads are fibers that
 * meet at {@code __syncthreads}), against FP64 references over odd sizes. This checks the kernels'
 * tiling, bounds and online-softmax arithmetic where no GPU is; the same checks on a GPU are in
 * the GPU script issue #13 asks for, not written yet (see the README's status).
 */
class CudaEmulatorKernelsTest {
    /** FP32 accumulation over k ≤ 130 terms of unit scale, relative to the output's magnitude. */
    private static final double GEMM_TOLERANCE = 1e-5;
    /** The bound for fused attention against FP64. */
    private static final double ATTENTION_TOLERANCE = 1e-5;
    private static final double LAYERNORM_TOLERANCE = 1e-5;

    private static Arena arena;
    private static SymbolLookup lib;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = CudaEmulatorKernelsTest.class.getResourceAsStream(
                "/native/linux-x86_64/libplumbline_cuda_emu.so")) {
            Assumptions.assumeTrue(in != null, "no CUDA emulator in this build (g++ was not found)");
            Path file = Files.createTempFile("plumbline_cuda_emu", ".so");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            arena = Arena.ofShared();
            lib = SymbolLookup.libraryLookup(file, arena);
        }
    }

    @AfterAll
    static void close() {
        if (arena != null) {
            arena.close();
        }
    }

    private static MethodHandle fn(String name, FunctionDescriptor fd) {
        return Linker.nativeLinker().downcallHandle(lib.find(name).orElseThrow(), fd);
    }

    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout A = ValueLayout.ADDRESS;

    private static MemorySegment floats(Arena a, float[] values) {
        return a.allocateFrom(ValueLayout.JAVA_FLOAT, values);
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void identifiesItselfAsTheEmulator() throws Throwable {
        assertEquals(1, (int) fn("plc_abi_version", FunctionDescriptor.of(I)).invokeExact());
        assertEquals(1, (int) fn("plc_is_emulated", FunctionDescriptor.of(I)).invokeExact());
        MemorySegment name = (MemorySegment) fn("plc_error_name", FunctionDescriptor.of(A, I)).invokeExact(1);
        assertEquals("cudaErrorInvalidValue", name.reinterpret(64).getString(0));
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} gelu={3}")
    @CsvSource({"1,1,1,0", "1,17,65,1", "67,100,130,0", "130,33,64,1", "64,16,64,0", "200,130,7,1"})
    void sgemmMatchesFp64(int m, int k, int n, int gelu) throws Throwable {
        Random r = new Random(m * 31L + k * 7L + n);
        float[] a = random(r, m * k);
        float[] w = random(r, k * n);
        float[] bias = random(r, n);
        MethodHandle sgemm = fn("plc_sgemm_f32", FunctionDescriptor.of(I, A, I, I, A, I, A, A, I, A));
        try (Arena t = Arena.ofConfined()) {
            MemorySegment c = t.allocate((long) m * n * Float.BYTES);
            int err = (int) sgemm.invokeExact(floats(t, a), m, k, floats(t, w), n, floats(t, bias), c, gelu,
                    MemorySegment.NULL);
            assertEquals(0, err);
            float[] got = c.toArray(ValueLayout.JAVA_FLOAT);
            double worst = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = bias[j];
                    double mag = Math.abs(bias[j]);
                    for (int p = 0; p < k; p++) {
                        s += (double) a[i * k + p] * w[p * n + j];
                        mag += Math.abs((double) a[i * k + p] * w[p * n + j]);
                    }
                    double want = gelu == 1 ? ReferenceMath.gelu(s) : s;
                    worst = Math.max(worst, Math.abs(got[i * n + j] - want) / Math.max(mag, 1));
                }
            }
            assertTrue(worst <= GEMM_TOLERANCE, "relative error " + worst);
        }
    }

    /** Two sequences with a gap of untouched rows between them, every head dim the kernel has. */
    @ParameterizedTest(name = "len0={0} len1={1} headDim={2} causal={3}")
    @CsvSource({"1,70,32,0", "65,3,64,1", "130,64,128,0", "33,129,64,0", "100,1,128,1"})
    void fusedAttentionMatchesFp64(int len0, int len1, int headDim, int causal) throws Throwable {
        int heads = 2;
        int width = heads * headDim;
        int gap = 3;
        int[] offsets = {0, len0 + gap};
        int[] lengths = {len0, len1};
        int rows = len0 + gap + len1;
        Random r = new Random(len0 * 1000L + len1 + headDim);
        float[] q = random(r, rows * width);
        float[] k = random(r, rows * width);
        float[] v = random(r, rows * width);
        // The host's tile plan: one (first row, length, first query) triple per 64 queries.
        int tile = 64;
        int ntiles = 0;
        for (int len : lengths) {
            ntiles += (len + tile - 1) / tile;
        }
        int[] tiles = new int[3 * ntiles];
        int t0 = 0;
        for (int s = 0; s < 2; s++) {
            for (int q0 = 0; q0 < lengths[s]; q0 += tile) {
                tiles[t0++] = offsets[s];
                tiles[t0++] = lengths[s];
                tiles[t0++] = q0;
            }
        }
        MethodHandle attention = fn("plc_attention_f32", FunctionDescriptor.of(I, A, A, A, A, A, I, I, I, I, A));
        try (Arena a = Arena.ofConfined()) {
            float[] sentinel = new float[rows * width];
            java.util.Arrays.fill(sentinel, 7f);
            MemorySegment out = floats(a, sentinel);
            int err = (int) attention.invokeExact(floats(a, q), floats(a, k), floats(a, v), out,
                    a.allocateFrom(ValueLayout.JAVA_INT, tiles), ntiles, heads, headDim, causal, MemorySegment.NULL);
            assertEquals(0, err);
            float[] got = out.toArray(ValueLayout.JAVA_FLOAT);
            for (int s = 0; s < 2; s++) {
                int from = offsets[s] * width;
                int n = lengths[s] * width;
                double[] want = AttentionReference.attention(slice(q, from, n), slice(k, from, n), slice(v, from, n),
                        lengths[s], heads, headDim, causal == 1);
                double rel = AttentionReference.relativeError(slice(got, from, n), want);
                assertTrue(rel <= ATTENTION_TOLERANCE, "sequence " + s + " relative error " + rel);
            }
            for (int i = len0 * width; i < (len0 + gap) * width; i++) {
                assertEquals(7f, got[i], "padding row element " + i + " was written");
            }
            int bad = (int) attention.invokeExact(floats(a, q), floats(a, k), floats(a, v), out,
                    a.allocateFrom(ValueLayout.JAVA_INT, tiles), ntiles, heads, 48, causal, MemorySegment.NULL);
            assertEquals(1, bad, "head dim 48 is refused with cudaErrorInvalidValue");
        }
    }

    @ParameterizedTest(name = "rows={0} cols={1}")
    @CsvSource({"1,1", "3,384", "5,257", "2,1000"})
    void addLayerNormMatchesFp64(int rows, int cols) throws Throwable {
        Random r = new Random(rows * 17L + cols);
        float[] x = random(r, rows * cols);
        float[] res = random(r, rows * cols);
        float[] gamma = random(r, cols);
        float[] beta = random(r, cols);
        float eps = 1e-12f;
        MethodHandle ln = fn("plc_add_layernorm_f32", FunctionDescriptor.of(I, A, A, I, I, A, A,
                ValueLayout.JAVA_FLOAT, A));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dx = floats(a, x);
            assertEquals(0, (int) ln.invokeExact(dx, floats(a, res), rows, cols, floats(a, gamma), floats(a, beta),
                    eps, MemorySegment.NULL));
            float[] got = dx.toArray(ValueLayout.JAVA_FLOAT);
            for (int i = 0; i < rows; i++) {
                double mean = 0;
                for (int c = 0; c < cols; c++) {
                    mean += (double) x[i * cols + c] + res[i * cols + c];
                }
                mean /= cols;
                double var = 0;
                for (int c = 0; c < cols; c++) {
                    double d = (double) x[i * cols + c] + res[i * cols + c] - mean;
                    var += d * d;
                }
                var /= cols;
                for (int c = 0; c < cols; c++) {
                    double want = ((double) x[i * cols + c] + res[i * cols + c] - mean) / Math.sqrt(var + eps)
                            * gamma[c] + beta[c];
                    assertEquals(want, got[i * cols + c], LAYERNORM_TOLERANCE * (1 + Math.abs(want)),
                            "row " + i + " col " + c);
                }
            }
        }
    }

    @Test
    void embedAndPoolAreExact() throws Throwable {
        int cols = 130;
        Random r = new Random(5);
        float[] word = random(r, 10 * cols);
        float[] pos = random(r, 8 * cols);
        float[] type = random(r, 2 * cols);
        int[] ids = {3, 0, 0, 9, 1, 1, 4, 2, 0, 7, 0, 1, 1, 1, 0};
        int rows = ids.length / 3;
        MethodHandle embed = fn("plc_embed_f32", FunctionDescriptor.of(I, A, A, A, A, I, I, A, A));
        MethodHandle pool = fn("plc_pool_f64", FunctionDescriptor.of(I, A, A, I, I, I, A, A));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment x = a.allocate((long) rows * cols * Float.BYTES);
            assertEquals(0, (int) embed.invokeExact(floats(a, word), floats(a, pos), floats(a, type),
                    a.allocateFrom(ValueLayout.JAVA_INT, ids), rows, cols, x, MemorySegment.NULL));
            float[] got = x.toArray(ValueLayout.JAVA_FLOAT);
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < cols; c++) {
                    float want = word[ids[3 * i] * cols + c] + pos[ids[3 * i + 1] * cols + c];
                    want += type[ids[3 * i + 2] * cols + c];
                    assertEquals(want, got[i * cols + c], 0f, "row " + i + " col " + c);
                }
            }
            int[] seqs = {0, 2, 2, 3};
            for (int first = 0; first <= 1; first++) {
                MemorySegment out = a.allocate(2L * cols * Double.BYTES);
                assertEquals(0, (int) pool.invokeExact(x, a.allocateFrom(ValueLayout.JAVA_INT, seqs), 2, cols, first,
                        out, MemorySegment.NULL));
                double[] means = out.toArray(ValueLayout.JAVA_DOUBLE);
                for (int s = 0; s < 2; s++) {
                    int n = first == 1 ? 1 : seqs[2 * s + 1];
                    for (int c = 0; c < cols; c++) {
                        double sum = 0;
                        for (int i = 0; i < n; i++) {
                            sum += got[(seqs[2 * s] + i) * cols + c];
                        }
                        assertEquals(sum / n, means[s * cols + c], 0.0, "sequence " + s + " col " + c);
                    }
                }
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() throws Throwable {
        float[] in = {1.0f, Float.intBitsToFloat(0x3f808000), Float.intBitsToFloat(0x3f818000),
                Float.intBitsToFloat(0x3f808001), Float.NaN, -2.5f};
        short[] want = {0x3f80, 0x3f80, 0x3f82, 0x3f81, 0x7fc0, (short) 0xc020};
        MethodHandle bf16 = fn("plc_f32_to_bf16", FunctionDescriptor.of(I, A, A, ValueLayout.JAVA_LONG, A));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate((long) in.length * 2);
            assertEquals(0, (int) bf16.invokeExact(floats(a, in), out, (long) in.length, MemorySegment.NULL));
            short[] got = out.toArray(ValueLayout.JAVA_SHORT);
            for (int i = 0; i < in.length; i++) {
                assertEquals(want[i], got[i], "element " + i);
            }
        }
    }

    private static float[] slice(float[] x, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(x, from, out, 0, n);
        return out;
    }
}
