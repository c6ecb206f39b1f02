package dev.plumbline.benchmarks;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * GEMM throughput of each kernel backend ({@code simd}, {@code native}, {@code openblas}) at the encoder's shapes ({@code m×k×n}: 4096 rows = batch 32 × 128
 * tokens, 128 rows = one sequence). Besides time per call it reports two rates:
 * {@code gflops} (2·m·k·n per call) and {@code pctPeak}, the share of
 * {@code threads × peakGflopsPerCore}. The default peak, 116 GFLOPS per core, is the figure in
 * PERF_NOTES.md (Zen 4, AVX-512 issued as two 256-bit halves); on a core with full-width AVX-512
 * FMA units pass the measured one, e.g. {@code -p peakGflopsPerCore=250}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow \
 *      --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar GemmBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {
    /** {@code m x k x n}. */
    @Param({"4096x384x384", "4096x384x1536", "4096x1536x384", "128x384x384", "128x384x1536", "128x1536x384"})
    String shape;

    @Param({"1", "2"})
    int threads;

    /** Kernel backend: the Java Vector API, the project's C kernels, or OpenBLAS. */
    @Param({"simd", "native", "openblas"})
    String backend;

    @Param({"116"})
    double peakGflopsPerCore;

    private Kernels kernels;
    private Kernels.PackedMatrix w;
    private float[] a;
    private float[] bias;
    private float[] c;
    private int m;
    private double gflopPerCall;

    /** Rates JMH divides by the measured time: GFLOP/s and percent of peak. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** GFLOP done; reported per second, i.e. GFLOPS. */
        public double gflops;
        /** Percent-of-peak seconds; reported per second, i.e. percent of peak. */
        public double pctPeak;

        /** Counters restart every iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
            pctPeak = 0;
        }
    }

    /** Random operands, weights packed once as the encoder does. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        int k = Integer.parseInt(dims[1]);
        int n = Integer.parseInt(dims[2]);
        kernels = KernelBackends.create(backend, threads);
        a = random(1, m * k);
        w = kernels.pack(random(2, k * n), k, n);
        bias = random(3, n);
        c = new float[m * n];
        gflopPerCall = 2.0 * m * k * n / 1e9;
    }

    /** Stops the backend's threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
    }

    /** One {@code c = a·w + bias}. */
    @Benchmark
    public float[] gemm(Rates rates) {
        kernels.gemm(a, m, w, bias, c);
        rates.gflops += gflopPerCall;
        rates.pctPeak += 100 * gflopPerCall / (threads * peakGflopsPerCore);
        return c;
    }

    private static float[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
