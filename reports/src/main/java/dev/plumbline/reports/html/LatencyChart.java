package dev.plumbline.reports.html;

import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.util.Arrays;

/**
 * A latency distribution as a percentile curve, one line per engine, in the style of
 * HdrHistogram's plots: the x axis stretches the tail ({@code log10(1 / (1 - q))}, so 90 %,
 * 99 % and 99.9 % are evenly spaced) and the y axis is the latency at that percentile.
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
        double[][] sorted = new double[results.engines().size()][];
        double xHi = 1;
        double yHi = 0;
        for (int i = 0; i < sorted.length; i++) {
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
            }
        }
        if (yHi == 0 && Arrays.stream(sorted).allMatch(a -> a == null || a.length == 0)) {
            return null;
        }
        xHi = Math.ceil(xHi);
        Frame f = new Frame(640, 360, 64, 120, 16, 44, 0, xHi, 0, yHi * 1.1);
        double[] xt = new double[(int) xHi + 1];
        String[] xl = new String[xt.length];
        for (int k = 0; k < xt.length; k++) {
            xt[k] = k;
            xl[k] = percentLabel(k);
        }
        String yTitle = timing.name() + (timing.unit().isEmpty() ? "" : " (" + timing.unit() + ")");
        StringBuilder sb = new StringBuilder(f.open("latency", "Latency distribution: " + yTitle + " by percentile"));
        sb.append(f.axes("percentile", yTitle, xt, xl, Svg.ticks(0, f.yHi, 5)));
        for (int i = 0; i < sorted.length; i++) {
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
                pts.append(Svg.n(f.x(x0))).append(',').append(Svg.n(f.y(v[k]))).append(' ');
                pts.append(Svg.n(f.x(x1))).append(',').append(Svg.n(f.y(v[k]))).append(' ');
                lastX = x1;
            }
            sb.append("<polyline class=\"curve\" fill=\"none\" stroke=\"").append(Palette.color(i))
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().strip()).append("\"><title>")
                    .append(Html.escape(e.engine())).append("</title></polyline>");
            double ly = f.top + 14 + 18 * i;
            sb.append(Svg.line(f.width - f.right + 10, ly - 4, f.width - f.right + 28, ly - 4,
                    "stroke:" + Palette.color(i) + ";stroke-width:3"));
            sb.append(Svg.text(f.width - f.right + 32, ly, "start", "label", Svg.shorten(e.engine(), 14)));
        }
        return sb.append("</svg>").toString();
    }
}
