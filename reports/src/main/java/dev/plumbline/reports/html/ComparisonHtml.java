package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.compare.Configurations;
import dev.plumbline.reports.compare.InRunComparison;
import dev.plumbline.reports.compare.Leaderboard;
import dev.plumbline.reports.compare.Verdicts;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;

import java.util.List;
import java.util.Locale;

/**
 * The in-run comparison sections: the verdict the page opens with, the ranx-style pairwise table
 * (each mean with the letters of the configurations it beats significantly) and the MTEB-style
 * leaderboard.
 */
final class ComparisonHtml {
    private ComparisonHtml() {
    }

    static void verdict(List<Verdicts.Line> lines, StringBuilder sb) {
        if (lines.isEmpty()) {
            return;
        }
        sb.append("<section id=\"verdict\"><h2>Verdict</h2>\n<ul class=\"verdict\">");
        for (Verdicts.Line l : lines) {
            sb.append("<li><span class=\"pair\">").append(Html.escape(l.pair())).append("</span>: ")
                    .append(l.win() ? "<b>" : "").append(Html.escape(l.quality())).append(l.win() ? "</b>" : "")
                    .append(l.cost().isEmpty() ? "" : "; " + Html.escape(l.cost())).append("</li>\n");
        }
        sb.append("</ul><p class=\"meta\">Δ: the first configuration's mean minus the second's over the same queries,")
                .append(" with a paired bootstrap interval; p: paired randomization test, Holm-adjusted across the")
                .append(" pairs. Bold: a win that stays significant after the adjustment. Speed: median per-query")
                .append(" latency, and corpus encoding throughput where both encoded (not cached).</p></section>\n");
    }

    static void pairwise(List<InRunComparison> comparisons, StringBuilder sb) {
        if (comparisons.isEmpty()) {
            return;
        }
        sb.append("<section id=\"pairwise\"><h2>Pairwise tests</h2>\n<p class=\"meta\">Every pair of retrieval")
                .append(" configurations on the same queries. A superscript letter marks a configuration this one")
                .append(" beats significantly (paired randomization test, p Holm-adjusted across the pairs of")
                .append(" each metric &lt; ").append(Numbers.plain(comparisons.getFirst().alpha()))
                .append("), as in ranx's tables; the best mean per column in bold.</p>\n");
        for (InRunComparison c : comparisons) {
            if (!c.dataset().isEmpty()) {
                sb.append("<h3>").append(Html.escape(c.dataset())).append("</h3>");
            }
            sb.append("<div class=\"scroll\"><table class=\"pairwise\"><thead><tr><th></th><th>configuration</th>");
            for (MetricInfo m : c.metrics()) {
                sb.append("<th>").append(Html.escape(Configurations.displayName(m.name())))
                        .append(m.unit().isEmpty() ? "" : " (" + Html.escape(m.unit()) + ")")
                        .append(m.direction() == Direction.LOWER_IS_BETTER ? " ↓" : " ↑").append("</th>");
            }
            sb.append("</tr></thead><tbody>\n");
            int n = c.configurations().size();
            for (int i = 0; i < n; i++) {
                sb.append("<tr><td><b>").append(InRunComparison.letter(i)).append("</b></td><td>")
                        .append(Html.escape(c.configurations().get(i).run().engine())).append("</td>");
                for (MetricInfo m : c.metrics()) {
                    double mean = mean(c, i, m.name());
                    boolean best = true;
                    StringBuilder beats = new StringBuilder();
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        InRunComparison.PairTest t = c.test(i, j, m.name());
                        if (t.winner() == i) {
                            beats.append(InRunComparison.letter(j));
                        }
                        double other = mean(c, j, m.name());
                        best &= m.direction() == Direction.LOWER_IS_BETTER ? mean <= other : mean >= other;
                    }
                    sb.append("<td class=\"num\">").append(best ? "<b>" : "").append(Numbers.stat(mean))
                            .append(best ? "</b>" : "").append("<sup>").append(beats).append("</sup></td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody></table></div>\n");
        }
        sb.append("</section>\n");
    }

    /** Mean of configuration {@code i} over all its defined queries. */
    private static double mean(InRunComparison c, int i, String metric) {
        double[] v = c.configurations().get(i).run().metric(metric).definedValues();
        return dev.plumbline.reports.stats.Statistic.MEAN.of(v);
    }

    static void leaderboard(Results r, Leaderboard b, String paretoSvg, StringBuilder sb) {
        sb.append("<section id=\"leaderboard\"><h2>Leaderboard</h2>\n");
        if (b == null) {
            sb.append("<p class=\"muted\">No retrieval configuration in these results.</p></section>\n");
            return;
        }
        sb.append("<p class=\"meta\">Mean ").append(Html.escape(Configurations.displayName(b.metric().name())))
                .append(" per dataset; mean rank over the datasets each configuration ran on (1 = best, ties share")
                .append(" their mean rank), as MTEB ranks models.</p>\n<div class=\"scroll\"><table class=\"leaderboard\">")
                .append("<thead><tr><th>#</th><th>configuration</th><th>mean rank</th>");
        for (String d : b.datasets()) {
            sb.append("<th>").append(Html.escape(d.isEmpty() ? "(dataset not recorded)" : d)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (int i = 0; i < b.configurations().size(); i++) {
            sb.append("<tr><td>").append(i + 1).append("</td><td>").append(Html.escape(b.configurations().get(i)))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.2f", b.meanRank()[i]))
                    .append(b.datasetsRun()[i] < b.datasets().size() ? " <span class=\"muted\">(" + b.datasetsRun()[i]
                            + " of " + b.datasets().size() + ")</span>" : "").append("</td>");
            for (int d = 0; d < b.datasets().size(); d++) {
                double v = b.values()[i][d];
                sb.append("<td class=\"num\">").append(Double.isNaN(v) ? "<span class=\"muted\">–</span>"
                        : Numbers.stat(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n<h3 id=\"pareto\">Quality vs cost</h3>\n");
        if (paretoSvg == null) {
            sb.append("<p class=\"muted\">No per-query latency was recorded, so there is no quality-vs-cost plot.</p>");
        } else {
            sb.append("<p class=\"meta\">Each configuration at its median per-query latency and mean ")
                    .append(Html.escape(r.primaryMetric())).append(" (whisker: interval). The dashed line is the")
                    .append(" Pareto frontier: the best quality reachable at each latency; ★ marks configurations")
                    .append(" no other beats on both.</p><figure>").append(paretoSvg).append("</figure>");
        }
        sb.append("</section>\n");
    }
}
