package dev.plumbline.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.plumbline.datasets.io.Json;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a dataset in the formats Plumbline reads, so it can be inspected or used by other
 * tools: BEIR ({@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/SPLIT.tsv}) for
 * documents, queries and judgments; RAG JSON Lines with RAGAS field names ({@code samples.jsonl})
 * for samples; a TREC run ({@code run.trec}) for a run. Output is UTF-8 without escapes of
 * non-ASCII text, {@code \n} line ends, records in the dataset's order (judgments in
 * {@code strcmp} order), so the same dataset always gives the same bytes, and reading the files
 * back gives the same records.
 */
public final class DatasetExport {
    private DatasetExport() {
    }

    /**
     * Writes the dataset's parts into {@code dir} (created if needed).
     *
     * @return the files written
     * @throws IllegalArgumentException when a file to be written already exists
     */
    public static List<Path> write(Dataset d, Path dir) throws IOException {
        if (!d.docsRetained()) {
            throw new IllegalArgumentException("the dataset's documents were streamed, not kept; load it with "
                    + "Datasets.load to export it");
        }
        String split = d.split() == null ? "test" : d.split();
        List<Path> targets = new ArrayList<>();
        boolean beir = !d.docs().isEmpty() || !d.queries().isEmpty() || d.qrels() != null;
        if (beir) {
            targets.add(dir.resolve("corpus.jsonl"));
            targets.add(dir.resolve("queries.jsonl"));
            if (d.qrels() != null) {
                targets.add(dir.resolve("qrels").resolve(split + ".tsv"));
            }
        }
        if (!d.samples().isEmpty()) {
            targets.add(dir.resolve("samples.jsonl"));
        }
        if (d.run() != null) {
            targets.add(dir.resolve("run.trec"));
        }
        for (Path t : targets) {
            if (Files.exists(t)) {
                throw new IllegalArgumentException(t + " already exists (expected a new or empty folder; remove it "
                        + "or choose another)");
            }
        }
        Files.createDirectories(dir);
        if (beir) {
            try (Writer w = writer(dir.resolve("corpus.jsonl")); JsonGenerator g = Json.FACTORY.createGenerator(w)) {
                g.setRootValueSeparator(null);
                for (Doc doc : d.docs()) {
                    g.writeStartObject();
                    g.writeStringField("_id", doc.id());
                    g.writeStringField("title", doc.title());
                    g.writeStringField("text", doc.text());
                    if (doc.metadata() != null) {
                        g.writeFieldName("metadata");
                        g.writeRawValue(doc.metadata());
                    }
                    g.writeEndObject();
                    g.flush();
                    w.write('\n');
                }
            }
            try (Writer w = writer(dir.resolve("queries.jsonl")); JsonGenerator g = Json.FACTORY.createGenerator(w)) {
                g.setRootValueSeparator(null);
                for (Query q : d.queries()) {
                    g.writeStartObject();
                    g.writeStringField("_id", q.id());
                    g.writeStringField("text", q.text());
                    if (q.metadata() != null) {
                        g.writeFieldName("metadata");
                        g.writeRawValue(q.metadata());
                    }
                    g.writeEndObject();
                    g.flush();
                    w.write('\n');
                }
            }
            if (d.qrels() != null) {
                Files.createDirectories(dir.resolve("qrels"));
                try (Writer w = writer(dir.resolve("qrels").resolve(split + ".tsv"))) {
                    w.write("query-id\tcorpus-id\tscore\n");
                    for (TopicQrels t : d.qrels().topics().values()) {
                        for (int i = 0; i < t.size(); i++) {
                            w.write(t.qid() + "\t" + t.docno(i) + "\t" + t.relevance(i) + "\n");
                        }
                    }
                }
            }
        }
        if (!d.samples().isEmpty()) {
            try (Writer w = writer(dir.resolve("samples.jsonl")); JsonGenerator g = Json.FACTORY.createGenerator(w)) {
                g.setRootValueSeparator(null);
                for (RagSample s : d.samples()) {
                    writeSample(g, s);
                    g.flush();
                    w.write('\n');
                }
            }
        }
        if (d.run() != null) {
            try (Writer w = writer(dir.resolve("run.trec"))) {
                String tag = d.run().runId().isEmpty() ? "run" : d.run().runId();
                for (TopicRun t : d.run().topics().values()) {
                    for (int i = 0; i < t.size(); i++) {
                        w.write(t.qid() + " Q0 " + t.docno(i) + " " + (i + 1) + " " + t.score(i) + " " + tag + "\n");
                    }
                }
            }
        }
        return targets;
    }

    /** One sample as a JSON object with RAGAS field names, leaving out absent fields. */
    static void writeSample(JsonGenerator g, RagSample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("user_input", s.userInput());
        if (s.response() != null) {
            g.writeStringField("response", s.response());
        }
        strings(g, "retrieved_contexts", s.retrievedContexts());
        if (s.reference() != null) {
            g.writeStringField("reference", s.reference());
        }
        if (!s.referenceContexts().isEmpty()) {
            strings(g, "reference_contexts", s.referenceContexts());
        }
        if (s.label() != null) {
            g.writeStringField("label", s.label().id());
        }
        if (s.hallucinationType() != null) {
            g.writeStringField("hallucination_type", s.hallucinationType());
        }
        if (!s.hallucinationSpans().isEmpty()) {
            g.writeArrayFieldStart("hallucination_spans");
            for (Span sp : s.hallucinationSpans()) {
                g.writeStartObject();
                if (sp.hasOffsets()) {
                    g.writeNumberField("start", sp.start());
                    g.writeNumberField("end", sp.end());
                }
                g.writeStringField("text", sp.text());
                if (sp.type() != null) {
                    g.writeStringField("type", sp.type());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!s.metadata().isEmpty()) {
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : s.metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : list) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static Writer writer(Path p) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
    }
}
