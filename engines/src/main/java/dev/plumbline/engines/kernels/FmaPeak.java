package dev.plumbline.engines.kernels;

import static dev.plumbline.engines.kernels.SimdTiles.L;
import static dev.plumbline.engines.kernels.SimdTiles.S;

import jdk.incubator.vector.FloatVector;

/**
 * Measures this core's FP32 fused-multiply-add peak with the Vector API: twelve independent FMA
 * chains (enough to cover the FMA latency on two pipes), so the loop is bound by FMA throughput
 * alone. Benchmarks print GFLOPS as a share of this figure instead of assuming one: machines of one
 * kind differ by two times (Zen 4 executes AVX-512 as two halves, Zen 5 does not).
 */
public final class FmaPeak {
    private static final int CHAINS = 12;

    private FmaPeak() {
    }

    /**
     * Best GFLOPS of one thread over rounds of at least {@code seconds / 20} each, within
     * {@code seconds}; the first rounds also warm the JIT, which is why only the best counts. On a
     * busy machine the figure is low (so "% peak" reads high): measure on an idle one.
     */
    public static double gflopsPerCore(double seconds) {
        double best = 0;
        long iterations = 1 << 16;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            float sink = run(iterations);
            long ns = System.nanoTime() - t0;
            if (sink == 42f) {
                // Never true in practice; keeps the loop's result alive.
                System.out.print("");
            }
            if (ns < seconds * 1e9 / 20) {
                iterations *= 2;
                continue;
            }
            best = Math.max(best, 2.0 * CHAINS * L * iterations / ns);
        }
        return best;
    }

    private static float run(long iterations) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f);
        FloatVector b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
