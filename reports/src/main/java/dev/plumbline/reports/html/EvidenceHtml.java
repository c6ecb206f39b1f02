package dev.plumbline.reports.html;

import dev.plumbline.reports.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders per-item evidence (question, answer, contexts, claims with verdicts, ranked documents)
 * as nested HTML: maps as definition lists, lists of same-shaped maps as tables, other lists as
 * ordered lists, text in a pre-wrapped block. Every string is escaped.
 */
final class EvidenceHtml {
    private EvidenceHtml() {
    }

    static String render(Object value) {
        StringBuilder sb = new StringBuilder();
        render(value, sb, 0);
        return sb.toString();
    }

    private static void render(Object value, StringBuilder sb, int depth) {
        switch (value) {
            case null -> sb.append("<span class=\"muted\">null</span>");
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("<span class=\"muted\">(none)</span>");
                    return;
                }
                sb.append("<dl class=\"evidence\">");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append("<dt>").append(Html.escape(String.valueOf(e.getKey()))).append("</dt><dd>");
                    render(e.getValue(), sb, depth + 1);
                    sb.append("</dd>");
                }
                sb.append("</dl>");
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    sb.append("<span class=\"muted\">(none)</span>");
                    return;
                }
                Set<String> columns = tableColumns(list);
                if (columns != null) {
                    sb.append("<table class=\"evidence\"><thead><tr>");
                    for (String c : columns) {
                        sb.append("<th>").append(Html.escape(c)).append("</th>");
                    }
                    sb.append("</tr></thead><tbody>");
                    for (Object row : list) {
                        Map<?, ?> r = (Map<?, ?>) row;
                        sb.append("<tr>");
                        for (String c : columns) {
                            sb.append("<td>");
                            if (r.containsKey(c)) {
                                render(r.get(c), sb, depth + 1);
                            }
                            sb.append("</td>");
                        }
                        sb.append("</tr>");
                    }
                    sb.append("</tbody></table>");
                } else {
                    sb.append("<ol class=\"evidence\">");
                    for (Object o : list) {
                        sb.append("<li>");
                        render(o, sb, depth + 1);
                        sb.append("</li>");
                    }
                    sb.append("</ol>");
                }
            }
            case Double d -> sb.append(Html.escape(Numbers.human(d)));
            case Float f -> sb.append(Html.escape(Numbers.human(f)));
            case String s when s.length() > 80 || s.contains("\n") ->
                    sb.append("<div class=\"text\">").append(Html.escape(s)).append("</div>");
            default -> sb.append(Html.escape(String.valueOf(value)));
        }
    }

    /** The union of keys when every element is a map with only scalar values, else {@code null}. */
    private static Set<String> tableColumns(List<?> list) {
        Set<String> cols = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            List<Object> values = new ArrayList<>(m.values());
            for (Object v : values) {
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    return null;
                }
            }
            m.keySet().forEach(k -> cols.add(String.valueOf(k)));
        }
        return cols;
    }
}
