package dev.plumbline.reports.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni step-down adjustment. Adjusted p-values control the family-wise error rate:
 * rejecting every hypothesis with adjusted p below alpha is wrong for any one of them with
 * probability at most alpha. NaN p-values (untestable hypotheses) stay NaN and do not count
 * towards the family size.
 */
public final class Holm {
    private Holm() {
    }

    /** Adjusted p-values, in the order of {@code p}. */
    public static double[] adjust(double[] p) {
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            // Step-down: multiply the k-th smallest by (m - k) and keep the sequence monotone.
            running = Math.max(running, Math.min(1.0, (m - k) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
