package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Quality against latency across engines: one point per engine at (median latency, mean of the
 * primary metric) with the metric's interval as a vertical whisker, and the Pareto frontier
 * (engines no other engine beats on both) as a dashed step line.
 */
final class ParetoChart {
    private ParetoChart() {
    }

    private record Point(int engineIndex, String engine, double x, double y, double lo, double hi) {
    }

    /** The chart, or {@code null} when fewer than one engine has both a latency and the primary metric. */
    static String render(Results results, MetricInfo timing, String latencyStat) {
        MetricInfo primary = results.metrics().get(results.primaryMetric());
        if (primary == null || timing == null) {
            return null;
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < results.engines().size(); i++) {
            EngineRun e = results.engines().get(i);
            Aggregate q = results.aggregate(e.engine(), primary.name());
            Aggregate t = results.aggregate(e.engine(), timing.name());
            if (q == null || t == null || Double.isNaN(q.mean()) || t.percentiles().get(latencyStat) == null
                    || Double.isNaN(t.percentiles().get(latencyStat))) {
                continue;
            }
            points.add(new Point(i, e.engine(), t.percentiles().get(latencyStat), q.mean(),
                    Double.isNaN(q.ciLow()) ? q.mean() : q.ciLow(), Double.isNaN(q.ciHigh()) ? q.mean() : q.ciHigh()));
        }
        if (points.isEmpty()) {
            return null;
        }
        double xHi = points.stream().mapToDouble(Point::x).max().orElse(1) * 1.15;
        double yLo = points.stream().mapToDouble(Point::lo).min().orElse(0);
        double yHi = points.stream().mapToDouble(Point::hi).max().orElse(1);
        double pad = Math.max((yHi - yLo) * 0.15, 0.01);
        Frame f = new Frame(640, 380, 64, 110, 16, 44, 0, xHi, Math.max(0, yLo - pad), yHi + pad);
        String xTitle = timing.name() + " " + latencyStat + (timing.unit().isEmpty() ? "" : " (" + timing.unit() + ")");
        String yTitle = primary.name() + " (mean, interval)";
        StringBuilder sb = new StringBuilder(f.open("pareto", "Pareto plot: " + yTitle + " against " + xTitle));
        sb.append(f.axes(xTitle, yTitle, Svg.ticks(f.xLo, f.xHi, 6), null, Svg.ticks(f.yLo, f.yHi, 5)));
        boolean higherBetter = primary.direction() != Direction.LOWER_IS_BETTER;
        List<Point> frontier = frontier(points, higherBetter);
        if (frontier.size() > 1) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < frontier.size(); i++) {
                Point p = frontier.get(i);
                if (i == 0) {
                    path.append("M").append(Svg.n(f.x(p.x()))).append(' ').append(Svg.n(f.y(p.y())));
                } else {
                    path.append(" H").append(Svg.n(f.x(p.x()))).append(" V").append(Svg.n(f.y(p.y())));
                }
            }
            sb.append("<path class=\"frontier\" d=\"").append(path)
                    .append("\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>");
        }
        for (Point p : points) {
            double x = f.x(p.x());
            sb.append(Svg.line(x, f.y(p.lo()), x, f.y(p.hi()), "stroke:" + Palette.color(p.engineIndex())
                    + ";stroke-width:2"));
            sb.append("<circle class=\"point\" cx=\"").append(Svg.n(x)).append("\" cy=\"").append(Svg.n(f.y(p.y())))
                    .append("\" r=\"6\" fill=\"").append(Palette.color(p.engineIndex())).append("\"><title>")
                    .append(Html.escape(p.engine() + ": " + primary.name() + " " + Numbers.human(p.y()) + ", "
                            + latencyStat + " " + Numbers.human(p.x()) + " " + timing.unit()))
                    .append("</title></circle>");
            sb.append(Svg.text(x + 9, f.y(p.y()) - 8, "start", "label", Svg.shorten(p.engine(), 18)
                    + (frontier.contains(p) ? " ★" : "")));
        }
        return sb.append("</svg>").toString();
    }

    /** Engines that no other engine beats on both latency (lower) and quality; sorted by latency. */
    static List<Point> frontier(List<Point> points, boolean higherBetter) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::x)
                .thenComparing(Comparator.comparingDouble((Point p) -> higherBetter ? -p.y() : p.y())));
        List<Point> out = new ArrayList<>();
        double best = higherBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (Point p : sorted) {
            if (higherBetter ? p.y() > best : p.y() < best) {
                out.add(p);
                best = p.y();
            }
        }
        return out;
    }
}
