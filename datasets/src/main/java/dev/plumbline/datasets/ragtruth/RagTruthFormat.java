package dev.plumbline.datasets.ragtruth;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ragtruth:DIR}: RAGTruth (Wu et al., 2024) as published: {@code source_info.jsonl}
 * ({@code source_id, task_type, source, source_info, prompt}) and {@code response.jsonl}
 * ({@code id, source_id, model, temperature, labels, split, quality, response}).
 *
 * <p>Each response is a sample with id {@code id}: hallucinated when it has at least one labelled
 * span (as RAGTruth's baseline scores responses), each span with its code-point offsets and
 * {@code label_type}. The context follows the baseline's {@code prepare_dataset.py}: QA uses the
 * question as user input and the passages as the one context; Summary the source text; Data2txt
 * the structured data as compact JSON (the baseline uses Python's {@code str()} of it). For
 * Summary and Data2txt the user input is the prompt. Like the baseline, responses whose
 * {@code quality} is not {@code good} are left out (and counted in a note); {@code --split}
 * keeps one split ({@code train} or {@code test}), default all.
 */
public final class RagTruthFormat implements DatasetFormat {
    private static final String SOURCE_EXPECTED = "source_id, task_type, source_info on every source";
    private static final String RESPONSE_EXPECTED = "id, source_id, labels, response on every response";

    private record Source(String userInput, String context, String taskType, String source) {
    }

    @Override
    public String prefix() {
        return "ragtruth";
    }

    @Override
    public String synopsis() {
        return "ragtruth:DIR";
    }

    @Override
    public String description() {
        return "RAGTruth folder: response labels and spans";
    }

    @Override
    public void load(String location, DatasetBuilder out) throws IOException {
        Path dir = Path.of(location);
        if (!Files.isDirectory(dir)) {
            out.fileError(Check.MISSING_FILE, dir, 0, (Files.exists(dir) ? "not a folder" : "no such folder")
                    + " (expected RAGTruth's folder with response.jsonl and source_info.jsonl)");
            return;
        }
        String split = out.options().split();
        out.split(split);
        Map<String, Source> sources = new HashMap<>();
        Path sourceFile = dir.resolve("source_info.jsonl");
        JsonRecords.read(InputFile.of(sourceFile), out, "RAGTruth's source_info.jsonl, one source per line",
                (r, line) -> {
                    String id = r.requireId("source_id", SOURCE_EXPECTED);
                    String task = r.requireString("task_type", SOURCE_EXPECTED);
                    Object info = r.get("source_info");
                    if (info == null) {
                        throw JsonRecord.missing("source_info", SOURCE_EXPECTED);
                    }
                    String prompt = r.optString("prompt");
                    Source s = switch (task) {
                        case "QA" -> {
                            if (!(info instanceof JsonRecord o)) {
                                throw JsonRecord.wrongType("source_info", info, "an object with question and passages for QA");
                            }
                            String expected = "question and passages in source_info for QA";
                            yield new Source(o.requireString("question", expected), o.requireString("passages", expected),
                                    task, r.optString("source"));
                        }
                        case "Summary" -> {
                            if (!(info instanceof String text)) {
                                throw JsonRecord.wrongType("source_info", info, "the source text for Summary");
                            }
                            yield new Source(prompt == null ? "Summarize the following news." : prompt, text, task,
                                    r.optString("source"));
                        }
                        case "Data2txt" -> {
                            if (!(info instanceof JsonRecord)) {
                                throw JsonRecord.wrongType("source_info", info, "an object of structured data for Data2txt");
                            }
                            yield new Source(prompt == null ? "Write an overview of the structured data." : prompt,
                                    JsonRecord.toJson(info), task, r.optString("source"));
                        }
                        default -> throw new RecordException(Check.BAD_VALUE, "task_type \"" + task
                                + "\" is not QA, Summary or Data2txt (expected one of them)");
                    };
                    if (sources.putIfAbsent(id, s) != null) {
                        throw new RecordException(Check.DUPLICATE_ID, "duplicate source_id \"" + id
                                + "\" (expected unique source ids)");
                    }
                });

        Path responseFile = dir.resolve("response.jsonl");
        TreeMap<String, Long> droppedQuality = new TreeMap<>();
        long[] otherSplit = new long[1];
        JsonRecords.read(InputFile.of(responseFile), out, "RAGTruth's response.jsonl, one response per line",
                (r, line) -> {
                    String id = r.requireId("id", RESPONSE_EXPECTED);
                    String sourceId = r.requireId("source_id", RESPONSE_EXPECTED);
                    String response = r.requireString("response", RESPONSE_EXPECTED);
                    Object labels = r.get("labels");
                    if (labels == null) {
                        throw JsonRecord.missing("labels", RESPONSE_EXPECTED);
                    }
                    if (!(labels instanceof List<?> list)) {
                        throw JsonRecord.wrongType("labels", labels, "a list of {start, end, text, label_type}");
                    }
                    Source s = sources.get(sourceId);
                    if (s == null) {
                        throw new RecordException(Check.UNKNOWN_REFERENCE, "source_id \"" + sourceId
                                + "\" is not in source_info.jsonl (expected every response's source there)");
                    }
                    List<Span> spans = new ArrayList<>(list.size());
                    for (int i = 0; i < list.size(); i++) {
                        if (!(list.get(i) instanceof JsonRecord span)) {
                            throw new RecordException(Check.WRONG_TYPE, "labels has " + JsonRecord.typeName(list.get(i))
                                    + " at index " + i + " (expected {start, end, text, label_type} objects)");
                        }
                        spans.add(span(span, i, response, responseFile, line, out));
                    }
                    String rowSplit = r.optString("split");
                    String quality = r.optString("quality");
                    if (split != null && !split.equals(rowSplit)) {
                        otherSplit[0]++;
                        return;
                    }
                    if (quality != null && !quality.equals("good")) {
                        droppedQuality.merge(quality, 1L, Long::sum);
                        return;
                    }
                    Map<String, String> meta = new LinkedHashMap<>();
                    meta.put("task_type", s.taskType());
                    meta.put("source_id", sourceId);
                    put(meta, "source", s.source());
                    put(meta, "model", r.optString("model"));
                    put(meta, "split", rowSplit);
                    put(meta, "quality", quality);
                    Object t = r.get("temperature");
                    if (t instanceof JsonRecord.Num n) {
                        meta.put("temperature", n.text());
                    }
                    out.sample(new RagSample(id, s.userInput(), response, List.of(s.context()), null, List.of(),
                            spans.isEmpty() ? Label.FAITHFUL : Label.HALLUCINATED, null, spans, meta), responseFile, line);
                });
        if (otherSplit[0] > 0) {
            out.note(otherSplit[0] + " responses of other splits were left out (--split " + split + ")");
        }
        if (!droppedQuality.isEmpty()) {
            long n = droppedQuality.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder why = new StringBuilder();
            droppedQuality.forEach((q, c) -> why.append(why.isEmpty() ? "" : ", ").append(c).append(' ').append(q));
            out.note(n + " responses with quality other than good were left out, as RAGTruth's baseline does (" + why + ")");
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static Span span(JsonRecord o, int index, String response, Path file, long line, DatasetBuilder out) {
        Object st = o.get("start");
        Object en = o.get("end");
        int start = offset(st, "start", index);
        int end = offset(en, "end", index);
        int length = response.codePointCount(0, response.length());
        if (end < start || end > length) {
            throw new RecordException(Check.BAD_VALUE, "label " + index + " [" + start + ", " + end
                    + ") is outside the response of " + length + " characters (expected 0 <= start <= end <= length)");
        }
        String text = o.optString("text");
        String type = o.optString("label_type");
        Span s = new Span(start, end, text == null ? "" : text, type);
        String actual = s.in(response);
        if (text == null) {
            return new Span(start, end, actual, type);
        }
        if (!actual.equals(text)) {
            out.warn(Check.SPAN_MISMATCH, file, line, "label " + index + " [" + start + ", " + end + ") reads \""
                    + abbreviate(actual) + "\" but its text is \"" + abbreviate(text)
                    + "\"; kept as given (expected text = response[start:end])");
        }
        return s;
    }

    private static int offset(Object v, String name, int index) {
        if (v == null) {
            throw JsonRecord.missing(name, "start, end, text, label_type on every label");
        }
        if (v instanceof JsonRecord.Num n && n.integral()) {
            try {
                int i = Integer.parseInt(n.text());
                if (i >= 0) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new RecordException(Check.WRONG_TYPE, "label " + index + " " + name + " is "
                + (v instanceof JsonRecord.Num n ? n.text() : JsonRecord.typeName(v)) + " (expected a non-negative integer)");
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
