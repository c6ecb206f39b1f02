package dev.plumbline.reports.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Hardware;
import dev.plumbline.reports.provenance.JudgeIdentity;
import dev.plumbline.reports.provenance.JvmInfo;
import dev.plumbline.reports.provenance.OsInfo;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.provenance.ShardRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code provenance} object of results.json. */
final class ProvenanceJson {
    private ProvenanceJson() {
    }

    static void write(JsonGenerator g, Provenance p) throws IOException {
        g.writeObjectFieldStart("provenance");
        g.writeStringField("plumblineVersion", p.plumblineVersion());
        g.writeStringField("gitCommit", p.gitCommit());
        g.writeBooleanField("gitDirty", p.gitDirty());
        g.writeObjectFieldStart("jvm");
        g.writeStringField("vendor", p.jvm().vendor());
        g.writeStringField("version", p.jvm().version());
        g.writeStringField("vmName", p.jvm().vmName());
        strings(g, "flags", p.jvm().flags());
        g.writeEndObject();
        g.writeObjectFieldStart("os");
        g.writeStringField("name", p.os().name());
        g.writeStringField("version", p.os().version());
        g.writeStringField("arch", p.os().arch());
        g.writeEndObject();
        g.writeObjectFieldStart("hardware");
        g.writeStringField("cpuModel", p.hardware().cpuModel());
        g.writeNumberField("logicalCpus", p.hardware().logicalCpus());
        strings(g, "isaFlags", p.hardware().isaFlags());
        g.writeNumberField("memoryBytes", p.hardware().memoryBytes());
        g.writeEndObject();
        g.writeObjectFieldStart("threads");
        for (Map.Entry<String, Integer> e : p.threads().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("engines");
        for (EngineIdentity e : p.engines()) {
            g.writeStartObject();
            g.writeStringField("name", e.name());
            g.writeStringField("kernelBackend", e.kernelBackend());
            g.writeStringField("quantization", e.quantization());
            g.writeStringField("nativeLibrarySha256", e.nativeLibrarySha256());
            g.writeStringField("modelFile", e.modelFile());
            g.writeStringField("modelSha256", e.modelSha256());
            stringMap(g, "details", e.details());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("datasets");
        for (DatasetFingerprint d : p.datasets()) {
            g.writeStartObject();
            g.writeStringField("name", d.name());
            g.writeStringField("path", d.path());
            g.writeStringField("sha256", d.sha256());
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> c : d.counts().entrySet()) {
                g.writeNumberField(c.getKey(), c.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (p.judge() == null) {
            g.writeNullField("judge");
        } else {
            g.writeObjectFieldStart("judge");
            g.writeStringField("name", p.judge().name());
            g.writeStringField("model", p.judge().model());
            g.writeStringField("promptVersion", p.judge().promptVersion());
            stringMap(g, "details", p.judge().details());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("seeds");
        for (Map.Entry<String, Long> e : p.seeds().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("startedAt", p.startedAt().toString());
        g.writeStringField("finishedAt", p.finishedAt().toString());
        strings(g, "command", p.command());
        g.writeStringField("experimentFile", p.experimentFile());
        // Left out when unknown, so a reader can tell "not recorded" from any figure.
        if (!Double.isNaN(p.peakRssBytes())) {
            g.writeNumberField("peakRssBytes", (long) p.peakRssBytes());
        }
        // Only in a merged sharded run's document: a run in one process writes exactly what it did before.
        if (!p.shards().isEmpty()) {
            g.writeArrayFieldStart("shards");
            for (ShardRecord s : p.shards()) {
                g.writeStartObject();
                g.writeNumberField("index", s.index());
                g.writeNumberField("count", s.count());
                g.writeStringField("folder", s.folder());
                g.writeStringField("startedAt", s.startedAt().toString());
                g.writeStringField("finishedAt", s.finishedAt().toString());
                strings(g, "command", s.command());
                if (!Double.isNaN(s.peakRssBytes())) {
                    g.writeNumberField("peakRssBytes", (long) s.peakRssBytes());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static Provenance read(JsonSupport.Reader r, JsonNode root) {
        String path = "provenance";
        JsonNode p = r.object(root, "provenance", "");
        JsonNode jvm = r.object(p, "jvm", path);
        JsonNode os = r.object(p, "os", path);
        JsonNode hw = r.object(p, "hardware", path);
        List<EngineIdentity> engines = new ArrayList<>();
        JsonNode engineNodes = r.array(p, "engines", path);
        for (int i = 0; i < engineNodes.size(); i++) {
            JsonNode e = engineNodes.get(i);
            String ep = path + ".engines[" + i + "]";
            engines.add(new EngineIdentity(r.text(e, "name", ep), r.text(e, "kernelBackend", ep, ""),
                    r.text(e, "quantization", ep, ""), r.text(e, "nativeLibrarySha256", ep, ""),
                    r.text(e, "modelFile", ep, ""), r.text(e, "modelSha256", ep, ""), r.stringMap(e, "details", ep)));
        }
        List<DatasetFingerprint> datasets = new ArrayList<>();
        JsonNode datasetNodes = r.array(p, "datasets", path);
        for (int i = 0; i < datasetNodes.size(); i++) {
            JsonNode d = datasetNodes.get(i);
            String dp = path + ".datasets[" + i + "]";
            datasets.add(new DatasetFingerprint(r.text(d, "name", dp), r.text(d, "path", dp, ""),
                    r.text(d, "sha256", dp, ""), r.longMap(d, "counts", dp)));
        }
        JudgeIdentity judge = null;
        JsonNode j = p.get("judge");
        if (j != null && !j.isNull()) {
            judge = new JudgeIdentity(r.text(j, "name", path + ".judge"), r.text(j, "model", path + ".judge", ""),
                    r.text(j, "promptVersion", path + ".judge", ""), r.stringMap(j, "details", path + ".judge"));
        }
        Map<String, Integer> threads = new LinkedHashMap<>();
        r.longMap(p, "threads", path).forEach((k, v) -> threads.put(k, v.intValue()));
        String commit = r.text(p, "gitCommit", path);
        boolean dirty = r.bool(p, "gitDirty", path, false);
        return new Provenance(r.text(p, "plumblineVersion", path), commit, dirty,
                new JvmInfo(r.text(jvm, "vendor", path + ".jvm", ""), r.text(jvm, "version", path + ".jvm", ""),
                        r.text(jvm, "vmName", path + ".jvm", ""), r.strings(jvm, "flags", path + ".jvm")),
                new OsInfo(r.text(os, "name", path + ".os", ""), r.text(os, "version", path + ".os", ""),
                        r.text(os, "arch", path + ".os", "")),
                new Hardware(r.text(hw, "cpuModel", path + ".hardware", ""),
                        (int) r.integer(hw, "logicalCpus", path + ".hardware"),
                        r.strings(hw, "isaFlags", path + ".hardware"),
                        hw.has("memoryBytes") ? r.integer(hw, "memoryBytes", path + ".hardware") : 0),
                threads, engines, datasets, judge, r.longMap(p, "seeds", path),
                instant(r, p, "startedAt", path), instant(r, p, "finishedAt", path),
                r.strings(p, "command", path), r.text(p, "experimentFile", path, ""),
                p.hasNonNull("peakRssBytes") ? r.integer(p, "peakRssBytes", path) : Double.NaN, shards(r, p, path));
    }

    private static List<ShardRecord> shards(JsonSupport.Reader r, JsonNode p, String path) {
        List<ShardRecord> out = new ArrayList<>();
        if (!p.has("shards")) {
            return out;
        }
        JsonNode nodes = r.array(p, "shards", path);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode s = nodes.get(i);
            String sp = path + ".shards[" + i + "]";
            out.add(new ShardRecord((int) r.integer(s, "index", sp), (int) r.integer(s, "count", sp),
                    r.text(s, "folder", sp, ""), instant(r, s, "startedAt", sp), instant(r, s, "finishedAt", sp),
                    r.strings(s, "command", sp),
                    s.hasNonNull("peakRssBytes") ? r.integer(s, "peakRssBytes", sp) : Double.NaN));
        }
        return out;
    }

    private static Instant instant(JsonSupport.Reader r, JsonNode p, String field, String path) {
        String text = r.text(p, field, path);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ResultsFormatException(r.file(), path + "." + field,
                    "expected an ISO-8601 instant such as 2025-01-31T12:00:00Z, got \"" + text + "\"");
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void stringMap(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
