package dev.plumbline.reports.html;

/**
 * A chart's plot area and its linear scales, with axis drawing. Everything is in SVG user units;
 * the SVG scales to the page through its viewBox.
 */
final class Frame {
    final double width;
    final double height;
    final double left;
    final double right;
    final double top;
    final double bottom;
    final double xLo;
    final double xHi;
    final double yLo;
    final double yHi;

    Frame(double width, double height, double left, double right, double top, double bottom,
          double xLo, double xHi, double yLo, double yHi) {
        this.width = width;
        this.height = height;
        this.left = left;
        this.right = right;
        this.top = top;
        this.bottom = bottom;
        this.xLo = xLo;
        this.xHi = xHi > xLo ? xHi : xLo + 1;
        this.yLo = yLo;
        this.yHi = yHi > yLo ? yHi : yLo + 1;
    }

    double x(double v) {
        return left + (v - xLo) / (xHi - xLo) * (width - left - right);
    }

    double y(double v) {
        return height - bottom - (v - yLo) / (yHi - yLo) * (height - top - bottom);
    }

    String open(String cssClass, String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + cssClass + "\" viewBox=\"0 0 " + Svg.n(width) + " "
                + Svg.n(height) + "\" role=\"img\" aria-label=\"" + Html.escape(title) + "\"><title>"
                + Html.escape(title) + "</title>";
    }

    /** Axes with ticks and labels; {@code xLabels} may map tick values to custom labels. */
    String axes(String xTitle, String yTitle, double[] xTicks, String[] xTickLabels, double[] yTicks) {
        StringBuilder sb = new StringBuilder();
        double x0 = left;
        double y0 = height - bottom;
        sb.append(Svg.line(x0, y0, width - right, y0, "stroke:#555"));
        sb.append(Svg.line(x0, top, x0, y0, "stroke:#555"));
        double yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
        for (double t : yTicks) {
            double y = y(t);
            sb.append(Svg.line(x0, y, width - right, y, "stroke:#e4e4e4"));
            sb.append(Svg.text(x0 - 6, y + 4, "end", "tick", Svg.tick(t, yStep)));
        }
        double xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
        for (int i = 0; i < xTicks.length; i++) {
            double x = x(xTicks[i]);
            sb.append(Svg.line(x, y0, x, y0 + 4, "stroke:#555"));
            String label = xTickLabels != null ? xTickLabels[i] : Svg.tick(xTicks[i], xStep);
            sb.append(Svg.text(x, y0 + 16, "middle", "tick", label));
        }
        sb.append(Svg.text((left + width - right) / 2, height - bottom + 40, "middle", "axis", xTitle));
        sb.append("<text transform=\"translate(12 ").append(Svg.n((top + height - bottom) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" class=\"axis\">").append(Html.escape(yTitle))
                .append("</text>");
        return sb.toString();
    }
}
