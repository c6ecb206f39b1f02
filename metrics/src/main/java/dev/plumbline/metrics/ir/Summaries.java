package dev.plumbline.metrics.ir;

/** trec_eval's ways of summarizing per-topic values ({@code meas_acc.c}, {@code meas_avg.c}). */
public final class Summaries {
    /** trec_eval's {@code MIN_GEO_MEAN}: values are floored here before the log of a geometric mean. */
    public static final double MIN_GEO_MEAN = 0.00001;

    private Summaries() {
    }

    /** Sum in order divided by the count; 0 for no topics. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        return sum(values) / values.length;
    }

    /** Sum in order. */
    public static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** {@code exp(mean(log(max(v, MIN_GEO_MEAN))))}, trec_eval's gm_map and gm_bpref, with the C library's log and exp. */
    public static double geometricMean(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double s = 0;
        for (double v : values) {
            s += Libm.log(Math.max(v, MIN_GEO_MEAN));
        }
        return Libm.exp(s / values.length);
    }
}
