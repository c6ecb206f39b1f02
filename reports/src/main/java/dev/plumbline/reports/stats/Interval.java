package dev.plumbline.reports.stats;

/**
 * A confidence interval; both ends are NaN when it is undefined (no values).
 *
 * @param low  lower end
 * @param high upper end
 */
public record Interval(double low, double high) {
    /** The undefined interval. */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);
}
