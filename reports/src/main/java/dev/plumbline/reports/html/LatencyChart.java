package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.util.Arrays;

/**
 * A latency distribution as a percentile curve, one line per engine, in the style of
 * HdrHistogram's plots: the x axis stretches the tail ({@code log10(1 / (1 - q))}, so 90 %,
 * 99 % and 99.9 % are evenly spaced) and the y axis is the latency at that percentile, on a log
 * scale so a judge's 15 ms and a search's 0.2 ms both read. The legend sits below the plot, one
 * full name per row, so it is never clipped. Callers draw retrieval and judge cells apart.
 */
final class LatencyChart {
    /** Points drawn per engine at most; beyond that the curve is sampled evenly on the x axis. */
    private static final int MAX_POINTS = 400;

    private LatencyChart() {
    }

    /** The percentile at x = k: 0%, 90%, 99%, 99.9%, 99.99% ... */
    static String percentLabel(int k) {
        if (k == 0) {
            return "0%";
        }
        return k == 1 ? "90%" : "99" + (k > 2 ? "." + "9".repeat(k - 2) : "") + "%";
    }

    static String render(Results results, MetricInfo timing) {
        return render(results, timing, java.util.stream.IntStream.range(0, results.engines().size()).boxed().toList(),
                "");
    }

    /**
     * The chart of the engines at {@code engines} (indices into the results' engines), or
     * {@code null} when none has a value.
     *
     * @param group a word for the title ("retrieval", "judge"), may be empty
     */
    static String render(Results results, MetricInfo timing, java.util.List<Integer> engines, String group) {
        double[][] sorted = new double[results.engines().size()][];
        double xHi = 1;
        double yHi = 0;
        double yLo = Double.POSITIVE_INFINITY;
        for (int i : engines) {
            MetricValues m = results.engines().get(i).metric(timing.name());
            if (m == null) {
                continue;
            }
            double[] v = m.definedValues();
            Arrays.sort(v);
            sorted[i] = v;
            if (v.length > 0) {
                xHi = Math.max(xHi, Math.log10(v.length));
                yHi = Math.max(yHi, v[v.length - 1]);
                for (double x : v) {
                    if (x > 0) {
                        yLo = Math.min(yLo, x);
                        break;
                    }
                }
            }
        }
        if (yHi <= 0 || Double.isInfinite(yLo)) {
            return null;
        }
        xHi = Math.ceil(xHi);
        // Log axis over whole decades around the data; values at or below 0 sit on the axis floor.
        double lo = Math.floor(Math.log10(yLo));
        double hi = Math.max(Math.ceil(Math.log10(yHi)), lo + 1);
        double legend = 18 * engines.size() + 14;
        Frame f = new Frame(640, 320 + legend, 64, 20, 16, 44 + legend, 0, xHi, lo, hi);
        double[] xt = new double[(int) xHi + 1];
        String[] xl = new String[xt.length];
        for (int k = 0; k < xt.length; k++) {
            xt[k] = k;
            xl[k] = percentLabel(k);
        }
        String yTitle = timing.name() + (timing.unit().isEmpty() ? "" : " (" + timing.unit() + ")");
        StringBuilder sb = new StringBuilder(f.open("latency", "Latency distribution" + (group.isEmpty() ? "" : " ("
                + group + ")") + ": " + yTitle + " by percentile, log scale"));
        sb.append(f.axes("percentile", yTitle + ", log scale", xt, xl, new double[0]));
        for (double d = lo; d <= hi + 1e-9; d++) {
            for (int m : new int[] {1, 2, 5}) {
                double t = d + Math.log10(m);
                if (t > hi + 1e-9) {
                    break;
                }
                double y = f.y(t);
                sb.append(Svg.line(f.left, y, f.width - f.right, y, m == 1 ? "stroke:#d8d8d8" : "stroke:#efefef"));
                sb.append(Svg.text(f.left - 6, y + 4, "end", "tick", Numbers.human(m * Math.pow(10, d))));
            }
        }
        int row = 0;
        for (int i : engines) {
            double[] v = sorted[i];
            if (v == null || v.length == 0) {
                continue;
            }
            EngineRun e = results.engines().get(i);
            StringBuilder pts = new StringBuilder();
            double lastX = -1;
            int n = v.length;
            for (int k = 0; k < n; k++) {
                // Nearest-rank: v[k] is the percentile for q in ((k) / n, (k + 1) / n]; draw the step's start and end.
                double q0 = (double) k / n;
                // The largest value has no step width left on a finite axis; it shows as the final rise at 1 - 1/n.
                double q1 = Math.min((double) (k + 1) / n, 1 - 1.0 / n);
                double x0 = Math.log10(1 / (1 - q0));
                double x1 = Math.log10(1 / (1 - q1));
                if (n > MAX_POINTS && x1 - lastX < xHi / MAX_POINTS && k < n - 1) {
                    continue;
                }
                double y = f.y(Math.max(lo, Math.log10(Math.max(v[k], Double.MIN_NORMAL))));
                pts.append(Svg.n(f.x(x0))).append(',').append(Svg.n(y)).append(' ');
                pts.append(Svg.n(f.x(x1))).append(',').append(Svg.n(y)).append(' ');
                lastX = x1;
            }
            sb.append("<polyline class=\"curve\" fill=\"none\" stroke=\"").append(Palette.color(i))
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().strip()).append("\"><title>")
                    .append(Html.escape(e.engine())).append("</title></polyline>");
            double ly = f.height - f.bottom + 62 + 18 * row++;
            sb.append(Svg.line(f.left, ly - 4, f.left + 18, ly - 4, "stroke:" + Palette.color(i) + ";stroke-width:3"));
            sb.append(Svg.text(f.left + 24, ly, "start", "label", Svg.shorten(e.engine(), 80)));
        }
        return sb.append("</svg>").toString();
    }
}
