package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.compare.Comparison;
import dev.plumbline.reports.compare.Configurations;
import dev.plumbline.reports.compare.InRunComparison;
import dev.plumbline.reports.compare.InRunComparisons;
import dev.plumbline.reports.compare.Leaderboard;
import dev.plumbline.reports.compare.Verdicts;
import dev.plumbline.reports.stats.Percentiles;
import dev.plumbline.reports.compare.EngineComparison;
import dev.plumbline.reports.compare.MetricComparison;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.Verdict;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTML report: one self-contained page with no external resource (a Content-Security-Policy
 * forbids any, and admits only the page's own filter script by its hash), so it opens from disk
 * anywhere. It opens with the verdict, then the leaderboard and Pareto plot, the in-run pairwise
 * tests, the summary table (run-level values folded), the hallucination drill-down and the
 * per-query view. Charts are inline SVG drawn here. Every string from results, datasets or
 * provenance is escaped with {@link Html#escape}.
 */
public final class HtmlReport {
    /** Worst items shown per engine. */
    static final int WORST_ITEMS = 10;
    /** Worst items whose evidence is expanded initially. */
    static final int OPEN_ITEMS = 3;
    /** Other metric values shown next to a worst item. */
    static final int ITEM_METRICS = 8;
    /** The latency percentile on the Pareto plot's x axis. */
    static final String PARETO_LATENCY = "p50";

    private HtmlReport() {
    }

    /** The page. */
    public static String render(Report report) {
        Results r = report.results();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:; script-src ").append(FilterScript.cspHash())
                .append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Plumbline report: ").append(Html.escape(r.runId())).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        header(r, sb);
        List<InRunComparison> pairs = InRunComparisons.of(r);
        nav(report, !pairs.isEmpty(), r.engines().stream().anyMatch(e -> DrillDownHtml.judged(r, e)), sb);
        ComparisonHtml.verdict(Verdicts.of(r, pairs), sb);
        if (report.gate() != null) {
            gate(report.gate(), sb);
        }
        if (report.comparison() != null) {
            comparison(report.comparison(), sb);
        }
        MetricInfo timing = r.metrics().values().stream().filter(MetricInfo::timing).findFirst().orElse(null);
        ComparisonHtml.leaderboard(r, Leaderboard.of(r), timing == null ? null
                : ParetoChart.render(r, timing, PARETO_LATENCY), sb);
        ComparisonHtml.pairwise(pairs, sb);
        summary(r, sb);
        DrillDownHtml.render(r, sb);
        QueryViewHtml.render(r, sb);
        latency(r, sb);
        metrics(r, sb);
        worst(r, sb);
        provenance(r, sb);
        sb.append("<footer>Written by Plumbline ").append(Html.escape(r.provenance().plumblineVersion()))
                .append(". Intervals: ").append(Html.escape(percent(r.statistics().confidence())))
                .append(" percentile bootstrap over items (").append(r.statistics().bootstrapSamples())
                .append(" replicates, seed ").append(r.statistics().seed())
                .append("). Undefined and failed values are counted, never averaged in.</footer>\n");
        sb.append("<script>").append(FilterScript.SOURCE).append("</script>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /**
     * The report's charts as standalone SVG documents by file name ({@code pareto.svg},
     * {@code latency-NAME.svg}), for attaching elsewhere (Allure); only charts that have data.
     */
    public static Map<String, String> charts(Results r) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        MetricInfo timing = r.metrics().values().stream().filter(MetricInfo::timing).findFirst().orElse(null);
        String pareto = timing == null ? null : ParetoChart.render(r, timing, PARETO_LATENCY);
        if (pareto != null) {
            out.put("pareto.svg", pareto);
        }
        for (MetricInfo t : r.metrics().values()) {
            if (t.timing()) {
                String svg = LatencyChart.render(r, t);
                if (svg != null) {
                    out.put("latency-" + t.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".svg", svg);
                }
            }
        }
        return out;
    }

    private static void header(Results r, StringBuilder sb) {
        Provenance p = r.provenance();
        int items = r.engines().stream().mapToInt(e -> e.itemIds().size()).max().orElse(0);
        sb.append("<header><h1>Plumbline report <span class=\"run\">").append(Html.escape(r.runId()))
                .append("</span></h1>\n<p class=\"meta\">").append(r.engines().size())
                .append(r.engines().size() == 1 ? " engine" : " engines").append(" · ").append(r.metrics().size())
                .append(" metrics · up to ").append(items).append(" items · started ")
                .append(Html.escape(p.startedAt().toString())).append(" · Plumbline ")
                .append(Html.escape(p.plumblineVersion())).append(" (").append(Html.escape(p.gitCommit()))
                .append(p.gitDirty() ? ", uncommitted changes" : "").append(")</p></header>\n");
    }

    private static void nav(Report report, boolean pairs, boolean judged, StringBuilder sb) {
        sb.append("<nav>");
        if (pairs) {
            sb.append("<a href=\"#verdict\">Verdict</a>");
        }
        if (report.gate() != null) {
            sb.append("<a href=\"#gate\">Gate</a>");
        }
        if (report.comparison() != null) {
            sb.append("<a href=\"#comparison\">Comparison</a>");
        }
        sb.append("<a href=\"#leaderboard\">Leaderboard</a>");
        if (pairs) {
            sb.append("<a href=\"#pairwise\">Pairwise</a>");
        }
        sb.append("<a href=\"#summary\">Summary</a>");
        if (judged) {
            sb.append("<a href=\"#hallucinations\">Hallucinations</a>");
        }
        sb.append("<a href=\"#queries\">Per query</a><a href=\"#latency\">Latency</a><a href=\"#metrics\">Metrics</a>")
                .append("<a href=\"#worst\">Worst items</a><a href=\"#provenance\">Provenance</a></nav>\n");
    }

    private static void gate(GateOutcome o, StringBuilder sb) {
        sb.append("<section id=\"gate\"><h2>Gate <span class=\"badge ").append(o.passed() ? "pass" : "fail").append("\">")
                .append(o.passed() ? "passed" : "failed").append("</span></h2>\n<p class=\"meta\">")
                .append(o.count(Verdict.Status.PASS)).append(" passed, ").append(o.count(Verdict.Status.FAIL))
                .append(" failed, ").append(o.count(Verdict.Status.SKIPPED)).append(" skipped · rules ")
                .append(Html.escape(o.rulesFile())).append("</p>\n<table class=\"gate\"><thead><tr><th></th><th>rule</th>")
                .append("<th>engine</th><th>baseline</th><th>current</th><th>explanation</th></tr></thead><tbody>\n");
        for (Verdict v : o.verdicts()) {
            String cls = v.status().name().toLowerCase(Locale.ROOT);
            sb.append("<tr class=\"").append(cls).append("\"><td><span class=\"badge ").append(cls).append("\">")
                    .append(cls).append("</span></td><td><code>").append(Html.escape(v.rule().text()))
                    .append("</code></td><td>").append(Html.escape(v.engine())).append("</td><td class=\"num\">")
                    .append(Double.isNaN(v.baseline()) ? "" : Html.escape(Numbers.human(v.baseline())))
                    .append("</td><td class=\"num\">").append(Html.escape(Numbers.human(v.current())))
                    .append("</td><td>").append(Html.escape(v.message()));
            for (String n : v.notes()) {
                sb.append("<div class=\"note\">").append(Html.escape(n)).append("</div>");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        notes(o.notes(), sb);
        sb.append("</section>\n");
    }

    private static void comparison(Comparison c, StringBuilder sb) {
        sb.append("<section id=\"comparison\"><h2>Comparison with baseline <span class=\"run\">")
                .append(Html.escape(c.baselineRunId())).append("</span></h2>\n");
        for (EngineComparison e : c.engines()) {
            sb.append("<h3>").append(Html.escape(e.currentEngine()));
            if (!e.currentEngine().equals(e.baselineEngine())) {
                sb.append(" vs ").append(Html.escape(e.baselineEngine()));
            }
            sb.append("</h3><p class=\"meta\">").append(e.commonItems()).append(" common items · ").append(e.tested())
                    .append(" metrics tested</p>\n<table class=\"compare\"><thead><tr><th>metric</th><th>baseline</th>")
                    .append("<th>current</th><th>difference [").append(Html.escape(percent(c.statistics().confidence())))
                    .append(" interval]</th><th>p</th><th>p (Holm)</th><th>verdict</th></tr></thead><tbody>\n");
            for (MetricComparison m : e.metrics()) {
                String verdict = m.verdict();
                String cls = verdict.equals("better") ? "pass" : verdict.equals("worse") ? "fail" : "";
                sb.append("<tr><td>").append(Html.escape(m.metric())).append(arrow(m.direction()))
                        .append("</td><td class=\"num\">").append(Numbers.stat(m.baselineMean()))
                        .append("</td><td class=\"num\">").append(Numbers.stat(m.currentMean()))
                        .append("</td><td class=\"num\">").append(Numbers.signedStat(m.difference())).append(" [")
                        .append(Numbers.stat(m.ciLow())).append(", ").append(Numbers.stat(m.ciHigh()))
                        .append("]</td><td class=\"num\">").append(Html.escape(Numbers.pValue(m.p())))
                        .append("</td><td class=\"num\">").append(Html.escape(Numbers.pValue(m.pAdjusted())))
                        .append("</td><td><span class=\"badge ").append(cls).append("\">").append(verdict)
                        .append("</span></td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
        notes(c.notes(), sb);
        sb.append("</section>\n");
    }

    private static void summary(Results r, StringBuilder sb) {
        sb.append("<section id=\"summary\"><h2>Summary</h2>\n<p class=\"meta\">Mean over defined items with its ")
                .append(Html.escape(percent(r.statistics().confidence())))
                .append(" interval; the best engine per metric in bold; u = undefined, f = failed items.</p>\n")
                .append("<div class=\"scroll\"><table class=\"summary\"><thead><tr><th>metric</th>");
        for (EngineRun e : r.engines()) {
            sb.append("<th>").append(Html.escape(e.engine())).append("<div class=\"muted\">")
                    .append(e.itemIds().size()).append(" items</div></th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (MetricInfo m : r.metrics().values()) {
            String best = bestEngine(r, m);
            sb.append("<tr").append(m.name().equals(r.primaryMetric()) ? " class=\"primary\"" : "").append("><td>")
                    .append(Html.escape(m.name())).append(m.unit().isEmpty() ? "" : " (" + Html.escape(m.unit()) + ")")
                    .append(arrow(m.direction())).append("</td>");
            for (EngineRun e : r.engines()) {
                Aggregate a = r.aggregate(e.engine(), m.name());
                sb.append("<td class=\"num\">");
                if (a != null) {
                    boolean isBest = e.engine().equals(best);
                    sb.append(isBest ? "<b>" : "").append(Numbers.stat(a.mean())).append(isBest ? "</b>" : "");
                    if (!Double.isNaN(a.ciLow())) {
                        sb.append(" <span class=\"ci\">[").append(Numbers.stat(a.ciLow())).append(", ")
                                .append(Numbers.stat(a.ciHigh())).append("]</span>");
                    }
                    for (Map.Entry<String, Double> p : a.percentiles().entrySet()) {
                        if (!Percentiles.supported(p.getKey(), a.defined())) {
                            continue;
                        }
                        sb.append("<div class=\"ci\">").append(Html.escape(p.getKey())).append(' ')
                                .append(Numbers.human(p.getValue())).append("</div>");
                    }
                    if (a.undefined() > 0) {
                        sb.append(" <span class=\"badge skipped\">").append(a.undefined()).append("u</span>");
                    }
                    if (a.failed() > 0) {
                        sb.append(" <span class=\"badge fail\">").append(a.failed()).append("f</span>");
                    }
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        runValues(r, sb);
        sb.append("</section>\n");
    }

    /**
     * Values that exist only for the whole run (stage timings, memory, counts), folded away with
     * units; rows undefined for every engine are left out and named, and corpus encodings read from
     * the cache are explained rather than shown as missing timings.
     */
    private static void runValues(Results r, StringBuilder sb) {
        Set<String> names = new LinkedHashSet<>();
        r.engines().forEach(e -> names.addAll(e.runValues().keySet()));
        if (names.isEmpty()) {
            return;
        }
        List<String> undefined = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String n : names) {
            boolean any = r.engines().stream().map(e -> e.runValues().get(n)).anyMatch(v -> v != null && !Double.isNaN(v));
            (any ? shown : undefined).add(n);
        }
        List<String> cached = r.engines().stream().filter(e -> e.runValues().getOrDefault("encode_docs.cached", 0.0) > 0
                && e.runValues().getOrDefault("encode_docs.calls", 0.0) == 0).map(EngineRun::engine).toList();
        sb.append("<details class=\"runvalues\"><summary>Run-level values (").append(shown.size())
                .append("): stage timings, memory and counts, one per run, without intervals</summary>\n")
                .append("<div class=\"scroll\"><table class=\"summary\"><thead><tr><th>value</th>");
        for (EngineRun e : r.engines()) {
            sb.append("<th>").append(Html.escape(e.engine())).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (String name : shown) {
            sb.append("<tr><td>").append(Html.escape(name)).append("</td>");
            for (EngineRun e : r.engines()) {
                Double v = e.runValues().get(name);
                sb.append("<td class=\"num\">").append(v == null ? "" : Double.isNaN(v)
                        ? "<span class=\"muted\">undefined</span>" : Html.escape(Numbers.withUnit(name, v))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>");
        if (!cached.isEmpty()) {
            sb.append("<p class=\"note\">").append(Html.escape(String.join(", ", cached))).append(": the corpus vectors")
                    .append(" came from the embedding cache, so the corpus encoding was not timed (encode_docs.* are")
                    .append(" undefined or 0); run with --no-cache to time it.</p>");
        }
        if (!undefined.isEmpty()) {
            sb.append("<p class=\"muted\">Not shown, undefined for every engine: ")
                    .append(Html.escape(String.join(", ", undefined))).append(".</p>");
        }
        sb.append("</details>\n");
    }

    private static String bestEngine(Results r, MetricInfo m) {
        if (m.direction() == Direction.NEUTRAL || r.engines().size() < 2) {
            return null;
        }
        String best = null;
        double bestValue = Double.NaN;
        for (EngineRun e : r.engines()) {
            Aggregate a = r.aggregate(e.engine(), m.name());
            if (a == null || Double.isNaN(a.mean())) {
                continue;
            }
            boolean better = Double.isNaN(bestValue)
                    || (m.direction() == Direction.HIGHER_IS_BETTER ? a.mean() > bestValue : a.mean() < bestValue);
            if (better) {
                best = e.engine();
                bestValue = a.mean();
            }
        }
        return best;
    }

    private static void latency(Results r, StringBuilder sb) {
        sb.append("<section id=\"latency\"><h2>Latency distribution</h2>\n");
        List<MetricInfo> timings = r.metrics().values().stream().filter(MetricInfo::timing).toList();
        if (timings.isEmpty()) {
            sb.append("<p class=\"muted\">No latency was recorded in these results.</p>");
        }
        // Retrieval and judge cells apart: a judge's milliseconds would flatten the queries' curves.
        List<Integer> retrieval = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        Set<String> configs = new java.util.HashSet<>();
        Configurations.byDataset(r).values().forEach(l -> l.forEach(c -> configs.add(c.run().engine())));
        for (int i = 0; i < r.engines().size(); i++) {
            (configs.contains(r.engines().get(i).engine()) ? retrieval : other).add(i);
        }
        for (MetricInfo t : timings) {
            for (List<Integer> group : List.of(retrieval, other)) {
                if (group.isEmpty()) {
                    continue;
                }
                String name = group == retrieval ? "retrieval" : retrieval.isEmpty() ? "" : "judge and other cells";
                String svg = LatencyChart.render(r, t, group, name);
                if (svg != null) {
                    sb.append("<figure>").append(svg).append("<figcaption>").append(Html.escape(t.name()))
                            .append(name.isEmpty() ? "" : " of " + Html.escape(name))
                            .append(" by percentile (tail stretched: 90%, 99%, 99.9% evenly spaced; log scale)")
                            .append("</figcaption></figure>");
                }
            }
        }
        sb.append("</section>\n");
    }

    private static void metrics(Results r, StringBuilder sb) {
        sb.append("<section id=\"metrics\"><h2>Metrics</h2>\n<p class=\"meta\">Mean per engine; the whisker is the ")
                .append(Html.escape(percent(r.statistics().confidence()))).append(" bootstrap interval.</p><div class=\"grid\">");
        for (MetricInfo m : r.metrics().values()) {
            if (m.direction() == Direction.NEUTRAL) {
                continue;
            }
            sb.append("<figure>").append(MetricBarsChart.render(r, m)).append("</figure>");
        }
        sb.append("</div></section>\n");
    }

    private static void worst(Results r, StringBuilder sb) {
        sb.append("<section id=\"worst\"><h2>Worst items</h2>\n");
        MetricInfo primary = r.metrics().get(r.primaryMetric());
        for (EngineRun e : r.engines()) {
            MetricValues pm = primary == null ? null : e.metric(primary.name());
            sb.append("<h3>").append(Html.escape(e.engine())).append("</h3>");
            List<Integer> order = worstOrder(e, pm);
            if (order.isEmpty()) {
                sb.append("<p class=\"muted\">No items.</p>");
                continue;
            }
            sb.append("<p class=\"meta\">Items with failed or undefined values first, then the lowest ")
                    .append(pm == null ? "" : Html.escape(pm.name())).append(".</p>");
            for (int k = 0; k < order.size(); k++) {
                int i = order.get(k);
                sb.append("<details class=\"item\"").append(k < OPEN_ITEMS ? " open" : "").append("><summary><code>")
                        .append(Html.escape(e.itemIds().get(i))).append("</code>");
                if (pm != null) {
                    sb.append(" · ").append(Html.escape(pm.name())).append(' ').append(value(pm, i));
                }
                sb.append("</summary><div class=\"values\">");
                int shown = 0;
                for (MetricValues m : e.metrics().values()) {
                    boolean problem = Double.isNaN(m.value(i));
                    if (m == pm || (!problem && (shown >= ITEM_METRICS || m.info().direction() == Direction.NEUTRAL))) {
                        continue;
                    }
                    sb.append("<span class=\"kv").append(problem ? " problem" : "").append("\">")
                            .append(Html.escape(m.name())).append(' ').append(value(m, i)).append("</span>");
                    shown++;
                }
                sb.append("</div>").append(EvidenceHtml.render(e.evidence(i))).append("</details>\n");
            }
        }
        sb.append("</section>\n");
    }

    private static String value(MetricValues m, int i) {
        if (m.failed(i)) {
            return "<span class=\"badge fail\">failed</span> " + Html.escape(m.failure(i));
        }
        if (m.undefined(i)) {
            return "<span class=\"badge skipped\">undefined</span>";
        }
        return Html.escape(Numbers.human(m.value(i)) + (m.info().unit().isEmpty() ? "" : " " + m.info().unit()));
    }

    /** Failed or undefined items first (in item order), then by the primary metric, worst first. */
    static List<Integer> worstOrder(EngineRun e, MetricValues primary) {
        List<Integer> problems = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < e.itemIds().size(); i++) {
            boolean problem = false;
            for (MetricValues m : e.metrics().values()) {
                problem |= Double.isNaN(m.value(i));
            }
            (problem ? problems : rest).add(i);
        }
        if (primary != null) {
            boolean lowerBetter = primary.info().direction() == Direction.LOWER_IS_BETTER;
            Comparator<Integer> byValue = Comparator.comparingDouble(primary::value);
            rest.sort(lowerBetter ? byValue.reversed() : byValue);
        }
        List<Integer> out = new ArrayList<>(problems);
        out.addAll(rest);
        return out.subList(0, Math.min(WORST_ITEMS, out.size()));
    }

    private static void provenance(Results r, StringBuilder sb) {
        Provenance p = r.provenance();
        sb.append("<section id=\"provenance\"><h2>Provenance</h2>\n<table class=\"kv\"><tbody>\n");
        row(sb, "Plumbline", p.plumblineVersion() + " · commit " + p.gitCommit()
                + (p.gitDirty() ? " (uncommitted changes)" : ""));
        row(sb, "Started / finished", p.startedAt() + " → " + p.finishedAt() + " ("
                + duration(Duration.between(p.startedAt(), p.finishedAt())) + ")");
        rowCode(sb, "Command", String.join(" ", p.command()));
        if (!p.experimentFile().isEmpty()) {
            row(sb, "Experiment file", p.experimentFile());
        }
        row(sb, "JVM", p.jvm().vendor() + " " + p.jvm().version() + " (" + p.jvm().vmName() + ")");
        rowCode(sb, "JVM flags", String.join(" ", p.jvm().flags()));
        row(sb, "OS", p.os().name() + " " + p.os().version() + " " + p.os().arch());
        row(sb, "Hardware", p.hardware().describe());
        row(sb, "ISA flags", String.join(" ", p.hardware().isaFlags()));
        if (!Double.isNaN(p.peakRssBytes())) {
            row(sb, "Process peak RSS", Numbers.human(p.peakRssBytes() / (1 << 20)) + " MiB (VmHWM over the whole run;"
                    + " each engine's own memory is in its memory.* values)");
        }
        row(sb, "Threads", p.threads().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        row(sb, "Seeds", p.seeds().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        row(sb, "Statistics", "seed " + r.statistics().seed() + ", " + r.statistics().bootstrapSamples()
                + " bootstrap replicates, " + percent(r.statistics().confidence()) + " intervals, "
                + r.statistics().permutations() + " permutations per test");
        row(sb, "Judge", p.judge() == null ? "none" : p.judge().name() + " " + p.judge().model() + " prompts "
                + p.judge().promptVersion() + " " + p.judge().details());
        sb.append("</tbody></table>\n");
        if (!p.engines().isEmpty()) {
            sb.append("<h3>Engines</h3><table class=\"kv\"><thead><tr><th>engine</th><th>kernel backend</th>")
                    .append("<th>quantization</th><th>model</th><th>native library</th><th>details</th></tr></thead><tbody>");
            for (EngineIdentity e : p.engines()) {
                sb.append("<tr><td>").append(Html.escape(e.name())).append("</td><td>").append(Html.escape(e.kernelBackend()))
                        .append("</td><td>").append(Html.escape(e.quantization())).append("</td><td>")
                        .append(Html.escape(e.modelFile())).append(e.modelSha256().isEmpty() ? "" : "<div class=\"hash\">sha256 "
                                + Html.escape(e.modelSha256()) + "</div>")
                        .append("</td><td class=\"hash\">").append(Html.escape(e.nativeLibrarySha256())).append("</td><td>")
                        .append(Html.escape(e.details().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
                                .collect(Collectors.joining(", ")))).append("</td></tr>");
            }
            sb.append("</tbody></table>\n");
        }
        if (!p.datasets().isEmpty()) {
            sb.append("<h3>Datasets</h3><table class=\"kv\"><thead><tr><th>name</th><th>path</th><th>sha256</th>")
                    .append("<th>counts</th></tr></thead><tbody>");
            for (DatasetFingerprint d : p.datasets()) {
                sb.append("<tr><td>").append(Html.escape(d.name())).append("</td><td>").append(Html.escape(d.path()))
                        .append("</td><td class=\"hash\">").append(Html.escape(d.sha256())).append("</td><td>")
                        .append(Html.escape(d.counts().entrySet().stream().map(c -> c.getKey() + " " + c.getValue())
                                .collect(Collectors.joining(", ")))).append("</td></tr>");
            }
            sb.append("</tbody></table>\n");
        }
        sb.append("</section>\n");
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static void rowCode(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>").append(Html.escape(key)).append("</th><td><code>").append(Html.escape(value))
                .append("</code></td></tr>\n");
    }

    private static void notes(List<String> notes, StringBuilder sb) {
        if (notes.isEmpty()) {
            return;
        }
        sb.append("<ul class=\"notes\">");
        for (String n : notes) {
            sb.append("<li>").append(Html.escape(n)).append("</li>");
        }
        sb.append("</ul>\n");
    }

    private static String arrow(Direction d) {
        return switch (d) {
            case HIGHER_IS_BETTER -> " <span class=\"dir\" title=\"higher is better\">↑</span>";
            case LOWER_IS_BETTER -> " <span class=\"dir\" title=\"lower is better\">↓</span>";
            case NEUTRAL -> "";
        };
    }

    private static String percent(double confidence) {
        double p = confidence * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + " %";
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:0 auto;\
            max-width:1180px;padding:0 20px 40px}
            header h1{font-size:22px;margin:18px 0 2px}.run{font-family:ui-monospace,monospace;color:#555}
            .meta{color:#555;margin:4px 0 10px}.muted{color:#888;font-size:12px}
            nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:6px 0;z-index:1}
            nav a{margin-right:14px;color:#1f5fbf;text-decoration:none}
            section{margin-top:26px}h2{font-size:18px;border-bottom:2px solid #eee;padding-bottom:3px}h3{font-size:15px}
            table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top;\
            text-align:left}thead th{background:#f5f5f7}.num{text-align:right;font-variant-numeric:tabular-nums;\
            white-space:nowrap}.ci{color:#666;font-size:12px}tr.primary td:first-child{font-weight:600}
            .scroll{overflow-x:auto}.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;\
            background:#eee}.badge.pass{background:#d9f2dd;color:#135c1f}.badge.fail{background:#fbd9d7;\
            color:#8a1710}.badge.skipped{background:#eee;color:#555}tr.fail td{background:#fff6f5}
            .note{color:#8a5a00;font-size:12px;margin-top:3px}ul.notes{color:#555}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:10px}
            figure{margin:6px 0}svg{width:100%;height:auto;max-width:680px;background:#fff}
            svg text{font:11px system-ui,sans-serif;fill:#333}svg text.axis{font-size:12px;fill:#111}
            svg text.label{font-size:12px}figcaption{color:#555;font-size:12px}
            details.item{border:1px solid #ddd;border-radius:4px;margin:6px 0;padding:4px 8px}
            details.item summary{cursor:pointer}.values{margin:4px 0}.kv{margin-right:10px;font-size:12px}
            .kv.problem{color:#8a1710}dl.evidence{margin:4px 0;display:grid;grid-template-columns:max-content 1fr;\
            gap:2px 10px}dl.evidence dt{font-weight:600;color:#444}dl.evidence dd{margin:0}
            table.evidence{font-size:12px}.text{white-space:pre-wrap;background:#fafafa;border-left:3px solid #ddd;\
            padding:2px 6px}.hash{font-family:ui-monospace,monospace;font-size:11px;word-break:break-all}
            table.kv th{background:#f5f5f7;width:160px}code{font-family:ui-monospace,monospace;font-size:12px;\
            word-break:break-all}footer{margin-top:30px;color:#777;font-size:12px}
            ul.verdict{padding-left:18px;margin:6px 0}ul.verdict li{margin:3px 0}.pair{font-family:ui-monospace,monospace;\
            font-size:13px}table.summary th{word-break:break-word;max-width:220px}table.summary .ci{display:block}
            table.pairwise sup{color:#135c1f;font-weight:600;margin-left:2px}details.runvalues{margin:8px 0}
            details.runvalues summary{cursor:pointer;color:#1f5fbf}.filter{margin:8px 0;padding:6px 8px;\
            background:#f5f5f7;border-radius:4px}.filter input[type=search]{width:280px;max-width:60%}
            details.sample.wrong{border-color:#e8a19b}mark.unsupported{background:#fbd9d7;color:inherit}
            .span-label{border-bottom:2px dotted #8a1710}table.claims,table.topk{font-size:12px;width:100%}
            td.snippet{color:#333}tr.rel td{background:#f1faf2}.qtext{margin:2px 0 0 0;color:#333}
            .detect{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.detect figure{width:340px}
            svg.roc{max-width:340px}tr.total td{font-weight:600}td.reason{color:#555}
            """;
}
