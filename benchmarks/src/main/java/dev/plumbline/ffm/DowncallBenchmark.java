package dev.plumbline.ffm;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a downcall costs, and when native pays off: exact GELU over {@code n} floats three ways —
 * the Java Vector API kernel ({@code simd}), a critical downcall reading the Java array in place
 * ({@code nativeHeap}, what the native backend does), and a copy into an off-heap segment, a
 * downcall, and a copy back ({@code nativeCopy}, what a non-critical binding must do). Each call
 * first restores the same inputs (one array copy, the same in all three), since GELU runs in place
 * and repeated GELU would drift towards zero and subnormals. Lives in
 * the {@code dev.plumbline.ffm} package to reach the raw downcalls.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *      --sun-misc-unsafe-memory-access=allow -jar benchmarks/target/benchmarks.jar DowncallBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class DowncallBenchmark {
    /** Floats per call. */
    @Param({"1", "16", "256", "4096", "65536"})
    int n;

    private float[] input;
    private float[] x;
    private Kernels simd;
    private Arena arena;
    private MemorySegment offHeap;

    /** Random inputs; the backends are created once. */
    @Setup(Level.Trial)
    public void setUp() {
        input = new float[n];
        x = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            input[i] = (float) (r.nextDouble() * 6 - 3);
        }
        simd = KernelBackends.create("simd", 1);
        NativeLibrary.get();
        arena = Arena.ofConfined();
        offHeap = arena.allocate((long) n * Float.BYTES, 64);
    }

    /** Frees the segment and the threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        simd.close();
        arena.close();
    }

    /** Java Vector API GELU. */
    @Benchmark
    public float simd() {
        System.arraycopy(input, 0, x, 0, n);
        simd.gelu(x, n);
        return x[0];
    }

    /** Critical downcall on the heap array: no copy. */
    @Benchmark
    public float nativeHeap() {
        System.arraycopy(input, 0, x, 0, n);
        PlumblineC.geluF32(MemorySegment.ofArray(x), n);
        return x[0];
    }

    /** Copy in, downcall on the off-heap segment, copy out. */
    @Benchmark
    public float nativeCopy() {
        System.arraycopy(input, 0, x, 0, n);
        MemorySegment.copy(x, 0, offHeap, ValueLayout.JAVA_FLOAT, 0, n);
        PlumblineC.geluF32(offHeap, n);
        MemorySegment.copy(offHeap, ValueLayout.JAVA_FLOAT, 0, x, 0, n);
        return x[0];
    }
}
