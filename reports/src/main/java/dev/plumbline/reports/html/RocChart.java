package dev.plumbline.reports.html;

import java.util.List;

/** A ROC curve: true-positive rate against false-positive rate, with the chance diagonal. */
final class RocChart {
    private RocChart() {
    }

    /** The chart of {@code points} ((fpr, tpr) pairs from (0, 0) to (1, 1)); {@code title} says whose. */
    static String render(List<double[]> points, double auroc, String title) {
        Frame f = new Frame(340, 320, 56, 16, 16, 44, 0, 1, 0, 1);
        StringBuilder sb = new StringBuilder(f.open("roc", "ROC curve: " + title));
        double[] ticks = {0, 0.2, 0.4, 0.6, 0.8, 1};
        sb.append(f.axes("false-positive rate", "true-positive rate", ticks, null, ticks));
        sb.append(Svg.line(f.x(0), f.y(0), f.x(1), f.y(1), "stroke:#bbb;stroke-dasharray:4 4"));
        StringBuilder pts = new StringBuilder();
        for (double[] p : points) {
            pts.append(Svg.n(f.x(p[0]))).append(',').append(Svg.n(f.y(p[1]))).append(' ');
        }
        sb.append("<polyline class=\"curve\" fill=\"none\" stroke=\"").append(Palette.color(0))
                .append("\" stroke-width=\"2\" points=\"").append(pts.toString().strip()).append("\"/>");
        sb.append(Svg.text(f.x(0.55), f.y(0.1), "start", "label", "AUROC " + dev.plumbline.reports.Numbers.stat(auroc)));
        return sb.append("</svg>").toString();
    }
}
