package dev.plumbline.metrics.ir;

import java.util.List;

/**
 * Per-topic values and summaries of one evaluation. Per-topic values are the unit of truth:
 * confidence intervals and significance tests start from {@link #perTopic()}, never from
 * summaries.
 *
 * @param runId     the run's tag
 * @param measures  the bound measures in trec_eval's order
 * @param names     printed value names, in order; value {@code v} belongs to {@code measures.get(measureOf[v])}
 * @param measureOf for each value, the index of its measure
 * @param topics    evaluated topic ids in evaluation ({@code strcmp}) order
 * @param perTopic  {@code perTopic[t][v]}: value {@code v} of topic {@code t}
 * @param texts     {@code texts[t][v]}: text of value {@code v} of topic {@code t} for TEXT measures, else {@code null}
 * @param summary   {@code summary[v]}: value {@code v} over all topics
 * @param context   what the measures saw (options, qrels, run id)
 */
public record IrResults(String runId, List<BoundMeasure> measures, List<String> names, int[] measureOf,
                        List<String> topics, double[][] perTopic, String[][] texts, double[] summary,
                        EvalContext context) {

    /** Index of a value by its printed name ({@code ndcg_cut_10}), or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The summary of a value by printed name. */
    public double summary(String name) {
        int i = requireIndex(name);
        return summary[i];
    }

    /** The per-topic values of one value by printed name, in {@link #topics()} order. */
    public double[] column(String name) {
        int v = requireIndex(name);
        double[] col = new double[topics.size()];
        for (int t = 0; t < col.length; t++) {
            col[t] = perTopic[t][v];
        }
        return col;
    }

    private int requireIndex(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no measure value named " + name + "; computed: " + names);
        }
        return i;
    }
}
