package dev.plumbline.harness.cli;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory bandwidth a streaming scan gets here: the best of six passes summing an array far
 * beyond any cache, on a given number of threads. Its own class because it touches the Vector
 * API: {@link BenchRetrievalCommand} must load without it.
 */
final class StreamBandwidth {
    private static final VectorSpecies<Float> STREAM = FloatVector.SPECIES_PREFERRED;

    private StreamBandwidth() {
    }

    /**
     * Best GB/s of summing a 512 MiB array (far beyond any cache) on {@code t} threads: the
     * memory bandwidth a streaming scan can get here, measured in this run beside the indexes.
     */
    static double gbPerSecond(int t, long bytes) {
        float[] a = new float[(int) (bytes / Float.BYTES)];
        Arrays.fill(a, 1f);
        double best = 0;
        for (int pass = 0; pass < 6; pass++) {
            float[] sums = new float[t];
            Thread[] workers = new Thread[t];
            long t0 = System.nanoTime();
            for (int i = 0; i < t; i++) {
                int part = i;
                workers[i] = new Thread(() -> {
                    int from = (int) ((long) a.length * part / t);
                    int to = (int) ((long) a.length * (part + 1) / t);
                    sums[part] = sum(a, from, to);
                });
                workers[i].start();
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return best;
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (sums[0] == 42f) {
                System.out.print("");
            }
            best = Math.max(best, (double) a.length * Float.BYTES / secs / 1e9);
        }
        return best;
    }

    private static float sum(float[] a, int from, int to) {
        FloatVector s0 = FloatVector.zero(STREAM);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int l = STREAM.length();
        int i = from;
        for (; i + 4 * l <= to; i += 4 * l) {
            s0 = s0.add(FloatVector.fromArray(STREAM, a, i));
            s1 = s1.add(FloatVector.fromArray(STREAM, a, i + l));
            s2 = s2.add(FloatVector.fromArray(STREAM, a, i + 2 * l));
            s3 = s3.add(FloatVector.fromArray(STREAM, a, i + 3 * l));
        }
        float s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

}
