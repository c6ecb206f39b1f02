package dev.plumbline.harness.cli;

import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.kernels.ProfilingKernels;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.Pooling;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where a kernel-backed encoder's time goes: the forward pass run on a {@link ProfilingKernels}
 * wrapper, one line per kind of kernel call with its share of the time and its GFLOPS. Whatever
 * is left of the wall time (embeddings lookup, pooling, batching) is shown as "outside kernels".
 */
final class EncoderProfile {
    private EncoderProfile() {
    }

    /**
     * Prints the profile of backend {@code backend} encoding batches of {@code batch} sequences
     * of {@code tokens} random token ids, after {@code seconds} of warm-up, over at least
     * {@code seconds} of timed batches.
     */
    static void print(String backend, BertWeights weights, int threads, int batch, int tokens, double seconds,
                      double peakPerCore) {
        SplittableRandom random = new SplittableRandom(42);
        int[][] ids = new int[batch][tokens];
        for (int[] row : ids) {
            for (int i = 0; i < tokens; i++) {
                row[i] = 1000 + random.nextInt(weights.config().vocabSize() - 1000);
            }
        }
        try (ProfilingKernels kernels = new ProfilingKernels(KernelBackends.create(backend, threads))) {
            BertEncoder encoder = new BertEncoder(weights, kernels, batch, batch * tokens);
            long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < warmEnd) {
                encoder.embed(ids, Pooling.MEAN);
            }
            kernels.reset();
            long start = System.nanoTime();
            long batches = 0;
            do {
                encoder.embed(ids, Pooling.MEAN);
                batches++;
            } while (System.nanoTime() - start < seconds * 1e9);
            long wall = System.nanoTime() - start;
            List<ProfilingKernels.Entry> entries = kernels.entries();
            System.out.printf(Locale.ROOT, "profile %s, %d threads, batch %d x %d tokens: %.1f sent/s over %d batches%n",
                    backend, threads, batch, tokens, batches * batch / (wall / 1e9), batches);
            System.out.printf(Locale.ROOT, "  %-22s %8s %10s %7s %9s %8s%n", "op", "calls", "ms/batch", "share",
                    "GFLOPS", "% peak");
            long inKernels = 0;
            for (ProfilingKernels.Entry e : entries) {
                inKernels += e.nanos();
                double g = e.gflops();
                System.out.printf(Locale.ROOT, "  %-22s %8d %10.2f %6.1f%% %9s %8s%n", e.op(), e.calls() / batches,
                        e.nanos() / 1e6 / batches, 100.0 * e.nanos() / wall,
                        Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.1f", g),
                        Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * g / (peakPerCore * threads)));
            }
            System.out.printf(Locale.ROOT, "  %-22s %8s %10.2f %6.1f%%%n", "outside kernels", "",
                    (wall - inKernels) / 1e6 / batches, 100.0 * (wall - inKernels) / wall);
        }
    }
}
