package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference answers and answer spans a dataset's queries carry in their metadata
 * ({@code {"answer": TEXT, "answer_spans": [{"doc": ID, "start": N, "end": N}]}}, offsets into the
 * document's full text, title included), as {@code builtin:demo} writes them. End-to-end cells run
 * over the queries with an answer; span recall is defined for the queries with a span.
 */
final class QueryAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One gold span: a document and a character range of its full text. */
    record Span(String doc, int start, int end) {
        /** Whether this span lies inside characters {@code [from, to)} of document {@code docno}'s full text. */
        boolean within(String docno, int from, int to) {
            return doc.equals(docno) && from <= start && end <= to;
        }
    }

    /** A query's reference answer ({@code null} when none) and answer spans. */
    record Answer(String reference, List<Span> spans) {
    }

    private QueryAnswers() {
    }

    /** Every query's answer, in query order; queries without metadata have none. */
    static Map<String, Answer> of(Dataset d) {
        Map<String, Answer> out = new LinkedHashMap<>();
        for (Query q : d.queries()) {
            out.put(q.id(), parse(q.metadata()));
        }
        return out;
    }

    /** The queries with a reference answer, in query order. */
    static List<Query> answered(Dataset d) {
        Map<String, Answer> all = of(d);
        return d.queries().stream().filter(q -> all.get(q.id()).reference() != null).toList();
    }

    static Answer parse(String metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return new Answer(null, List.of());
        }
        JsonNode m;
        try {
            m = JSON.readTree(metadata);
        } catch (IOException e) {
            return new Answer(null, List.of());
        }
        String reference = m.path("answer").isTextual() ? m.get("answer").textValue() : null;
        List<Span> spans = new ArrayList<>();
        for (JsonNode s : m.path("answer_spans")) {
            if (s.path("doc").isTextual() && s.path("start").isInt() && s.path("end").isInt()) {
                spans.add(new Span(s.get("doc").textValue(), s.get("start").intValue(), s.get("end").intValue()));
            }
        }
        return new Answer(reference, List.copyOf(spans));
    }
}
