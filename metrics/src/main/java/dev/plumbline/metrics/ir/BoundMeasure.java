package dev.plumbline.metrics.ir;

import java.util.List;

/**
 * A measure with its parameters fixed: the named values it produces per topic and how they
 * are summarized over topics. Implementations are stateless and thread-safe; topics are
 * evaluated in parallel.
 */
public interface BoundMeasure {
    /** The printed names of the values, e.g. {@code P_5, P_10}. */
    List<String> names();

    /** How the values print. */
    default ValueFormat format() {
        return ValueFormat.DECIMAL;
    }

    /** Whether values print per topic under {@code -q} (runid and num_q only have a summary). */
    default boolean hasPerTopicValues() {
        return true;
    }

    /** Whether a summary line prints (relstring has none). */
    default boolean hasSummary() {
        return true;
    }

    /** Computes this topic's values into {@code out[offset .. offset + names().size())}, which start at 0. */
    void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset);

    /**
     * The per-topic text of a {@link ValueFormat#TEXT} measure, printed as is. Also called for a
     * topic missing from the run under {@code -c} ({@link RankedTopic#missingFromRun()}); the
     * measure decides what that prints (relstring prints {@code ''}).
     */
    default String text(RankedTopic topic, EvalContext ctx) {
        throw new UnsupportedOperationException(names().get(0) + " has no text value");
    }

    /** The summary text of a {@link ValueFormat#TEXT} measure. */
    default String summaryText(EvalContext ctx) {
        throw new UnsupportedOperationException(names().get(0) + " has no text summary");
    }

    /**
     * Overwrites values that trec_eval 10.0 zeroes for a topic evaluated against its placeholder
     * ranking under {@code -c} (num_ret, utility, unj, rbp_resid). Default: nothing.
     */
    default void clearForMissingTopic(double[] out, int offset) {
    }

    /**
     * Summarizes value {@code index} over topics. {@code perTopic} holds the topic values in
     * evaluation order. Default: arithmetic mean, summed in topic order as trec_eval accumulates,
     * so the result is bit-identical.
     */
    default double summarize(int index, double[] perTopic, EvalContext ctx) {
        return Summaries.mean(perTopic);
    }
}
