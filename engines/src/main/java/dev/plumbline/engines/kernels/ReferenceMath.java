package dev.plumbline.engines.kernels;

/**
 * Double-precision special functions for the {@code scalar} oracle. Written for clarity and
 * accuracy, not speed: the JDK has no {@code erf}, and every fast GELU is judged against this one.
 */
public final class ReferenceMath {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SQRT2 = 1.4142135623730951;
    private static final double SQRT_PI = 1.7724538509055159;

    private ReferenceMath() {
    }

    /**
     * The error function, within 1e-15 absolute of the true value.
     *
     * <p>Below {@code |x| = 2.5} it sums Abramowitz &amp; Stegun 7.1.6,
     * {@code erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))}, whose terms are all of one
     * sign (no cancellation). From 2.5 on it takes {@code 1 − erfc(x)} with erfc from its continued
     * fraction (A&amp;S 7.1.14) {@code e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …))))}, which
     * converges fast there and where the series would need many large terms.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double ax = Math.abs(x);
        double x2 = ax * ax;
        double y;
        if (ax < 2.5) {
            double term = ax;
            double sum = ax;
            for (int n = 1; term > sum * 1e-17; n++) {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
            }
            y = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else if (ax < 6) {
            // Evaluated from the tail; 100 levels converge to double precision for x ≥ 2.5.
            double t = ax;
            for (int n = 100; n >= 1; n--) {
                t = ax + (n / 2.0) / t;
            }
            y = 1 - Math.exp(-x2) / (SQRT_PI * t);
        } else {
            // erfc(6) ≈ 2e-17 is below half an ulp of 1.
            y = 1;
        }
        return Math.copySign(y, x);
    }

    /** Exact GELU as BERT defines it: {@code x · ½ · (1 + erf(x / √2))}, in double. */
    public static double gelu(double x) {
        return x * 0.5 * (1 + erf(x / SQRT2));
    }
}
