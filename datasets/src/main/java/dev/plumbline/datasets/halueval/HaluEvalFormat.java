package dev.plumbline.datasets.halueval;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;
import dev.plumbline.datasets.io.InputFile;
import dev.plumbline.datasets.io.JsonRecord;
import dev.plumbline.datasets.io.JsonRecords;
import dev.plumbline.datasets.io.RecordException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code halueval:FILE}: a HaluEval file (JSON Lines even where it is named {@code .json}; a JSON
 * array also loads). The task is recognised from the fields of each record:
 * <ul>
 *   <li>QA ({@code knowledge, question, right_answer, hallucinated_answer}): two samples per
 *       record, {@code N-faithful} with the right answer and {@code N-hallucinated} with the
 *       hallucinated one; the knowledge is the context and the right answer the reference.</li>
 *   <li>dialogue ({@code knowledge, dialogue_history, right_response, hallucinated_response}) and
 *       summarization ({@code document, right_summary, hallucinated_summary}): the same pairing.</li>
 *   <li>general ({@code ID, user_query, chatgpt_response, hallucination} yes/no, optional
 *       {@code hallucination_spans}): one sample per record with the human label and the spans
 *       located in the response; there is no context.</li>
 * </ul>
 * N counts records from 1. A repeated general {@code ID} (the released {@code general_data.json}
 * has two records with ID {@code "ID"}) is kept as {@code ID#LINE}, an empty one as {@code #LINE},
 * with a warning; spans that are not verbatim quotes of the response (119 of 941 in the release)
 * are kept without offsets and counted in one warning.
 */
public final class HaluEvalFormat implements DatasetFormat {
    private enum Task {
        QA("qa", "knowledge, question, right_answer, hallucinated_answer"),
        DIALOGUE("dialogue", "knowledge, dialogue_history, right_response, hallucinated_response"),
        SUMMARIZATION("summarization", "document, right_summary, hallucinated_summary"),
        GENERAL("general", "ID, user_query, chatgpt_response, hallucination");

        final String id;
        final String fields;

        Task(String id, String fields) {
            this.id = id;
            this.fields = fields;
        }

        static Task of(JsonRecord r) {
            if (r.has("right_answer") || r.has("hallucinated_answer") || r.has("question") && r.has("knowledge")) {
                return QA;
            }
            if (r.has("right_response") || r.has("hallucinated_response") || r.has("dialogue_history")) {
                return DIALOGUE;
            }
            if (r.has("right_summary") || r.has("hallucinated_summary") || r.has("document")) {
                return SUMMARIZATION;
            }
            if (r.has("user_query") || r.has("chatgpt_response")) {
                return GENERAL;
            }
            return null;
        }
    }

    /** The instruction HaluEval gives for its summarization task, used as user_input. */
    static final String SUMMARIZE = "Summarize the document.";

    @Override
    public String prefix() {
        return "halueval";
    }

    @Override
    public String synopsis() {
        return "halueval:FILE";
    }

    @Override
    public String description() {
        return "HaluEval QA, dialogue, summarization or general";
    }

    @Override
    public void load(String location, DatasetBuilder out) throws IOException {
        Path file = Path.of(location);
        if (!out.requireFile(file, "a HaluEval .json file with one JSON object per line")) {
            return;
        }
        Task[] task = new Task[1];
        long[] ordinal = new long[1];
        Map<String, Long> generalIds = new HashMap<>();
        long[] spanCounts = new long[3];
        String[] firstMiss = new String[1];
        JsonRecords.read(InputFile.of(file), out, "one HaluEval record per line", (r, line) -> {
            ordinal[0]++;
            Task t = Task.of(r);
            if (t == null) {
                throw new RecordException(Check.MISSING_FIELD, "not a HaluEval record: fields " + String.join(", ", r.names())
                        + " (expected QA: " + Task.QA.fields + "; or general: " + Task.GENERAL.fields + ")");
            }
            if (task[0] == null) {
                task[0] = t;
            } else if (t != task[0]) {
                throw new RecordException(Check.BAD_VALUE, "a " + t.id + " record in a file of " + task[0].id
                        + " records (expected " + task[0].fields + ")");
            }
            String expected = t.fields + " on every " + t.id + " record";
            Map<String, String> meta = Map.of("halueval_task", t.id);
            switch (t) {
                case QA -> pair(out, file, line, ordinal[0], r.requireString("question", expected),
                        r.requireString("knowledge", expected), r.requireString("right_answer", expected),
                        r.requireString("hallucinated_answer", expected), meta);
                case DIALOGUE -> pair(out, file, line, ordinal[0], r.requireString("dialogue_history", expected),
                        r.requireString("knowledge", expected), r.requireString("right_response", expected),
                        r.requireString("hallucinated_response", expected), meta);
                case SUMMARIZATION -> pair(out, file, line, ordinal[0], SUMMARIZE,
                        r.requireString("document", expected), r.requireString("right_summary", expected),
                        r.requireString("hallucinated_summary", expected), meta);
                case GENERAL -> general(out, file, line, r, expected, generalIds, spanCounts, firstMiss);
            }
        });
        if (spanCounts[1] > 0) {
            out.warn(Check.SPAN_MISMATCH, file, 0, spanCounts[1] + " of " + spanCounts[0] + " hallucination spans do not "
                    + "occur verbatim in their response (first on line " + spanCounts[2] + ": \"" + firstMiss[0]
                    + "\"); kept without offsets (expected quotes of the response)");
        }
    }

    private static void pair(DatasetBuilder out, Path file, long line, long n, String input, String context,
                             String right, String hallucinated, Map<String, String> meta) {
        List<String> ctx = List.of(context);
        out.sample(new RagSample(n + "-faithful", input, right, ctx, right, List.of(), Label.FAITHFUL, null,
                List.of(), meta), file, line);
        out.sample(new RagSample(n + "-hallucinated", input, hallucinated, ctx, right, List.of(), Label.HALLUCINATED,
                null, List.of(), meta), file, line);
    }

    private static void general(DatasetBuilder out, Path file, long line, JsonRecord r, String expected,
                                Map<String, Long> ids, long[] spanCounts, String[] firstMiss) {
        Object rawId = r.get("ID");
        String id = rawId instanceof String s && s.isEmpty() ? "" : r.requireId("ID", expected);
        String query = r.requireString("user_query", expected);
        String response = r.requireString("chatgpt_response", expected);
        String labelField = r.has("hallucination") ? "hallucination" : "hallucination_label";
        String verdict = r.requireString(labelField, expected);
        Label label = switch (verdict.strip().toLowerCase(Locale.ROOT)) {
            case "yes" -> Label.HALLUCINATED;
            case "no" -> Label.FAITHFUL;
            default -> throw new RecordException(Check.BAD_VALUE, labelField + " \"" + verdict
                    + "\" is not yes or no (expected yes or no)");
        };
        List<String> spanTexts = r.optStringList("hallucination_spans");
        List<Span> spans = new ArrayList<>();
        if (spanTexts != null) {
            for (String s : spanTexts) {
                Span span = Span.locate(response, s, null);
                spanCounts[0]++;
                if (!span.hasOffsets() && spanCounts[1]++ == 0) {
                    spanCounts[2] = line;
                    firstMiss[0] = abbreviate(s.strip().replace("\n", " "));
                }
                spans.add(span);
            }
        }
        String sampleId = id;
        if (id.isEmpty()) {
            sampleId = "#" + line;
            out.warn(Check.BAD_VALUE, file, line, "empty ID; kept as sample \"" + sampleId
                    + "\" (expected an ID on every record)");
        } else {
            Long first = ids.putIfAbsent(id, line);
            if (first != null) {
                sampleId = id + "#" + line;
                out.warn(Check.DUPLICATE_ID, file, line, "duplicate ID \"" + id + "\" (first on line " + first
                        + "); kept as sample \"" + sampleId + "\" (expected unique IDs)");
            }
        }
        out.sample(new RagSample(sampleId, query, response, List.of(), null, List.of(), label, null, spans,
                Map.of("halueval_task", "general")), file, line);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
