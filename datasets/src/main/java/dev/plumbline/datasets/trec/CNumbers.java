package dev.plumbline.datasets.trec;

import java.nio.charset.StandardCharsets;

/**
 * The C library's {@code atof} and {@code atol}, which trec_eval uses on scores and relevance:
 * the longest numeric prefix counts and anything else is 0 ({@code "1x"} is 1, {@code "abc"} is 0).
 * Scores must be read exactly as glibc reads them, or near-equal scores rank differently.
 */
public final class CNumbers {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private CNumbers() {
    }

    /** {@code atof} of a string. */
    public static double atof(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return atof(b, 0, b.length);
    }

    /** {@code atol} of a string (saturating like {@code strtol}). */
    public static long atol(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return atol(b, 0, b.length);
    }

    /**
     * {@code atof} of {@code b[from, to)}. Plain decimals with at most 15 significant digits and
     * a small exponent take Clinger's fast path (one correctly rounded multiply or divide, so the
     * result equals strtod's); everything else goes through {@link Double#parseDouble}, which is
     * also correctly rounded.
     */
    public static double atof(byte[] b, int from, int to) {
        int i = from;
        while (i < to && isSpace(b[i])) {
            i++;
        }
        int numberStart = i;
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i + 1 < to && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
            return special(b, numberStart, to);
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean anyDigit = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            anyDigit = true;
            if (mantissa != 0 || b[i] != '0') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                } else {
                    exp10++;
                }
                digits++;
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                anyDigit = true;
                if (mantissa != 0 || b[i] != '0') {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (b[i] - '0');
                        exp10--;
                    }
                    digits++;
                } else {
                    exp10--;
                }
                i++;
            }
        }
        if (!anyDigit) {
            return special(b, numberStart, to);
        }
        int mantissaEnd = i;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            int j = i + 1;
            boolean expNegative = false;
            if (j < to && (b[j] == '+' || b[j] == '-')) {
                expNegative = b[j] == '-';
                j++;
            }
            if (j < to && b[j] >= '0' && b[j] <= '9') {
                int e = 0;
                while (j < to && b[j] >= '0' && b[j] <= '9') {
                    if (e < 100_000) {
                        e = e * 10 + (b[j] - '0');
                    }
                    j++;
                }
                exp10 += expNegative ? -e : e;
                i = j;
            }
        }
        if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
            double v = mantissa;
            v = exp10 >= 0 ? v * POW10[exp10] : v / POW10[-exp10];
            return negative ? -v : v;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        // Slow but exact: let the JDK parse the same prefix strtod would have consumed.
        int end = i > mantissaEnd ? i : mantissaEnd;
        return Double.parseDouble(new String(b, numberStart, end - numberStart, StandardCharsets.US_ASCII));
    }

    /** strtod's words and hex floats, which no one should put in a run but glibc accepts. */
    private static double special(byte[] b, int from, int to) {
        String rest = new String(b, from, Math.min(to - from, 64), StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        boolean negative = rest.startsWith("-");
        String body = rest.startsWith("-") || rest.startsWith("+") ? rest.substring(1) : rest;
        if (body.startsWith("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.startsWith("nan")) {
            return Double.NaN;
        }
        if (body.startsWith("0x")) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("0x([0-9a-f]*(?:\\.[0-9a-f]*)?)(p[+-]?[0-9]+)?").matcher(body);
            if (m.lookingAt() && m.group(1).chars().anyMatch(c -> c != '.')) {
                double v = Double.parseDouble("0x" + m.group(1) + (m.group(2) == null ? "p0" : m.group(2)));
                return negative ? -v : v;
            }
            return negative ? -0.0 : 0.0;
        }
        return 0.0;
    }

    /** {@code atol} of {@code b[from, to)}. */
    public static long atol(byte[] b, int from, int to) {
        int i = from;
        while (i < to && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            int d = b[i] - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                v = v * 10 + d;
            }
            i++;
        }
        if (overflow) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -v : v;
    }

    /** C {@code isspace} in the "C" locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }
}
