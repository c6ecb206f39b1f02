package dev.plumbline.metrics.rag;

/**
 * One metric value for one sample. Undefined and failed values are NaN with their status and
 * reason, so aggregates count them instead of averaging them in as 0 or dropping them.
 *
 * @param value  the value, NaN unless {@link Status#OK}
 * @param status OK, UNDEFINED (the formula has no value, e.g. an answer with no claims) or FAILED
 *               (a verdict it needs is missing)
 * @param reason empty for OK; otherwise why there is no value
 */
public record MetricValue(double value, Status status, String reason) {
    /** Whether a value exists. */
    public enum Status {
        /** A value was computed. */
        OK,
        /** The metric is undefined for this sample. */
        UNDEFINED,
        /** A verdict the metric needs failed. */
        FAILED
    }

    /** A computed value. */
    public static MetricValue of(double value) {
        return new MetricValue(value, Status.OK, "");
    }

    /** An undefined value with its reason. */
    public static MetricValue undefined(String reason) {
        return new MetricValue(Double.NaN, Status.UNDEFINED, reason);
    }

    /** A failed value with its reason. */
    public static MetricValue failed(String reason) {
        return new MetricValue(Double.NaN, Status.FAILED, reason);
    }
}
