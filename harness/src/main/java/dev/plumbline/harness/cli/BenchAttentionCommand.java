package dev.plumbline.harness.cli;

import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.kernels.NaiveAttention;
import dev.plumbline.ffm.NativeAttention;
import dev.plumbline.harness.UsageException;
import dev.plumbline.reports.provenance.Hardware;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code plumbline bench attention}: one sequence of N tokens through multi-head attention, the
 * naive form (the N × N scores of a head materialized, softmax, P·V) against the fused form
 * (never materialized), in Java (simd backend) and in C (native), side by side in one process.
 * Each form is warmed up, then timed over rounds of at least {@code --seconds}; the table shows
 * the best round. Extra memory is what a call holds beyond its inputs and output: for Java the
 * bytes the call allocated on the heap (measured by the JVM's per-thread allocation counters), for
 * C the scratch it allocates (naive) or its stack tiles (fused), both exact.
 */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = "Attention: naive (materialized scores) vs fused, Java vs native, time and extra memory per N.")
public final class BenchAttentionCommand implements Callable<Integer> {
    @Option(names = "--lengths", split = ",", defaultValue = "128,256,512,1024,2048,4096,8192,16384",
            description = "sequence lengths N")
    List<Integer> lengths;

    @Option(names = "--heads", defaultValue = "12", description = "attention heads")
    int heads;

    @Option(names = "--head-dim", defaultValue = "64", description = "head size d")
    int headDim;

    @Option(names = "--threads", defaultValue = "0", description = "threads (default: all cores)")
    int threads;

    @Option(names = "--seconds", defaultValue = "1", description = "minimum seconds per timed round")
    double seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds per form and N")
    int rounds;

    @Option(names = "--forms", split = ",", defaultValue = "java-naive,java-fused,native-naive,native-fused",
            description = "forms to run")
    List<String> forms;

    private interface Form {
        void run(float[] q, float[] k, float[] v, float[] out, int len);
    }

    @Override
    public Integer call() {
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (heads < 1 || headDim < 1 || rounds < 1 || !(seconds > 0) || lengths.stream().anyMatch(n -> n < 1)) {
            throw new UsageException("--heads, --head-dim, --rounds and every --lengths must be >= 1, --seconds > 0");
        }
        for (String f : forms) {
            if (!List.of("java-naive", "java-fused", "native-naive", "native-fused").contains(f)) {
                throw new UsageException("unknown form '" + f + "'; allowed: java-naive, java-fused, native-naive,"
                        + " native-fused");
            }
        }
        boolean wantsNative = forms.stream().anyMatch(f -> f.startsWith("native"));
        if (wantsNative && !NativeAttention.availability().available()) {
            throw new UsageException("native kernels unavailable: " + NativeAttention.availability().describe()
                    + " (or run --forms java-naive,java-fused)");
        }
        System.out.printf(Locale.ROOT, "attention, one sequence, %d heads x d=%d, %d threads; %s%n", heads, headDim, t,
                Hardware.current().describe());
        System.out.printf(Locale.ROOT, "%7s %-13s %11s %9s %13s %14s%n", "N", "form", "ms/call", "GFLOPS", "extra MiB",
                "vs naive");
        try (Kernels simd = KernelBackends.create(KernelBackends.SIMD, t);
             NativeAttention c = wantsNative ? new NativeAttention(t) : null) {
            for (int n : lengths) {
                Random r = new Random(n);
                int size = n * heads * headDim;
                float[] q = gaussian(r, size);
                float[] k = gaussian(r, size);
                float[] v = gaussian(r, size);
                float[] out = new float[size];
                double flops = 4.0 * n * (double) n * headDim * heads;
                double javaNaive = Double.NaN;
                double nativeNaive = Double.NaN;
                for (String f : forms) {
                    Form form = switch (f) {
                        case "java-naive" -> (a, b, d, o, len) -> NaiveAttention.attention(simd, a, b, d, o, len, heads,
                                headDim);
                        case "java-fused" -> (a, b, d, o, len) -> simd.attention(a, b, d, new int[] {0}, new int[] {len},
                                heads, headDim, o);
                        case "native-naive" -> (a, b, d, o, len) -> c.naive(a, b, d, o, len, heads, headDim, false);
                        default -> (a, b, d, o, len) -> c.fused(a, b, d, o, len, heads, headDim, false);
                    };
                    double ms = best(form, q, k, v, out, n);
                    long extra = switch (f) {
                        case "native-naive" -> c.naiveScratchBytes(n, heads);
                        case "native-fused" -> c.fusedScratchBytes(heads, headDim);
                        default -> {
                            // Measured on a warm call: a cold one also counts what class loading and the JIT allocate.
                            long heapBefore = allocatedBytes();
                            form.run(q, k, v, out, n);
                            yield allocatedBytes() - heapBefore;
                        }
                    };
                    double vs = Double.NaN;
                    if (f.equals("java-naive")) {
                        javaNaive = ms;
                    } else if (f.equals("native-naive")) {
                        nativeNaive = ms;
                    } else {
                        vs = (f.startsWith("java") ? javaNaive : nativeNaive) / ms;
                    }
                    System.out.printf(Locale.ROOT, "%7d %-13s %11.3f %9.1f %13.3f %14s%n", n, f, ms, flops / ms / 1e6,
                            extra / 1048576.0, Double.isNaN(vs) ? "-" : String.format(Locale.ROOT, "%.2fx faster", vs));
                }
            }
        }
        System.out.println("GFLOPS counts 4·N²·d·heads (Q·Kᵀ and P·V); extra MiB: Java heap allocated by one call,"
                + " C scratch (naive) or stack tiles (fused) per thread in use");
        return 0;
    }

    /**
     * Best milliseconds per call over the rounds, after a warm-up round (one call when a call
     * alone takes longer than a round: long sequences need no repetition to be timed well).
     */
    private double best(Form form, float[] q, float[] k, float[] v, float[] out, int n) {
        long warm = System.nanoTime();
        form.run(q, k, v, out, n);
        double best = Double.POSITIVE_INFINITY;
        boolean slow = System.nanoTime() - warm > seconds * 1e9;
        for (int round = slow ? 0 : -1; round < rounds; round++) {
            long start = System.nanoTime();
            int calls = 0;
            do {
                form.run(q, k, v, out, n);
                calls++;
            } while (System.nanoTime() - start < seconds * 1e9);
            double ms = (System.nanoTime() - start) / 1e6 / calls;
            if (round >= 0) {
                best = Math.min(best, ms);
            }
        }
        return best;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
