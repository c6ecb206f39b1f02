package dev.plumbline.reports;

import java.util.Locale;

/**
 * Number formatting for everything Plumbline prints or writes. Always {@link Locale#ROOT}: a
 * German or French default locale must never put a decimal comma into a CSV, JSON or Markdown
 * file, or into a message a script parses.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * For people: integers as integers, values below 1000 with four decimals (trec_eval's
     * precision), larger values with one, tiny values with three significant digits;
     * {@code undefined} for NaN.
     */
    public static String human(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a < 0.001) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * For columns of means and interval ends: four decimals below 1000 (so a column lines up and
     * 1 reads as 1.0000 next to 0.5000), one above; {@code undefined} for NaN.
     */
    public static String stat(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.1f" : "%.4f", v);
    }

    /** Like {@link #stat} with an explicit sign, for differences. */
    public static String signedStat(double v) {
        String s = stat(v);
        return v > 0 ? "+" + s : s;
    }

    /** Like {@link #human} with an explicit sign, for differences. */
    public static String signed(double v) {
        String s = human(v);
        return v > 0 ? "+" + s : s;
    }

    /** A value as short as it reads back exactly, never in exponent form: {@code 0.05}, {@code 10}. */
    public static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return human(v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code v} with the fewest decimals (four at least, ten at most) that show it differs from
     * {@code reference}: a drop of 0.010003 against a limit of 0.01 prints as 0.010003, not 0.0100.
     */
    public static String distinct(double v, double reference) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= 1000) {
            return human(v);
        }
        for (int d = 4; d < 10; d++) {
            String a = String.format(Locale.ROOT, "%." + d + "f", v);
            String b = String.format(Locale.ROOT, "%." + d + "f", reference);
            if (!a.equals(b) || v == reference) {
                return a;
            }
        }
        return String.format(Locale.ROOT, "%.10f", v);
    }

    /** A p-value: four decimals, or {@code < 0.0001}; {@code n/a} for NaN. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p < 0.0001) {
            return "< 0.0001";
        }
        return String.format(Locale.ROOT, "%.4f", p);
    }

    /**
     * For machines (CSV): the shortest decimal that reads back as the same double
     * ({@link Double#toString}, locale-free); empty for NaN.
     */
    public static String exact(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * A run-level value with the unit its name implies, for people: {@code *_bytes} in MiB (KiB
     * below one MiB), {@code *_ms}/{@code *.ms} in ms, {@code *_per_s} as a rate, others as
     * {@link #human}; {@code undefined} for NaN.
     */
    public static String withUnit(String name, double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        if (name.endsWith("_bytes")) {
            return Math.abs(v) >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20))
                    : String.format(Locale.ROOT, "%.1f KiB", v / 1024);
        }
        if (name.endsWith("_ms") || name.endsWith(".ms")) {
            return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f ms" : "%.3g ms", v);
        }
        if (name.endsWith("_per_s")) {
            return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f/s" : "%.3g/s", v);
        }
        return human(v);
    }
}
