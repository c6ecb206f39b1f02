package dev.plumbline.reports.gate;

import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.stats.Statistic;

/**
 * What a rule's subject names in one engine run. Resolution order: {@code failed_items}; a
 * metric by exact name (its mean); the measure form of an IR name ({@code ndcg_cut.10} for
 * {@code ndcg_cut_10}, {@code P.5} for {@code P_5}); {@code METRIC.STAT} with a statistic
 * suffix ({@code latency.p99}, {@code num_ret.sum}); a run-level value ({@code gm_map}).
 */
sealed interface Subject {
    /** Every item with a failed or undefined value counts. */
    record FailedItems() implements Subject {
    }

    /** A statistic of a metric's per-item values. */
    record MetricStat(String metric, Statistic statistic) implements Subject {
    }

    /** A value reported only for the whole run. */
    record RunValue(String name) implements Subject {
    }

    /** Display name: the metric and, unless the mean, the statistic. */
    default String display() {
        return switch (this) {
            case FailedItems f -> GateRule.FAILED_ITEMS;
            case MetricStat m -> m.statistic() == Statistic.MEAN ? m.metric() + " mean"
                    : m.metric() + " " + m.statistic().name();
            case RunValue r -> r.name();
        };
    }

    /** Resolves {@code text} in {@code run}, or {@code null} when the run has nothing by that name. */
    static Subject resolve(String text, EngineRun run) {
        if (text.equals(GateRule.FAILED_ITEMS)) {
            return new FailedItems();
        }
        String metric = metricName(text, run);
        if (metric != null) {
            return new MetricStat(metric, Statistic.MEAN);
        }
        for (int dot = text.indexOf('.'); dot > 0; dot = text.indexOf('.', dot + 1)) {
            Statistic stat = Statistic.parse(text.substring(dot + 1));
            String m = stat == null ? null : metricName(text.substring(0, dot), run);
            if (m != null) {
                return new MetricStat(m, stat);
            }
        }
        if (run.runValues().containsKey(text)) {
            return new RunValue(text);
        }
        String alias = irAlias(text);
        if (alias != null && run.runValues().containsKey(alias)) {
            return new RunValue(alias);
        }
        return null;
    }

    private static String metricName(String text, EngineRun run) {
        if (run.metric(text) != null) {
            return text;
        }
        String alias = irAlias(text);
        return alias != null && run.metric(alias) != null ? alias : null;
    }

    /** trec_eval's measure form to its printed form: the first dot becomes an underscore. */
    private static String irAlias(String text) {
        int dot = text.indexOf('.');
        return dot > 0 ? text.substring(0, dot) + "_" + text.substring(dot + 1) : null;
    }

    /** The subject's value in {@code run}. */
    default double value(EngineRun run) {
        return switch (this) {
            case FailedItems f -> run.failedOrUndefinedItems();
            case MetricStat m -> m.statistic().of(run.metric(m.metric()).definedValues());
            case RunValue r -> run.runValues().get(r.name());
        };
    }

    /** Whether the subject is a timing metric in {@code run}. */
    default boolean timing(EngineRun run) {
        if (this instanceof MetricStat m) {
            MetricValues v = run.metric(m.metric());
            return v != null && v.info().timing();
        }
        return false;
    }
}
