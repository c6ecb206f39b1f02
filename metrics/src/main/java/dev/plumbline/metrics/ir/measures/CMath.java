package dev.plumbline.metrics.ir.measures;

/**
 * The few C floating-point behaviours the trec_eval measures depend on and Java does not give
 * for free: the sign of a NaN made by an invalid division, and the C library's {@code log2}.
 */
final class CMath {
    /**
     * The NaN an x86-64 invalid operation such as {@code 0.0 / 0.0} produces (the "default NaN",
     * sign bit set), which glibc's printf shows as {@code -nan}. Java leaves the bits of a
     * computed NaN unspecified, so code that must print like trec_eval produces this one
     * explicitly (iprec_at_recall and 11pt_avg print {@code -nan} for a topic with nothing
     * retrieved under {@code -J}).
     */
    static final double C_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    private CMath() {
    }

    /** {@code a / b}, with C's (x86-64) negative NaN when the division itself is invalid ({@code 0/0}). */
    static double div(double a, double b) {
        double r = a / b;
        if (Double.isNaN(r) && !Double.isNaN(a) && !Double.isNaN(b)) {
            return C_NAN;
        }
        return r;
    }

    /**
     * C's {@code (long) x} on x86-64: truncation toward zero, and {@code LONG_MIN} (the
     * "integer indefinite" value) for NaN and out-of-range values, where Java would saturate.
     */
    static long toLong(double x) {
        if (Double.isNaN(x) || x >= 0x1p63 || x < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) x;
    }

    /** The C library's {@code log2}, bit for bit where it can be called (see {@link dev.plumbline.metrics.ir.Libm}). */
    static double log2(double x) {
        return dev.plumbline.metrics.ir.Libm.log2(x);
    }
}
