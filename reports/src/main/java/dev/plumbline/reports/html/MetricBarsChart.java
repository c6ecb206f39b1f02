package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;

import java.util.List;

/** One metric as horizontal bars, one per engine, each with its confidence interval as a whisker. */
final class MetricBarsChart {
    private static final double ROW = 26;
    private static final int LABEL_CHARS = 18;

    private MetricBarsChart() {
    }

    static String render(Results results, MetricInfo metric) {
        List<EngineRun> engines = results.engines();
        double lo = 0;
        double hi = 0;
        boolean unitInterval = true;
        for (EngineRun e : engines) {
            Aggregate a = results.aggregate(e.engine(), metric.name());
            if (a == null) {
                continue;
            }
            for (double v : new double[] {a.mean(), a.ciLow(), a.ciHigh()}) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    unitInterval &= v >= 0 && v <= 1;
                }
            }
        }
        if (unitInterval && metric.unit().isEmpty()) {
            // Scores in [0, 1] share one scale, so bars of different metrics read alike.
            lo = 0;
            hi = 1;
        }
        double height = 40 + ROW * engines.size();
        Frame f = new Frame(460, height, 150, 70, 8, 32, lo, hi, 0, engines.size());
        String title = metric.name() + (metric.unit().isEmpty() ? "" : " (" + metric.unit() + ")");
        StringBuilder sb = new StringBuilder(f.open("bars", title + ": mean per engine with interval"));
        double[] ticks = Svg.ticks(f.xLo, f.xHi, 5);
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        for (double t : ticks) {
            double x = f.x(t);
            sb.append(Svg.line(x, f.top, x, height - f.bottom, "stroke:#eee"));
            sb.append(Svg.text(x, height - f.bottom + 14, "middle", "tick", Svg.tick(t, step)));
        }
        sb.append(Svg.text((f.left + f.width - f.right) / 2, height - 4, "middle", "axis", title));
        for (int i = 0; i < engines.size(); i++) {
            EngineRun e = engines.get(i);
            Aggregate a = results.aggregate(e.engine(), metric.name());
            double yMid = f.top + ROW * i + ROW / 2;
            String name = Svg.shorten(e.engine(), LABEL_CHARS);
            sb.append(Svg.text(f.left - 6, yMid + 4, "end", "label", name));
            if (a == null || Double.isNaN(a.mean())) {
                sb.append(Svg.text(f.left + 4, yMid + 4, "start", "tick", a == null ? "not measured" : "undefined"));
                continue;
            }
            double x0 = f.x(Math.max(lo, 0));
            double x1 = f.x(a.mean());
            sb.append("<rect class=\"bar\" x=\"").append(Svg.n(Math.min(x0, x1))).append("\" y=\"")
                    .append(Svg.n(yMid - 8)).append("\" width=\"").append(Svg.n(Math.abs(x1 - x0)))
                    .append("\" height=\"16\" fill=\"").append(Palette.color(i)).append("\" fill-opacity=\"0.75\"><title>")
                    .append(Html.escape(e.engine() + ": " + Numbers.human(a.mean()) + " [" + Numbers.human(a.ciLow())
                            + ", " + Numbers.human(a.ciHigh()) + "]"))
                    .append("</title></rect>");
            if (!Double.isNaN(a.ciLow())) {
                double cl = f.x(a.ciLow());
                double ch = f.x(a.ciHigh());
                sb.append(Svg.line(cl, yMid, ch, yMid, "stroke:#222;stroke-width:1.5"));
                sb.append(Svg.line(cl, yMid - 5, cl, yMid + 5, "stroke:#222;stroke-width:1.5"));
                sb.append(Svg.line(ch, yMid - 5, ch, yMid + 5, "stroke:#222;stroke-width:1.5"));
            }
            sb.append(Svg.text(f.width - f.right + 6, yMid + 4, "start", "tick", Numbers.human(a.mean())));
        }
        return sb.append("</svg>").toString();
    }
}
