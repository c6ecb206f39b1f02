package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.stats.Holm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares every pair of retrieval configurations that ran on the same dataset within one
 * results document, with the paired tests {@code compare} uses ({@link Comparisons}): paired
 * bootstrap interval of the mean difference and the paired randomization test, then Holm across
 * the pairs of each metric.
 */
public final class InRunComparisons {
    /** The significance level of in-run tests. */
    public static final double ALPHA = 0.05;

    private InRunComparisons() {
    }

    /** One comparison per dataset with at least two configurations, in document order. */
    public static List<InRunComparison> of(Results r) {
        List<InRunComparison> out = new ArrayList<>();
        for (Map.Entry<String, List<Configurations.Configuration>> e : Configurations.byDataset(r).entrySet()) {
            List<Configurations.Configuration> configs = e.getValue();
            if (configs.size() < 2) {
                continue;
            }
            List<MetricInfo> metrics = metrics(r, configs);
            List<InRunComparison.PairTest> raw = new ArrayList<>();
            for (int a = 0; a < configs.size(); a++) {
                for (int b = a + 1; b < configs.size(); b++) {
                    // compare(baseline, current): current − baseline = a − b.
                    EngineComparison ec = Comparisons.compare(configs.get(b).run(), configs.get(a).run(),
                            r.statistics(), ALPHA);
                    for (MetricInfo m : metrics) {
                        MetricComparison mc = ec.metrics().stream().filter(x -> x.metric().equals(m.name()))
                                .findFirst().orElseThrow();
                        raw.add(new InRunComparison.PairTest(a, b, m, mc.paired(), mc.currentMean(), mc.baselineMean(),
                                mc.ciLow(), mc.ciHigh(), mc.p(), Double.NaN, false));
                    }
                }
            }
            out.add(new InRunComparison(e.getKey(), configs, metrics, adjust(raw, metrics), ALPHA));
        }
        return out;
    }

    /** Holm across the pairs of each metric (the family a reader scans when reading one column). */
    private static List<InRunComparison.PairTest> adjust(List<InRunComparison.PairTest> raw, List<MetricInfo> metrics) {
        InRunComparison.PairTest[] out = raw.toArray(InRunComparison.PairTest[]::new);
        for (MetricInfo m : metrics) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                if (out[i].metric().name().equals(m.name())) {
                    idx.add(i);
                }
            }
            double[] p = idx.stream().mapToDouble(i -> out[i].p()).toArray();
            double[] adj = Holm.adjust(p);
            for (int k = 0; k < idx.size(); k++) {
                InRunComparison.PairTest t = out[idx.get(k)];
                out[idx.get(k)] = new InRunComparison.PairTest(t.a(), t.b(), t.metric(), t.paired(), t.meanA(), t.meanB(),
                        t.ciLow(), t.ciHigh(), t.p(), adj[k], !Double.isNaN(adj[k]) && adj[k] < ALPHA
                        && t.meanA() != t.meanB());
            }
        }
        return List.of(out);
    }

    /** Per-item metrics with a direction that every configuration has; the primary one first. */
    private static List<MetricInfo> metrics(Results r, List<Configurations.Configuration> configs) {
        List<MetricInfo> out = new ArrayList<>();
        MetricInfo primary = r.metrics().get(r.primaryMetric());
        out.add(primary);
        for (MetricValues m : configs.getFirst().run().metrics().values()) {
            MetricInfo info = m.info();
            if (info.direction() == Direction.NEUTRAL || info.name().equals(primary.name())) {
                continue;
            }
            if (configs.stream().allMatch(c -> c.run().metric(info.name()) != null)) {
                out.add(info);
            }
        }
        return out;
    }
}
