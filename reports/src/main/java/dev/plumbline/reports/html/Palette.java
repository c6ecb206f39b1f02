package dev.plumbline.reports.html;

/** Engine colours: distinguishable, also in greyscale print, cycled beyond eight engines. */
final class Palette {
    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

    private Palette() {
    }

    static String color(int engineIndex) {
        return COLORS[Math.floorMod(engineIndex, COLORS.length)];
    }
}
