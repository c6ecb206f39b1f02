package dev.plumbline.reports.writers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flat texts and labels of one item's evidence, for tabular exports (CSV, Parquet): the query
 * or question, the answer, the label, hallucination type, the judge's decision and the top
 * documents' ids. Each is empty when the evidence has none.
 *
 * @param text              {@code query} (retrieval) or {@code question} (judged samples)
 * @param answer            {@code answer}
 * @param label             {@code label}: faithful or hallucinated
 * @param hallucinationType {@code hallucinationType}
 * @param flagged           {@code detection.flagged} as {@code true}/{@code false}
 * @param topDocuments      the {@code retrieved} docnos in rank order, space-separated
 */
public record ItemTexts(String text, String answer, String label, String hallucinationType, String flagged,
                        String topDocuments) {
    /** Reads them from an item's evidence. */
    public static ItemTexts of(Map<String, Object> ev) {
        String text = ev.get("query") instanceof String q ? q : ev.get("question") instanceof String q ? q : "";
        String flagged = ev.get("detection") instanceof Map<?, ?> d && d.get("flagged") instanceof Boolean b
                ? b.toString() : "";
        List<String> docs = new ArrayList<>();
        if (ev.get("retrieved") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("docno") != null) {
                    docs.add(String.valueOf(m.get("docno")));
                }
            }
        }
        return new ItemTexts(text, str(ev.get("answer")), str(ev.get("label")), str(ev.get("hallucinationType")),
                flagged, String.join(" ", docs));
    }

    private static String str(Object o) {
        return o instanceof String s ? s : "";
    }
}
