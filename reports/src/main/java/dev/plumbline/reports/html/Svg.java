package dev.plumbline.reports.html;

import java.util.Locale;

/** Small helpers for hand-written SVG: locale-free coordinates, axes ticks and escaped labels. */
final class Svg {
    private Svg() {
    }

    /** A coordinate with two decimals, always with a decimal point. */
    static String n(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** An escaped text element. */
    static String text(double x, double y, String anchor, String cssClass, String content) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cssClass + "\">"
                + Html.escape(content) + "</text>";
    }

    /** A label cut to {@code max} characters with an ellipsis; the full name stays in the chart's tooltips. */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A line. */
    static String line(double x1, double y1, double x2, double y2, String style) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" style=\""
                + style + "\"/>";
    }

    /**
     * "Nice" tick values covering {@code [lo, hi]}: steps of 1, 2 or 5 times a power of ten, about
     * {@code count} of them.
     */
    static double[] ticks(double lo, double hi, int count) {
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
        double start = Math.ceil(lo / step - 1e-9) * step;
        int k = (int) Math.floor((hi - start) / step + 1e-9) + 1;
        double[] t = new double[Math.max(k, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    /** A tick label: as few decimals as the step needs. */
    static String tick(double v, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }
}
