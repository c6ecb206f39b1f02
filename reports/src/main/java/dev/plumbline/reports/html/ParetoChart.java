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
 * (engines no other engine beats on both) as a dashed step line: the best quality reachable at
 * each latency, from the fastest frontier engine to the right edge, so it shows even for one.
 * Labels sit in a column right of the plot, pushed apart so they never overlap, each with a
 * leader line to its point.
 */
final class ParetoChart {
    /** Vertical distance between label baselines, more than a label's height. */
    static final double LABEL_GAP = 16;

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
        int labelChars = 26;
        // Enough height for every label at its minimum spacing.
        double height = Math.max(380, 60 + LABEL_GAP * points.size());
        Frame f = new Frame(680, height, 64, 190, 16, 44, 0, xHi, Math.max(0, yLo - pad), yHi + pad);
        String xTitle = timing.name() + " " + latencyStat + (timing.unit().isEmpty() ? "" : " (" + timing.unit() + ")");
        String yTitle = primary.name() + " (mean, interval)";
        StringBuilder sb = new StringBuilder(f.open("pareto", "Pareto plot: " + yTitle + " against " + xTitle));
        sb.append(f.axes(xTitle, yTitle, Svg.ticks(f.xLo, f.xHi, 6), null, Svg.ticks(f.yLo, f.yHi, 5)));
        boolean higherBetter = primary.direction() != Direction.LOWER_IS_BETTER;
        List<Point> frontier = frontier(points, higherBetter);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < frontier.size(); i++) {
            Point p = frontier.get(i);
            if (i == 0) {
                path.append("M").append(Svg.n(f.x(p.x()))).append(' ').append(Svg.n(f.height - f.bottom))
                        .append(" V").append(Svg.n(f.y(p.y())));
            } else {
                path.append(" H").append(Svg.n(f.x(p.x()))).append(" V").append(Svg.n(f.y(p.y())));
            }
        }
        path.append(" H").append(Svg.n(f.width - f.right));
        sb.append("<path class=\"frontier\" d=\"").append(path)
                .append("\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"5 4\"/>");
        double[] labelY = labelPositions(points, f);
        for (int k = 0; k < points.size(); k++) {
            Point p = points.get(k);
            double x = f.x(p.x());
            sb.append(Svg.line(x, f.y(p.lo()), x, f.y(p.hi()), "stroke:" + Palette.color(p.engineIndex())
                    + ";stroke-width:2"));
            sb.append("<circle class=\"point\" cx=\"").append(Svg.n(x)).append("\" cy=\"").append(Svg.n(f.y(p.y())))
                    .append("\" r=\"6\" fill=\"").append(Palette.color(p.engineIndex())).append("\"><title>")
                    .append(Html.escape(p.engine() + ": " + primary.name() + " " + Numbers.human(p.y()) + ", "
                            + latencyStat + " " + Numbers.human(p.x()) + " " + timing.unit()))
                    .append("</title></circle>");
            double lx = f.width - f.right + 12;
            sb.append(Svg.line(x + 6, f.y(p.y()), lx - 3, labelY[k] - 4, "stroke:" + Palette.color(p.engineIndex())
                    + ";stroke-width:0.8;stroke-opacity:0.6"));
            sb.append(Svg.text(lx, labelY[k], "start", "label", Svg.shorten(p.engine(), labelChars)
                    + (frontier.contains(p) ? " ★" : "")));
        }
        return sb.append("</svg>").toString();
    }

    /** Label baselines: each point's height, sorted, pushed apart to {@link #LABEL_GAP} and kept inside the chart. */
    static double[] labelPositions(List<Point> points, Frame f) {
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> f.y(points.get(i).y()))
                .thenComparingInt(i -> i));
        double[] y = new double[points.size()];
        double top = f.top + 10;
        double bottom = f.height - f.bottom;
        double prev = Double.NEGATIVE_INFINITY;
        for (Integer i : order) {
            double want = Math.max(f.y(points.get(i).y()) + 4, top);
            y[i] = Math.max(want, prev + LABEL_GAP);
            prev = y[i];
        }
        // Pushed past the bottom: shift the whole column up, keeping the gaps.
        double overflow = prev - bottom;
        if (overflow > 0) {
            for (int i = 0; i < y.length; i++) {
                y[i] -= overflow;
            }
        }
        return y;
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
