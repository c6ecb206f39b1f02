package dev.plumbline.datasets.rag;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;
import dev.plumbline.datasets.io.CsvRecords;
import dev.plumbline.datasets.io.InputFile;
import dev.plumbline.datasets.io.JsonRecord;
import dev.plumbline.datasets.io.JsonRecords;
import dev.plumbline.datasets.io.RecordException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code rag:FILE.jsonl|.json|.csv}: RAG samples with the field names of RAGAS's
 * {@code SingleTurnSample} ({@code user_input}, {@code response}, {@code retrieved_contexts},
 * {@code reference}, {@code reference_contexts}), so a RAGAS dataset saved with {@code to_jsonl},
 * {@code to_csv} or Hugging Face's {@code to_json} loads unchanged. Plumbline adds optional
 * {@code id}, {@code label} ({@code faithful} | {@code hallucinated}), {@code hallucination_type}
 * and {@code hallucination_spans} (strings of the response, or {@code {start, end, text, type}}
 * with code-point offsets). Other fields are kept as metadata. RAGAS 0.1 names
 * ({@code question}, {@code answer}, {@code contexts}, {@code ground_truth}) are read as their
 * current names.
 *
 * <p>{@code user_input} is required; a labelled sample also needs a {@code response}. A sample
 * without {@code id} gets {@code row-N} (N counts records from 1). In CSV, a list cell may be a
 * JSON array, a Python list literal (what RAGAS's {@code to_csv} writes), or plain text (one
 * context); an empty cell is an absent field.
 */
public final class RagFormat implements DatasetFormat {
    static final String EXPECTED = "RAGAS fields: user_input, response, retrieved_contexts, reference, reference_contexts";
    private static final Map<String, String> LEGACY = Map.of(
            "question", "user_input", "answer", "response", "contexts", "retrieved_contexts",
            "ground_truth", "reference");
    private static final Set<String> KNOWN = Set.of("id", "user_input", "response", "retrieved_contexts", "reference",
            "reference_contexts", "label", "hallucination_type", "hallucination_spans", "metadata");

    @Override
    public String prefix() {
        return "rag";
    }

    @Override
    public String synopsis() {
        return "rag:FILE.jsonl|.json|.csv";
    }

    @Override
    public String description() {
        return "RAG samples with RAGAS field names, optional label";
    }

    @Override
    public void load(String location, DatasetBuilder out) throws IOException {
        Path file = Path.of(location);
        if (!out.requireFile(file, "a .jsonl, .json or .csv file of RAG samples")) {
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        long[] ordinal = new long[1];
        boolean[] legacy = new boolean[1];
        if (name.endsWith(".csv")) {
            CsvRecords.read(InputFile.of(file), out, "a header row with " + EXPECTED, (row, line) -> {
                ordinal[0]++;
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map.Entry<String, Integer> e : row.header().entrySet()) {
                    String v = row.values().get(e.getValue());
                    if (!v.isEmpty()) {
                        fields.put(e.getKey(), v);
                    }
                }
                add(fields, true, ordinal[0], file, line, out, legacy);
            });
        } else if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            JsonRecords.read(InputFile.of(file), out, "one JSON object per line with " + EXPECTED, (r, line) -> {
                ordinal[0]++;
                add(new LinkedHashMap<>(r.asMap()), false, ordinal[0], file, line, out, legacy);
            });
        } else {
            out.fileError(Check.FORMAT, file, 0, "unknown file type (expected .jsonl, .json or .csv)");
            return;
        }
        if (legacy[0]) {
            out.note("read RAGAS 0.1 field names (question, answer, contexts, ground_truth) as user_input, response, "
                    + "retrieved_contexts, reference");
        }
    }

    private static void add(Map<String, Object> f, boolean csv, long ordinal, Path file, long line, DatasetBuilder out,
                            boolean[] legacy) {
        for (Map.Entry<String, String> e : LEGACY.entrySet()) {
            if (f.containsKey(e.getKey()) && !f.containsKey(e.getValue())) {
                f.put(e.getValue(), f.remove(e.getKey()));
                legacy[0] = true;
            }
        }
        Fields r = new Fields(f, csv);
        String id = r.id();
        String userInput = r.requiredString("user_input");
        String response = r.string("response");
        List<String> contexts = r.list("retrieved_contexts");
        String reference = r.string("reference");
        List<String> refContexts = r.list("reference_contexts");
        String labelText = r.string("label");
        Label label = null;
        if (labelText != null) {
            label = Label.parse(labelText);
            if (label == null) {
                throw new RecordException(Check.BAD_VALUE, "label \"" + labelText
                        + "\" is not faithful or hallucinated (expected faithful, hallucinated, or no label)");
            }
            if (response == null) {
                throw JsonRecord.missing("response", "a response on every labelled sample");
            }
        }
        String type = r.string("hallucination_type");
        if (type != null && label == Label.FAITHFUL) {
            throw new RecordException(Check.BAD_VALUE, "hallucination_type \"" + type
                    + "\" on a faithful sample (expected hallucination_type only with label hallucinated)");
        }
        List<Span> spans = r.spans("hallucination_spans", response, file, line, out);
        Map<String, String> metadata = r.metadata();
        out.sample(new RagSample(id == null ? "row-" + ordinal : id, userInput, response, contexts, reference,
                refContexts, label, type, spans, metadata), file, line);
    }

    /** Typed access to one record's fields, from JSON values or CSV text. */
    private record Fields(Map<String, Object> f, boolean csv) {
        String id() {
            Object v = f.get("id");
            if (v == null || v == JsonRecord.NULL) {
                return null;
            }
            if (v instanceof String s && !s.isEmpty()) {
                return s;
            }
            if (v instanceof JsonRecord.Num n && n.integral()) {
                return n.text();
            }
            throw JsonRecord.wrongType("id", v, "a string or integer id");
        }

        String requiredString(String name) {
            String s = string(name);
            if (s == null) {
                throw JsonRecord.missing(name, EXPECTED);
            }
            return s;
        }

        String string(String name) {
            Object v = f.get(name);
            if (v == null || v == JsonRecord.NULL) {
                return null;
            }
            if (v instanceof String s) {
                return s;
            }
            throw JsonRecord.wrongType(name, v, "a string");
        }

        List<String> list(String name) {
            Object v = f.get(name);
            if (v == null || v == JsonRecord.NULL) {
                return null;
            }
            if (csv) {
                return cellList(name, (String) v);
            }
            if (!(v instanceof List<?> list)) {
                throw JsonRecord.wrongType(name, v, "a list of strings");
            }
            List<String> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String s)) {
                    throw new RecordException(Check.WRONG_TYPE, "field \"" + name + "\" has "
                            + JsonRecord.typeName(list.get(i)) + " at index " + i + " (expected a list of strings)");
                }
                out.add(s);
            }
            return out;
        }

        /** A CSV cell holding a list: JSON array, Python list literal, or one plain string. */
        private static List<String> cellList(String name, String cell) {
            String t = cell.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                List<String> json = jsonStrings(t);
                if (json != null) {
                    return json;
                }
                List<String> py = PythonList.parse(t);
                if (py != null) {
                    return py;
                }
                throw new RecordException(Check.WRONG_TYPE, "column \"" + name + "\" looks like a list but is not a JSON "
                        + "array or Python list of strings (expected [\"a\", \"b\"] or ['a', 'b'])");
            }
            return List.of(cell);
        }

        private static List<String> jsonStrings(String t) {
            try (var p = dev.plumbline.datasets.io.Json.FACTORY.createParser(t)) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    return null;
                }
                List<String> out = new ArrayList<>();
                com.fasterxml.jackson.core.JsonToken tok;
                while ((tok = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    out.add(p.getText());
                }
                return tok == com.fasterxml.jackson.core.JsonToken.END_ARRAY && p.nextToken() == null ? out : null;
            } catch (IOException e) {
                return null;
            }
        }

        List<Span> spans(String name, String response, Path file, long line, DatasetBuilder out) {
            Object v = f.get(name);
            if (v == null || v == JsonRecord.NULL) {
                return List.of();
            }
            if (response == null) {
                throw JsonRecord.missing("response", "a response on every sample with hallucination_spans");
            }
            List<?> items;
            if (csv) {
                String t = ((String) v).strip();
                List<?> parsed = t.startsWith("[") ? parseJsonArray(t) : null;
                if (parsed == null) {
                    parsed = cellList(name, (String) v);
                }
                items = parsed;
            } else if (v instanceof List<?> list) {
                items = list;
            } else {
                throw JsonRecord.wrongType(name, v, "a list of strings or {start, end, text, type} objects");
            }
            List<Span> spans = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                Span s;
                if (item instanceof String text) {
                    s = Span.locate(response, text, null);
                    if (!s.hasOffsets()) {
                        out.warn(Check.SPAN_MISMATCH, file, line, "span " + i + " \"" + abbreviate(text)
                                + "\" does not occur in the response; kept without offsets "
                                + "(expected a substring of the response)");
                    }
                } else if (item instanceof JsonRecord o) {
                    s = objectSpan(o, i, response, file, line, out);
                } else {
                    throw new RecordException(Check.WRONG_TYPE, "field \"" + name + "\" has " + JsonRecord.typeName(item)
                            + " at index " + i + " (expected strings or {start, end, text, type} objects)");
                }
                spans.add(s);
            }
            return spans;
        }

        private static List<?> parseJsonArray(String t) {
            try (var p = dev.plumbline.datasets.io.Json.FACTORY.createParser(t)) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    return null;
                }
                List<Object> out = new ArrayList<>();
                com.fasterxml.jackson.core.JsonToken tok;
                while ((tok = p.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    if (tok == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                        out.add(p.getText());
                    } else if (tok == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        out.add(JsonRecord.read(p));
                    } else {
                        return null;
                    }
                }
                return p.nextToken() == null ? out : null;
            } catch (IOException e) {
                return null;
            }
        }

        Map<String, String> metadata() {
            Map<String, String> m = new LinkedHashMap<>();
            Object meta = f.get("metadata");
            if (meta instanceof JsonRecord r) {
                r.asMap().forEach((k, v) -> m.put(k, text(v)));
            } else if (meta instanceof String s && !s.isEmpty()) {
                m.put("metadata", s);
            } else if (meta != null && meta != JsonRecord.NULL) {
                throw JsonRecord.wrongType("metadata", meta, "an object");
            }
            for (Map.Entry<String, Object> e : f.entrySet()) {
                if (!KNOWN.contains(e.getKey()) && e.getValue() != JsonRecord.NULL) {
                    m.put(e.getKey(), text(e.getValue()));
                }
            }
            return m;
        }
    }

    /** A span from {@code {start, end, text, type|label_type}}; offsets in code points. */
    static Span objectSpan(JsonRecord o, int index, String response, Path file, long line, DatasetBuilder out) {
        Object st = o.get("start");
        Object en = o.get("end");
        String text = o.optString("text");
        String type = o.optString("type") != null ? o.optString("type") : o.optString("label_type");
        if (st == null && en == null) {
            if (text == null) {
                throw JsonRecord.missing("text", "start and end, or text, on every span");
            }
            return Span.locate(response, text, type);
        }
        int start = offset(st, "start");
        int end = offset(en, "end");
        int length = response.codePointCount(0, response.length());
        if (end < start || end > length) {
            throw new RecordException(Check.BAD_VALUE, "span " + index + " [" + start + ", " + end
                    + ") is outside the response of " + length + " characters (expected 0 <= start <= end <= length)");
        }
        Span s = new Span(start, end, text == null ? "" : text, type);
        String actual = s.in(response);
        if (text == null) {
            return new Span(start, end, actual, type);
        }
        if (!actual.equals(text)) {
            out.warn(Check.SPAN_MISMATCH, file, line, "span " + index + " [" + start + ", " + end + ") reads \""
                    + abbreviate(actual) + "\" but its text is \"" + abbreviate(text)
                    + "\"; kept as given (expected text = response[start:end])");
        }
        return s;
    }

    private static int offset(Object v, String name) {
        if (v instanceof JsonRecord.Num n && n.integral()) {
            try {
                int i = Integer.parseInt(n.text());
                if (i >= 0) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        if (v == null) {
            throw JsonRecord.missing(name, "integer start and end on every span");
        }
        throw new RecordException(Check.WRONG_TYPE, "span " + name + " is " + (v instanceof JsonRecord.Num n ? n.text()
                : JsonRecord.typeName(v)) + " (expected a non-negative integer)");
    }

    /** A JSON value as metadata text: strings as they are, everything else as compact JSON. */
    static String text(Object v) {
        return v instanceof String s ? s : JsonRecord.toJson(v);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
