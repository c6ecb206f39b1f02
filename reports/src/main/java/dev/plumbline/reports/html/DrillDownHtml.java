package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.hallucination.DetectionQuality;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hallucination drill-down: per judge cell, its detection quality on labelled samples (AUROC,
 * balanced accuracy, confusion per hallucination type, ROC curve), then every judged sample with
 * its texts, misclassified ones first: question, answer with unsupported claims marked, contexts,
 * and each claim with verdict, score, the context sentence it rests on and the judge's reason.
 * Every text is escaped.
 */
final class DrillDownHtml {
    /** Samples shown per judge cell at most (misclassified first), so a big benchmark keeps the page usable. */
    static final int MAX_SAMPLES = 300;
    /** Samples open initially. */
    static final int OPEN = 2;

    private DrillDownHtml() {
    }

    /** Whether {@code e} is a judge cell (not a retrieval configuration) with claims to drill into. */
    static boolean judged(Results r, EngineRun e) {
        if (e.metric(r.primaryMetric()) != null) {
            return false;
        }
        for (int i = 0; i < e.itemIds().size(); i++) {
            if (e.evidence(i).get("claims") instanceof List<?>) {
                return true;
            }
        }
        return false;
    }

    static void render(Results r, StringBuilder sb) {
        List<EngineRun> judged = r.engines().stream().filter(e -> judged(r, e)).toList();
        if (judged.isEmpty()) {
            return;
        }
        sb.append("<section id=\"hallucinations\"><h2>Hallucination drill-down</h2>\n");
        for (EngineRun e : judged) {
            String target = "samples-" + r.engines().indexOf(e);
            sb.append("<h3>").append(Html.escape(e.engine())).append("</h3>\n");
            DetectionQuality q = DetectionQuality.of(e);
            if (q != null) {
                quality(q, sb);
            } else {
                sb.append("<p class=\"muted\">No sample carries a faithful/hallucinated label, so the judge's own")
                        .append(" detection quality cannot be shown.</p>");
            }
            List<Integer> order = DetectionQuality.drillDownOrder(e);
            int shown = Math.min(order.size(), MAX_SAMPLES);
            sb.append("<p class=\"meta\">").append(shown).append(" of ").append(order.size())
                    .append(" samples; misclassified first (the judge's most confident mistakes at the top), with")
                    .append(" unsupported claims <mark class=\"unsupported\">marked</mark> in the answer.</p>\n")
                    .append(FilterScript.box(target, "search question, answer, contexts", List.of(), "",
                            q == null ? null : "misclassified only"))
                    .append("<div id=\"").append(target).append("\">\n");
            for (int k = 0; k < shown; k++) {
                sample(e, order.get(k), k < OPEN, sb);
            }
            sb.append("</div>\n");
        }
        sb.append("</section>\n");
    }

    private static void quality(DetectionQuality q, StringBuilder sb) {
        var s = q.scores();
        sb.append("<div class=\"detect\"><div><p class=\"meta\">The judge as a hallucination detector on ")
                .append(s.n()).append(" labelled samples (").append(s.positives()).append(" hallucinated)")
                .append(q.unscored() > 0 ? ", " + q.unscored() + " not scored because a verdict failed" : "")
                .append(": a sample is flagged when any claim is unsupported; the score for AUROC is 1 − the weakest")
                .append(" claim's support.</p><table class=\"kv\"><tbody>");
        kv(sb, "AUROC", Numbers.stat(s.auroc()));
        kv(sb, "balanced accuracy", Numbers.stat(s.balancedAccuracy()));
        kv(sb, "precision", Numbers.stat(s.precision()));
        kv(sb, "recall", Numbers.stat(s.recall()));
        kv(sb, "F1", Numbers.stat(s.f1()));
        sb.append("</tbody></table>\n<table class=\"confusion\"><thead><tr><th>label</th><th>samples</th>")
                .append("<th>flagged</th><th>passed</th><th>correct</th></tr></thead><tbody>");
        for (Map.Entry<String, DetectionQuality.Confusion> c : q.confusion().entrySet()) {
            boolean faithful = c.getKey().equals(DetectionQuality.FAITHFUL);
            DetectionQuality.Confusion v = c.getValue();
            int correct = faithful ? v.passed() : v.flagged();
            sb.append("<tr><td>").append(Html.escape(c.getKey())).append("</td><td class=\"num\">").append(v.items())
                    .append("</td><td class=\"num\">").append(v.flagged()).append("</td><td class=\"num\">")
                    .append(v.passed()).append("</td><td class=\"num\">")
                    .append(Numbers.stat(v.items() == 0 ? Double.NaN : (double) correct / v.items())).append("</td></tr>");
        }
        sb.append("<tr class=\"total\"><td>all</td><td class=\"num\">").append(s.n()).append("</td><td class=\"num\">")
                .append(q.truePositives() + q.falsePositives()).append("</td><td class=\"num\">")
                .append(q.trueNegatives() + q.falseNegatives()).append("</td><td class=\"num\">")
                .append(Numbers.stat((double) (q.truePositives() + q.trueNegatives()) / s.n())).append("</td></tr>")
                .append("</tbody></table><p class=\"muted\">Rows by label and hallucination type: flagged is a catch")
                .append(" for a hallucination type and a false alarm for faithful.</p></div><figure>")
                .append(RocChart.render(q.roc(), s.auroc(), q.engine())).append("</figure></div>\n");
    }

    private static void kv(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(Html.escape(k)).append("</th><td class=\"num\">").append(Html.escape(v)).append("</td></tr>");
    }

    private static void sample(EngineRun e, int i, boolean open, StringBuilder sb) {
        Map<String, Object> ev = e.evidence(i);
        boolean wrong = DetectionQuality.misclassified(e, i);
        String label = ev.get("label") instanceof String l ? l : "";
        String type = ev.get("hallucinationType") instanceof String t ? t : "";
        Boolean flagged = ev.get("detection") instanceof Map<?, ?> d && d.get("flagged") instanceof Boolean b ? b : null;
        sb.append("<details class=\"item sample").append(wrong ? " wrong" : "").append("\" data-item data-flag=\"")
                .append(wrong ? 1 : 0).append("\"").append(open ? " open" : "").append("><summary><code>")
                .append(Html.escape(e.itemIds().get(i))).append("</code>");
        if (!label.isEmpty()) {
            sb.append(" · labelled <b>").append(Html.escape(label)).append("</b>")
                    .append(type.isEmpty() ? "" : " (" + Html.escape(type) + ")");
        }
        if (flagged != null) {
            sb.append(" · judge: ").append(flagged ? "flagged" : "passed");
        }
        if (wrong) {
            sb.append(" <span class=\"badge fail\">misclassified</span>");
        }
        MetricValues faith = e.metric("faithfulness");
        if (faith != null) {
            sb.append(" · faithfulness ").append(faith.failed(i) ? "failed" : Html.escape(Numbers.human(faith.value(i))));
        }
        sb.append("</summary>\n<dl class=\"evidence\"><dt>question</dt><dd>").append(Html.escape(str(ev.get("question"))))
                .append("</dd><dt>answer</dt><dd><div class=\"text\">").append(markedAnswer(ev)).append("</div></dd>");
        if (ev.get("reference") instanceof String ref) {
            sb.append("<dt>reference</dt><dd>").append(Html.escape(ref)).append("</dd>");
        }
        if (ev.get("hallucinationSpans") instanceof List<?> spans && !spans.isEmpty()) {
            sb.append("<dt>labelled spans</dt><dd>");
            for (Object o : spans) {
                sb.append("<span class=\"span-label\">").append(Html.escape(str(o))).append("</span> ");
            }
            sb.append("</dd>");
        }
        sb.append("<dt>contexts</dt><dd><ol class=\"contexts\">");
        if (ev.get("contexts") instanceof List<?> contexts) {
            for (Object c : contexts) {
                sb.append("<li><div class=\"text\">").append(Html.escape(str(c))).append("</div></li>");
            }
        }
        sb.append("</ol></dd></dl>\n");
        if (ev.get("claims") instanceof List<?> claims && !claims.isEmpty()) {
            sb.append("<table class=\"claims\"><thead><tr><th>claim</th><th>verdict</th><th>score</th>")
                    .append("<th>rests on (context: sentence)</th><th>reason</th></tr></thead><tbody>");
            for (Object o : claims) {
                if (!(o instanceof Map<?, ?> c)) {
                    continue;
                }
                String verdict = str(c.get("verdict"));
                String cls = verdict.equals("supported") ? "pass" : verdict.equals("failed") ? "skipped" : "fail";
                sb.append("<tr><td>").append(Html.escape(str(c.get("claim")))).append("</td><td><span class=\"badge ")
                        .append(cls).append("\">").append(Html.escape(verdict)).append("</span></td><td class=\"num\">")
                        .append(c.get("score") instanceof Number n ? Html.escape(Numbers.human(n.doubleValue())) : "")
                        .append("</td><td>").append(c.get("context") instanceof Number n ? "#" + n.intValue() + ": " : "")
                        .append(Html.escape(str(c.get("sentence")))).append("</td><td class=\"reason\">")
                        .append(Html.escape(str(c.get("reason")))).append("</td></tr>");
            }
            sb.append("</tbody></table>\n");
        }
        sb.append("</details>\n");
    }

    /** The answer, escaped, with each unsupported claim's first occurrence wrapped in a mark. */
    static String markedAnswer(Map<String, Object> ev) {
        String answer = str(ev.get("answer"));
        List<int[]> ranges = new ArrayList<>();
        if (ev.get("claims") instanceof List<?> claims) {
            for (Object o : claims) {
                if (o instanceof Map<?, ?> c && "unsupported".equals(c.get("verdict")) && c.get("claim") instanceof String t
                        && !t.isBlank()) {
                    int at = answer.indexOf(t.strip());
                    if (at >= 0) {
                        ranges.add(new int[] {at, at + t.strip().length()});
                    }
                }
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (int[] rg : ranges) {
            if (rg[0] < pos) {
                continue; // overlaps one already marked
            }
            sb.append(Html.escape(answer.substring(pos, rg[0]))).append("<mark class=\"unsupported\">")
                    .append(Html.escape(answer.substring(rg[0], rg[1]))).append("</mark>");
            pos = rg[1];
        }
        return sb.append(Html.escape(answer.substring(pos))).toString();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
