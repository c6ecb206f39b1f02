package dev.plumbline.engines.kernels;

import java.util.SplittableRandom;

/** Row layouts of sequences for {@link Kernels#attention} tests. */
final class AttentionLayouts {
    private AttentionLayouts() {
    }

    /**
     * Sequence s at rows {@code [offsets[s], offsets[s] + lengths[s])} of a {@code rows}-row matrix.
     *
     * @param name what the layout is, for failure messages
     */
    record Layout(String name, int[] offsets, int[] lengths, int rows) {
    }

    /** Back to back, no gaps: what the encoder runs. */
    static Layout packed(int[] lengths) {
        return gapped("packed", lengths, new int[lengths.length + 1]);
    }

    /** Right-padded to {@code seq} rows each: {@code offsets[s] = s·seq}. */
    static Layout padded(int[] lengths, int seq) {
        int[] offsets = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            offsets[s] = s * seq;
        }
        return new Layout("padded to " + seq, offsets, lengths.clone(), lengths.length * seq);
    }

    /** {@code gaps[s]} unused rows before sequence s, and {@code gaps[n]} after the last. */
    static Layout gapped(String name, int[] lengths, int[] gaps) {
        int[] offsets = new int[lengths.length];
        int row = 0;
        for (int s = 0; s < lengths.length; s++) {
            row += gaps[s];
            offsets[s] = row;
            row += lengths[s];
        }
        return new Layout(name, offsets, lengths.clone(), row + gaps[lengths.length]);
    }

    /**
     * Sequence lengths for a test: the first is {@code longest}; the rest random in [1, longest], and
     * the last 1 when there are 3 or more.
     */
    static int[] lengths(int sequences, int longest, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] lengths = new int[sequences];
        for (int s = 0; s < sequences; s++) {
            lengths[s] = s == 0 ? longest : 1 + r.nextInt(longest);
        }
        if (sequences > 2) {
            lengths[sequences - 1] = 1;
        }
        return lengths;
    }

    /**
     * Largest {@code |q·k|/√d} over the row pairs of one sequence at rows {@code [base, base + len)},
     * over all heads: the scale of the softmax inputs, which the tests' tolerance grows with.
     */
    static double maxScore(float[] q, float[] k, int base, int len, int heads, int d) {
        double max = 0;
        int hd = heads * d;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < len; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += (double) q[(base + i) * hd + h * d + c] * k[(base + j) * hd + h * d + c];
                    }
                    max = Math.max(max, Math.abs(dot) / Math.sqrt(d));
                }
            }
        }
        return max;
    }

    /** {@link #maxScore(float[], float[], int, int, int, int)} over every sequence of a layout. */
    static double maxScore(float[] q, float[] k, Layout layout, int heads, int d) {
        double max = 0;
        for (int s = 0; s < layout.lengths().length; s++) {
            max = Math.max(max, maxScore(q, k, layout.offsets()[s], layout.lengths()[s], heads, d));
        }
        return max;
    }

    /** Largest absolute value. */
    static double maxAbs(float[] x) {
        double m = 0;
        for (float f : x) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
