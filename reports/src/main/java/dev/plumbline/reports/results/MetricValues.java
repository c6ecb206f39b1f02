package dev.plumbline.reports.results;

import java.util.Arrays;
import java.util.Objects;

/**
 * One metric's value for every item of one engine run, in the run's item order: the unit of
 * truth from which every aggregate, interval, test and gate is computed. A value is one of
 * <ul>
 *   <li>defined: a finite number;</li>
 *   <li>undefined: NaN without a failure (the metric has no value for this item, e.g.
 *       faithfulness of an answer without claims);</li>
 *   <li>failed: NaN with a failure reason (the computation failed, e.g. a judge call).</li>
 * </ul>
 * Undefined and failed values are counted and reported, never averaged in as 0.
 */
public final class MetricValues {
    private final MetricInfo info;
    private final double[] values;
    private final String[] failures;

    /**
     * @param info     the metric
     * @param values   per-item values; NaN for undefined and failed items
     * @param failures per-item failure reason, {@code null} where the item did not fail; a failed
     *                 item's value must be NaN
     */
    public MetricValues(MetricInfo info, double[] values, String[] failures) {
        this.info = Objects.requireNonNull(info, "info");
        if (values.length != failures.length) {
            throw new IllegalArgumentException("values and failures differ in length for " + info.name());
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("metric " + info.name() + " item #" + i
                        + " is infinite; record an undefined value (NaN) or a failure instead");
            }
            if (failures[i] != null && !Double.isNaN(values[i])) {
                throw new IllegalArgumentException("metric " + info.name() + " item #" + i
                        + " has both a value and a failure; a failed item's value must be NaN");
            }
        }
        this.values = values.clone();
        this.failures = failures.clone();
    }

    /** The metric. */
    public MetricInfo info() {
        return info;
    }

    /** The metric's name. */
    public String name() {
        return info.name();
    }

    /** Number of items. */
    public int size() {
        return values.length;
    }

    /** The value of item {@code i}, NaN when undefined or failed. */
    public double value(int i) {
        return values[i];
    }

    /** Why item {@code i} failed, or {@code null}. */
    public String failure(int i) {
        return failures[i];
    }

    /** Whether item {@code i} failed. */
    public boolean failed(int i) {
        return failures[i] != null;
    }

    /** Whether item {@code i} is undefined (NaN without a failure). */
    public boolean undefined(int i) {
        return failures[i] == null && Double.isNaN(values[i]);
    }

    /** A copy of all values in item order. */
    public double[] values() {
        return values.clone();
    }

    /** The defined values in item order. */
    public double[] definedValues() {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** Number of failed items. */
    public int failedCount() {
        int n = 0;
        for (String f : failures) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }

    /** Number of undefined items. */
    public int undefinedCount() {
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (undefined(i)) {
                n++;
            }
        }
        return n;
    }
}
