package dev.plumbline.reports.compare;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.stats.Percentiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The verdict a report opens with: one line per pair of retrieval configurations that matters,
 * e.g. {@code simd vs onnxruntime: nDCG@10 Δ +0.0000 [−0.0001, +0.0001], p = 1.0000 (no
 * difference); queries p50 3.65 vs 3.89 ms (1.07× faster)}. The configuration with the higher
 * primary-metric mean comes first, so Δ is never negative. With up to {@value #ALL_PAIRS}
 * configurations on a dataset every pair is a line; with more, the best against each other one.
 */
public final class Verdicts {
    /** Up to this many configurations per dataset, every pair gets a line. */
    static final int ALL_PAIRS = 4;
    /** The run value of the corpus encoding's throughput. */
    static final String ENCODE_RATE = "encode_docs.items_per_s";

    private Verdicts() {
    }

    /**
     * One verdict line.
     *
     * @param pair    {@code "A vs B"}, with the dataset in brackets when the run has several
     * @param quality the primary metric's difference, interval, adjusted p and reading
     * @param win     whether A is significantly better after correction (render {@code quality} bold)
     * @param cost    speed of A relative to B, empty when neither throughput nor latency is known
     */
    public record Line(String pair, String quality, boolean win, String cost) {
        /** The whole line as plain text. */
        public String text() {
            return pair + ": " + quality + (cost.isEmpty() ? "" : "; " + cost);
        }
    }

    /** The verdict lines of {@code r}; empty when no dataset has two configurations. */
    public static List<Line> of(Results r, List<InRunComparison> comparisons) {
        List<Line> out = new ArrayList<>();
        for (InRunComparison c : comparisons) {
            String primary = c.metrics().getFirst().name();
            List<int[]> pairs = new ArrayList<>();
            int n = c.configurations().size();
            if (n <= ALL_PAIRS) {
                for (int a = 0; a < n; a++) {
                    for (int b = a + 1; b < n; b++) {
                        pairs.add(new int[] {a, b});
                    }
                }
            } else {
                int best = best(c, primary);
                for (int o = 0; o < n; o++) {
                    if (o != best) {
                        pairs.add(new int[] {best, o});
                    }
                }
            }
            for (int[] p : pairs) {
                out.add(line(r, c, comparisons.size() > 1, c.test(p[0], p[1], primary), p[0], p[1]));
            }
        }
        return out;
    }

    private static int best(InRunComparison c, String primary) {
        int best = 0;
        for (int i = 1; i < c.configurations().size(); i++) {
            InRunComparison.PairTest t = c.test(best, i, primary);
            double mb = t.a() == best ? t.meanA() : t.meanB();
            double mi = t.a() == i ? t.meanA() : t.meanB();
            boolean higher = t.metric().direction() == dev.plumbline.reports.results.Direction.HIGHER_IS_BETTER;
            if (higher ? mi > mb : mi < mb) {
                best = i;
            }
        }
        return best;
    }

    private static Line line(Results r, InRunComparison c, boolean nameDataset, InRunComparison.PairTest t, int i, int j) {
        // The better mean first (ties keep document order), so Δ reads as "how much the first is ahead".
        boolean higher = t.metric().direction() == dev.plumbline.reports.results.Direction.HIGHER_IS_BETTER;
        double mi = t.a() == i ? t.meanA() : t.meanB();
        double mj = t.a() == j ? t.meanA() : t.meanB();
        if (higher ? mj > mi : mj < mi) {
            int s = i;
            i = j;
            j = s;
        }
        boolean flip = t.a() != i;
        double d = flip ? -t.difference() : t.difference();
        double lo = flip ? -t.ciHigh() : t.ciLow();
        double hi = flip ? -t.ciLow() : t.ciHigh();
        EngineRun a = c.configurations().get(i).run();
        EngineRun b = c.configurations().get(j).run();
        String pair = a.engine() + " vs " + b.engine() + (nameDataset && !c.dataset().isEmpty()
                ? " [" + c.dataset() + "]" : "");
        int winner = t.winner();
        String reading = t.paired() == 0 ? "no common queries"
                : winner < 0 ? "no difference" : c.configurations().get(winner).run().engine() + " better";
        String quality = Configurations.displayName(t.metric().name()) + " Δ " + signed(d) + " [" + signed(lo) + ", "
                + signed(hi) + "], p " + p(t.pAdjusted()) + " (" + reading + ")";
        return new Line(pair, quality, winner == i, cost(r, a, b));
    }

    /** Encode throughput when both encoded (not cached), and the median query latency. */
    static String cost(Results r, EngineRun a, EngineRun b) {
        List<String> parts = new ArrayList<>();
        double ea = a.runValues().getOrDefault(ENCODE_RATE, Double.NaN);
        double eb = b.runValues().getOrDefault(ENCODE_RATE, Double.NaN);
        if (ea > 0 && eb > 0) {
            parts.add(String.format(Locale.ROOT, "encode %s vs %s docs/s (%s)", Numbers.human(Math.rint(ea)),
                    Numbers.human(Math.rint(eb)), ratio(ea, eb)));
        }
        MetricInfo timing = r.metrics().values().stream().filter(MetricInfo::timing).findFirst().orElse(null);
        if (timing != null && a.metric(timing.name()) != null && b.metric(timing.name()) != null) {
            double la = median(a.metric(timing.name()));
            double lb = median(b.metric(timing.name()));
            if (la > 0 && lb > 0) {
                parts.add(String.format(Locale.ROOT, "queries p50 %.2f vs %.2f %s (%s)", la, lb, timing.unit(),
                        ratio(lb, la)));
            }
        }
        return String.join(", ", parts);
    }

    /** {@code fa / fb} as "1.3× faster" or "1.2× slower" (throughputs: higher is faster). */
    private static String ratio(double fa, double fb) {
        double x = fa >= fb ? fa / fb : fb / fa;
        return String.format(Locale.ROOT, x < 10 ? "%.2f× %s" : "%.0f× %s", x, fa >= fb ? "faster" : "slower");
    }

    private static double median(MetricValues m) {
        double[] v = m.definedValues();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return Percentiles.nearestRank(v, 50);
    }

    /** Four decimals with an explicit sign and a true minus sign. */
    static String signed(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        String s = Numbers.stat(Math.abs(v));
        return (v < 0 && !s.matches("[0.]+") ? "\u2212" : "+") + s;
    }

    private static String p(double p) {
        String s = Numbers.pValue(p);
        return s.startsWith("<") ? s : "= " + s;
    }
}
