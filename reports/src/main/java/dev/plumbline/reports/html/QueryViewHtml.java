package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.compare.Configurations;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The per-query view of retrieval: for each configuration's queries, worst primary metric first,
 * the query text, its top-k with grades and passage snippets, and the relevant documents it
 * missed; a filter box searches the texts, picks a configuration and keeps only queries that
 * missed a relevant document. Every text is escaped.
 */
final class QueryViewHtml {
    /** Queries shown per configuration at most (worst first). */
    static final int MAX_QUERIES = 200;
    /** Queries open initially (the worst of the first configuration). */
    static final int OPEN = 2;

    private QueryViewHtml() {
    }

    static void render(Results r, StringBuilder sb) {
        List<EngineRun> engines = new ArrayList<>();
        Configurations.byDataset(r).values().forEach(l -> l.forEach(c -> engines.add(c.run())));
        engines.removeIf(e -> !hasRankings(e));
        if (engines.isEmpty()) {
            return;
        }
        MetricValuesLookup primary = new MetricValuesLookup(r.primaryMetric());
        sb.append("<section id=\"queries\"><h2>Per query</h2>\n<p class=\"meta\">Each configuration's queries, lowest ")
                .append(Html.escape(Configurations.displayName(r.primaryMetric())))
                .append(" first (at most ").append(MAX_QUERIES).append(" per configuration): the top ranks with their")
                .append(" relevance grade and a passage snippet, and the relevant documents missing from them.</p>\n")
                .append(FilterScript.box("query-view", "search query text, id or document", engines.stream()
                        .map(EngineRun::engine).toList(), "configurations", "only queries that missed relevant documents"))
                .append("<div id=\"query-view\">\n");
        for (EngineRun e : engines) {
            MetricValues pm = primary.of(e);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < e.itemIds().size(); i++) {
                order.add(i);
            }
            if (pm != null) {
                // NaN (undefined) first: those need a look as much as the worst.
                order.sort(Comparator.comparingDouble((Integer i) -> Double.isNaN(pm.value(i)) ? Double.NEGATIVE_INFINITY
                        : pm.value(i)));
            }
            for (int k = 0; k < Math.min(MAX_QUERIES, order.size()); k++) {
                query(e, order.get(k), pm, e == engines.getFirst() && k < OPEN, sb);
            }
        }
        sb.append("</div></section>\n");
    }

    private static boolean hasRankings(EngineRun e) {
        for (int i = 0; i < e.itemIds().size(); i++) {
            if (e.evidence(i).get("retrieved") instanceof List<?>) {
                return true;
            }
        }
        return false;
    }

    private static void query(EngineRun e, int i, MetricValues pm, boolean open, StringBuilder sb) {
        Map<String, Object> ev = e.evidence(i);
        List<?> missed = ev.entrySet().stream().filter(x -> x.getKey().startsWith("relevantNotInTop"))
                .map(Map.Entry::getValue).filter(v -> v instanceof List<?>).map(v -> (List<?>) v).findFirst()
                .orElse(List.of());
        sb.append("<details class=\"item query\" data-item data-flag=\"").append(missed.isEmpty() ? 0 : 1)
                .append("\" data-group=\"").append(Html.escape(e.engine())).append("\"").append(open ? " open" : "")
                .append("><summary><code>")
                .append(Html.escape(e.itemIds().get(i))).append("</code>");
        if (pm != null) {
            sb.append(" · ").append(Html.escape(Configurations.displayName(pm.name()))).append(' ')
                    .append(pm.failed(i) ? "failed" : Html.escape(Numbers.human(pm.value(i))));
        }
        sb.append(" · <span class=\"muted\">").append(Html.escape(e.engine())).append("</span>");
        if (!missed.isEmpty()) {
            sb.append(" <span class=\"badge skipped\">").append(missed.size()).append(" relevant missed</span>");
        }
        if (ev.get("query") instanceof String q) {
            sb.append("<div class=\"qtext\">").append(Html.escape(q)).append("</div>");
        }
        sb.append("</summary>\n<table class=\"topk\"><thead><tr><th>rank</th><th>document</th><th>grade</th>")
                .append("<th>score</th><th>passage</th></tr></thead><tbody>");
        if (ev.get("retrieved") instanceof List<?> docs) {
            for (Object o : docs) {
                if (o instanceof Map<?, ?> d) {
                    Object rel = d.get("relevance");
                    boolean relevant = rel instanceof Number n && n.doubleValue() > 0;
                    sb.append("<tr").append(relevant ? " class=\"rel\"" : "").append("><td class=\"num\">")
                            .append(Html.escape(str(d.get("rank")))).append("</td><td><code>")
                            .append(Html.escape(str(d.get("docno")))).append("</code></td><td class=\"num\">")
                            .append(Html.escape(str(rel))).append("</td><td class=\"num\">")
                            .append(d.get("score") instanceof Number n ? Html.escape(Numbers.human(n.doubleValue())) : "")
                            .append("</td><td class=\"snippet\">").append(Html.escape(str(d.get("snippet"))))
                            .append("</td></tr>");
                }
            }
        }
        sb.append("</tbody></table>");
        if (!missed.isEmpty()) {
            sb.append("<p class=\"meta\">Relevant, not in the top ranks:</p><table class=\"topk\"><tbody>");
            for (Object o : missed) {
                if (o instanceof Map<?, ?> d) {
                    sb.append("<tr><td><code>").append(Html.escape(str(d.get("docno")))).append("</code></td><td class=\"num\">")
                            .append(Html.escape(str(d.get("relevance")))).append("</td><td class=\"snippet\">")
                            .append(Html.escape(str(d.get("snippet")))).append("</td></tr>");
                }
            }
            sb.append("</tbody></table>");
        }
        sb.append("</details>\n");
    }

    private static String str(Object o) {
        if (o instanceof Double d) {
            return Numbers.human(d);
        }
        return o == null ? "" : String.valueOf(o);
    }

    /** The primary metric of an engine run, or {@code null}. */
    private record MetricValuesLookup(String name) {
        MetricValues of(EngineRun e) {
            return e.metric(name);
        }
    }
}
