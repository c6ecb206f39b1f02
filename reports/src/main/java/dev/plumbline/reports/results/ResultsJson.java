package dev.plumbline.reports.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.provenance.Provenance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a results document: {@code NAME.json} (schema, statistics settings,
 * metrics, per-engine aggregates, provenance) and {@code NAME.items.jsonl} beside it (one line
 * per engine × item with every metric value). The format is described in
 * {@code docs/results-schema.md}. Aggregates in the JSON are for readers of the file; this
 * reader recomputes them from the items.
 */
public final class ResultsJson {
    private ResultsJson() {
    }

    /** The items file that belongs to a results file: {@code run.json} → {@code run.items.jsonl}. */
    public static Path itemsFileFor(Path resultsFile) {
        String name = resultsFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return resultsFile.resolveSibling(base + ".items.jsonl");
    }

    /**
     * Writes the document and its items file, each atomically (a temporary file renamed into place,
     * removed on failure), so a failed write leaves the previous files as they were.
     *
     * @return the two files written
     */
    public static List<Path> write(Results results, Path resultsFile) {
        Path items = itemsFileFor(resultsFile);
        try {
            Path dir = resultsFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            // Items first: a results.json that names an items file always finds it complete.
            AtomicFiles.write(items, w -> writeItems(results, w));
            AtomicFiles.write(resultsFile, w -> writeDocument(results, items.getFileName().toString(), w));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + resultsFile + ": " + e.getMessage(), e);
        }
        return List.of(resultsFile, items);
    }

    /** The document as a string (tests, attachments). */
    public static String documentString(Results results, String itemsFileName) {
        StringWriter w = new StringWriter();
        try {
            writeDocument(results, itemsFileName, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The items JSONL as a string. */
    public static String itemsString(Results results) {
        StringWriter w = new StringWriter();
        try {
            writeItems(results, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes the document; {@code itemsFileName} is recorded relative to it. */
    public static void writeDocument(Results results, String itemsFileName, Writer out) throws IOException {
        try (JsonGenerator g = JsonSupport.pretty(out)) {
            g.writeStartObject();
            g.writeStringField("schema", Results.SCHEMA);
            g.writeNumberField("schemaVersion", Results.SCHEMA_VERSION);
            g.writeStringField("runId", results.runId());
            g.writeStringField("primaryMetric", results.primaryMetric());
            g.writeStringField("items", itemsFileName);
            StatisticsConfig s = results.statistics();
            g.writeObjectFieldStart("statistics");
            g.writeNumberField("seed", s.seed());
            g.writeNumberField("bootstrapSamples", s.bootstrapSamples());
            g.writeNumberField("confidence", s.confidence());
            g.writeNumberField("permutations", s.permutations());
            g.writeStringField("interval", "percentile bootstrap over items");
            g.writeEndObject();
            g.writeArrayFieldStart("metrics");
            for (MetricInfo m : results.metrics().values()) {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeStringField("direction", m.direction().json());
                g.writeStringField("unit", m.unit());
                g.writeBooleanField("timing", m.timing());
                g.writeStringField("description", m.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("engines");
            for (EngineRun e : results.engines()) {
                g.writeStartObject();
                g.writeStringField("name", e.engine());
                g.writeNumberField("items", e.itemIds().size());
                g.writeNumberField("failedOrUndefinedItems", e.failedOrUndefinedItems());
                g.writeArrayFieldStart("aggregates");
                for (Aggregate a : results.aggregates(e.engine()).values()) {
                    writeAggregate(g, a);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("runValues");
                for (Map.Entry<String, Double> rv : e.runValues().entrySet()) {
                    JsonSupport.number(g, rv.getKey(), rv.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            ProvenanceJson.write(g, results.provenance());
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeAggregate(JsonGenerator g, Aggregate a) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", a.metric());
        g.writeNumberField("count", a.count());
        g.writeNumberField("defined", a.defined());
        g.writeNumberField("undefined", a.undefined());
        g.writeNumberField("failed", a.failed());
        JsonSupport.number(g, "mean", a.mean());
        JsonSupport.number(g, "ciLow", a.ciLow());
        JsonSupport.number(g, "ciHigh", a.ciHigh());
        JsonSupport.number(g, "min", a.min());
        JsonSupport.number(g, "max", a.max());
        if (!a.percentiles().isEmpty()) {
            g.writeObjectFieldStart("percentiles");
            for (Map.Entry<String, Double> p : a.percentiles().entrySet()) {
                JsonSupport.number(g, p.getKey(), p.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Writes one line per engine × item, engines and items in order. */
    public static void writeItems(Results results, Writer out) throws IOException {
        for (EngineRun e : results.engines()) {
            List<MetricValues> metrics = new ArrayList<>(e.metrics().values());
            for (int i = 0; i < e.itemIds().size(); i++) {
                try (JsonGenerator g = JsonSupport.compact(out)) {
                    g.writeStartObject();
                    g.writeStringField("engine", e.engine());
                    g.writeStringField("item", e.itemIds().get(i));
                    g.writeObjectFieldStart("values");
                    for (MetricValues m : metrics) {
                        if (!m.failed(i)) {
                            JsonSupport.number(g, m.name(), m.value(i));
                        }
                    }
                    g.writeEndObject();
                    boolean anyFailed = false;
                    for (MetricValues m : metrics) {
                        anyFailed |= m.failed(i);
                    }
                    if (anyFailed) {
                        g.writeObjectFieldStart("failed");
                        for (MetricValues m : metrics) {
                            if (m.failed(i)) {
                                g.writeStringField(m.name(), m.failure(i));
                            }
                        }
                        g.writeEndObject();
                    }
                    if (!e.evidence(i).isEmpty()) {
                        g.writeFieldName("evidence");
                        JsonSupport.value(g, e.evidence(i));
                    }
                    g.writeEndObject();
                }
                out.write('\n');
            }
        }
        out.flush();
    }

    /**
     * Reads a results document and its items file.
     *
     * @throws ResultsFormatException naming the file and line or JSON path of the first problem
     */
    public static Results read(Path resultsFile) {
        JsonSupport.Reader r = new JsonSupport.Reader(resultsFile);
        JsonNode root;
        try {
            root = JsonSupport.MAPPER.readTree(resultsFile.toFile());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ResultsFormatException(resultsFile, line, "not valid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw notReadable(resultsFile, e);
        }
        if (root == null || !root.isObject()) {
            throw new ResultsFormatException(resultsFile, 1, "expected a JSON object (a Plumbline results document)");
        }
        String schema = r.text(root, "schema", "", "");
        if (!Results.SCHEMA.equals(schema)) {
            throw new ResultsFormatException(resultsFile, "schema", "expected \"" + Results.SCHEMA + "\", got \""
                    + schema + "\"; is this a Plumbline results.json (compare and gate files are not)?");
        }
        long version = r.integer(root, "schemaVersion", "");
        if (version != Results.SCHEMA_VERSION) {
            throw new ResultsFormatException(resultsFile, "schemaVersion", "version " + version
                    + " is not supported by this Plumbline (reads version " + Results.SCHEMA_VERSION
                    + "); use the Plumbline version that wrote it");
        }
        JsonNode st = r.object(root, "statistics", "");
        StatisticsConfig stats = new StatisticsConfig(r.integer(st, "seed", "statistics"),
                (int) r.integer(st, "bootstrapSamples", "statistics"), r.number(st, "confidence", "statistics"),
                (int) r.integer(st, "permutations", "statistics"));
        Map<String, MetricInfo> infos = new LinkedHashMap<>();
        JsonNode metricNodes = r.array(root, "metrics", "");
        for (int i = 0; i < metricNodes.size(); i++) {
            JsonNode m = metricNodes.get(i);
            String path = "metrics[" + i + "]";
            String name = r.text(m, "name", path);
            Direction direction;
            try {
                direction = Direction.fromJson(r.text(m, "direction", path));
            } catch (IllegalArgumentException e) {
                throw new ResultsFormatException(resultsFile, path + ".direction", e.getMessage());
            }
            infos.put(name, new MetricInfo(name, direction, r.text(m, "unit", path, ""), r.bool(m, "timing", path, false),
                    r.text(m, "description", path, "")));
        }
        Provenance provenance = ProvenanceJson.read(r, root);
        JsonNode engineNodes = r.array(root, "engines", "");
        Map<String, EngineParts> engines = new LinkedHashMap<>();
        for (int i = 0; i < engineNodes.size(); i++) {
            JsonNode e = engineNodes.get(i);
            String path = "engines[" + i + "]";
            String name = r.text(e, "name", path);
            List<MetricInfo> metrics = new ArrayList<>();
            JsonNode aggs = r.array(e, "aggregates", path);
            for (int k = 0; k < aggs.size(); k++) {
                String metric = r.text(aggs.get(k), "metric", path + ".aggregates[" + k + "]");
                MetricInfo info = infos.get(metric);
                if (info == null) {
                    throw new ResultsFormatException(resultsFile, path + ".aggregates[" + k + "]", "metric " + metric
                            + " is not listed under \"metrics\"");
                }
                metrics.add(info);
            }
            Map<String, Double> runValues = new LinkedHashMap<>();
            JsonNode rv = e.get("runValues");
            if (rv != null && rv.isObject()) {
                for (Map.Entry<String, JsonNode> v : rv.properties()) {
                    runValues.put(v.getKey(), r.number(v.getValue(), path + ".runValues." + v.getKey()));
                }
            }
            long expectedItems = r.integer(e, "items", path);
            if (engines.put(name, new EngineParts(name, metrics, runValues, expectedItems)) != null) {
                throw new ResultsFormatException(resultsFile, path + ".name", "engine " + name + " appears twice");
            }
        }
        Path itemsFile = resultsFile.resolveSibling(r.text(root, "items", ""));
        readItems(itemsFile, engines);
        List<EngineRun> runs = new ArrayList<>();
        for (EngineParts p : engines.values()) {
            if (p.ids.size() != p.expectedItems) {
                throw new ResultsFormatException(itemsFile, 0, "engine " + p.name + " has " + p.ids.size()
                        + " item lines, but " + resultsFile.getFileName() + " says " + p.expectedItems
                        + "; the two files do not belong together");
            }
            try {
                runs.add(p.build());
            } catch (IllegalArgumentException e) {
                throw new ResultsFormatException(itemsFile, 0, e.getMessage());
            }
        }
        try {
            return Results.of(r.text(root, "runId", ""), r.text(root, "primaryMetric", "", ""), stats, provenance, runs);
        } catch (IllegalArgumentException e) {
            throw new ResultsFormatException(resultsFile, 0, e.getMessage());
        }
    }

    private static void readItems(Path itemsFile, Map<String, EngineParts> engines) {
        try (BufferedReader in = Files.newBufferedReader(itemsFile, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JsonSupport.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new ResultsFormatException(itemsFile, lineNo, "not valid JSON: " + oneLine(e.getOriginalMessage()));
                }
                readItem(itemsFile, lineNo, n, engines);
            }
        } catch (IOException e) {
            throw notReadable(itemsFile, e);
        }
    }

    private static void readItem(Path file, long lineNo, JsonNode n, Map<String, EngineParts> engines) {
        if (n == null || !n.isObject()) {
            throw new ResultsFormatException(file, lineNo, "expected one JSON object per line");
        }
        JsonNode engineNode = n.get("engine");
        JsonNode itemNode = n.get("item");
        if (engineNode == null || !engineNode.isTextual() || itemNode == null || !itemNode.isTextual()) {
            throw new ResultsFormatException(file, lineNo, "each line needs string fields \"engine\" and \"item\"");
        }
        EngineParts p = engines.get(engineNode.textValue());
        if (p == null) {
            throw new ResultsFormatException(file, lineNo, "engine " + engineNode.textValue()
                    + " is not listed in the results document; engines: " + engines.keySet());
        }
        JsonNode values = n.get("values");
        JsonNode failed = n.get("failed");
        if (values == null || !values.isObject()) {
            throw new ResultsFormatException(file, lineNo, "missing object \"values\"");
        }
        if (failed != null && !failed.isObject()) {
            throw new ResultsFormatException(file, lineNo, "\"failed\" must be an object of metric: reason");
        }
        double[] row = new double[p.metrics.size()];
        String[] failures = new String[p.metrics.size()];
        for (int k = 0; k < p.metrics.size(); k++) {
            String name = p.metrics.get(k).name();
            JsonNode v = values.get(name);
            JsonNode f = failed == null ? null : failed.get(name);
            if (v != null && f != null) {
                throw new ResultsFormatException(file, lineNo, "metric " + name + " is both in \"values\" and \"failed\"");
            }
            if (f != null) {
                failures[k] = f.asText();
                row[k] = Double.NaN;
            } else if (v != null && (v.isNull() || v.isNumber())) {
                row[k] = v.isNull() ? Double.NaN : v.doubleValue();
            } else {
                throw new ResultsFormatException(file, lineNo, "item " + itemNode.textValue() + " has no value for metric "
                        + name + "; give a number, null (undefined) or a reason under \"failed\"");
            }
        }
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            if (p.metrics.stream().noneMatch(m -> m.name().equals(e.getKey()))) {
                throw new ResultsFormatException(file, lineNo, "metric " + e.getKey() + " is not among engine " + p.name
                        + "'s aggregates in the results document");
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        JsonNode ev = n.get("evidence");
        if (ev != null && ev.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) JsonSupport.plain(ev);
            evidence = m;
        }
        p.add(itemNode.textValue(), row, failures, evidence);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static UncheckedIOException notReadable(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
        return new UncheckedIOException(file + ": cannot read: " + why
                + " (a results document needs its .items.jsonl beside it)", e);
    }

    /** One engine's columns while its item lines are read. */
    private static final class EngineParts {
        final String name;
        final List<MetricInfo> metrics;
        final Map<String, Double> runValues;
        final long expectedItems;
        final List<String> ids = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
        final List<String[]> failures = new ArrayList<>();
        final List<Map<String, Object>> evidence = new ArrayList<>();

        EngineParts(String name, List<MetricInfo> metrics, Map<String, Double> runValues, long expectedItems) {
            this.name = name;
            this.metrics = metrics;
            this.runValues = runValues;
            this.expectedItems = expectedItems;
        }

        void add(String id, double[] row, String[] fail, Map<String, Object> ev) {
            ids.add(id);
            rows.add(row);
            failures.add(fail);
            evidence.add(ev);
        }

        EngineRun build() {
            List<MetricValues> columns = new ArrayList<>();
            for (int k = 0; k < metrics.size(); k++) {
                double[] v = new double[ids.size()];
                String[] f = new String[ids.size()];
                for (int i = 0; i < ids.size(); i++) {
                    v[i] = rows.get(i)[k];
                    f[i] = failures.get(i)[k];
                }
                columns.add(new MetricValues(metrics.get(k), v, f));
            }
            return EngineRun.of(name, ids, columns, runValues, evidence);
        }
    }
}
