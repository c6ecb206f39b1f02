package dev.plumbline.harness.run;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;
import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts a report shows beside an item's values, written into its evidence (schema in
 * {@code docs/results-schema.md}): reports read only results documents, so the query, the
 * passages it retrieved, the answer and its claims travel with the results rather than being read
 * back from a dataset that may have moved. Passages are cut to {@value #SNIPPET_CHARS} characters.
 */
public final class ItemEvidence {
    /** Characters of a passage kept as its snippet. */
    public static final int SNIPPET_CHARS = 280;

    private ItemEvidence() {
    }

    /**
     * A retrieval item's evidence ({@code IrEngineRuns}': the top ranks with relevance and the
     * relevant documents missed) with the query text first and a snippet on every document.
     */
    public static Map<String, Object> retrieval(Map<String, Object> ranking, String query, Dataset d) {
        return retrieval(ranking, query, docno -> {
            Doc found = d.doc(docno);
            return found == null ? null : found.fullText();
        });
    }

    /**
     * As {@link #retrieval(Map, String, Dataset)}, with the documents' texts from {@code fullText}
     * (a document id to the text an encoder sees, {@code null} for none): for runs whose corpus is
     * not in this process, such as a distributed one that fetched only the documents shown.
     */
    public static Map<String, Object> retrieval(Map<String, Object> ranking, String query,
                                                java.util.function.Function<String, String> fullText) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("query", query);
        for (Map.Entry<String, Object> e : ranking.entrySet()) {
            ev.put(e.getKey(), e.getValue() instanceof List<?> docs ? withSnippets(docs, fullText) : e.getValue());
        }
        return ev;
    }

    private static List<Object> withSnippets(List<?> docs, java.util.function.Function<String, String> fullText) {
        List<Object> out = new ArrayList<>(docs.size());
        for (Object o : docs) {
            if (o instanceof Map<?, ?> m && m.get("docno") instanceof String docno) {
                Map<String, Object> doc = new LinkedHashMap<>();
                m.forEach((k, v) -> doc.put(String.valueOf(k), v));
                String text = fullText.apply(docno);
                if (text != null) {
                    doc.put("snippet", snippet(text));
                }
                out.add(doc);
            } else {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * A judged sample's evidence: question, answer, contexts, reference, every answer claim with its
     * verdict, score, supporting context, the sentence its score rests on and the judge's reason;
     * the label, hallucination type and marked spans where the dataset has them; and the judge's
     * detection (see {@link JudgedSamples#detection}) when no verdict failed.
     *
     * @param j the judgment, or {@code null} when it is not known (a sample read back from an older log)
     */
    public static Map<String, Object> judged(RagSample s, Judgment j) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("question", s.userInput());
        ev.put("answer", s.response() == null ? "" : s.response());
        ev.put("contexts", s.retrievedContexts());
        if (s.reference() != null && !s.reference().isBlank()) {
            ev.put("reference", s.reference());
        }
        if (j != null) {
            List<Object> claims = new ArrayList<>();
            for (ClaimVerdict c : j.answerClaims()) {
                Map<String, Object> claim = new LinkedHashMap<>();
                claim.put("claim", c.claim());
                claim.put("verdict", verdict(c.verdict()));
                claim.put("score", Double.isNaN(c.score()) ? null : c.score());
                claim.put("context", c.supportingContext() < 0 ? null : c.supportingContext() + 1);
                claim.put("sentence", c.evidence());
                claim.put("reason", c.reason());
                claims.add(claim);
            }
            ev.put("claims", claims);
        }
        if (s.isLabelled()) {
            ev.put("label", s.label().name().toLowerCase(Locale.ROOT));
        }
        if (s.hallucinationType() != null && !s.hallucinationType().isBlank()) {
            ev.put("hallucinationType", s.hallucinationType());
        }
        if (!s.hallucinationSpans().isEmpty()) {
            List<Object> spans = new ArrayList<>();
            for (Span sp : s.hallucinationSpans()) {
                spans.add(sp.text());
            }
            ev.put("hallucinationSpans", spans);
        }
        double[] detection = j == null ? null : JudgedSamples.detection(j);
        if (detection != null) {
            Map<String, Object> det = new LinkedHashMap<>();
            det.put("score", detection[0]);
            det.put("flagged", detection[1] == 1);
            ev.put("detection", det);
        }
        return ev;
    }

    private static String verdict(Verdict v) {
        return switch (v) {
            case YES -> "supported";
            case NO -> "unsupported";
            case FAILED -> "failed";
        };
    }

    /** The first {@value #SNIPPET_CHARS} characters, cut at a word boundary, with an ellipsis when cut. */
    static String snippet(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= SNIPPET_CHARS) {
            return t;
        }
        int cut = t.lastIndexOf(' ', SNIPPET_CHARS);
        if (cut < SNIPPET_CHARS / 2) {
            cut = SNIPPET_CHARS;
        }
        if (Character.isHighSurrogate(t.charAt(cut - 1))) {
            cut--;
        }
        return t.substring(0, cut) + "…";
    }
}
