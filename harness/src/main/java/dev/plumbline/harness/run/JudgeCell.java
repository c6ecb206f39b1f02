package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One judge cell: a dataset's answered RAG samples judged one per call (timed, after an untimed
 * warm-up by a judge of its own), scored into the experiment's RAG metrics. Every judged sample is
 * logged, so a stopped run resumes inside the cell.
 */
final class JudgeCell {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> EVIDENCE =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private final Experiment x;
    private final Progress progress;
    private final Dataset d;
    private final String cell;
    private final Supplier<Judge> judges;
    private final Shard shard;

    /**
     * @param judges opens a fresh judge each call (the warm-up's and the timed one)
     * @param shard  the part of the samples this run judges
     */
    JudgeCell(Experiment x, Progress progress, Dataset d, String cell, Supplier<Judge> judges, Shard shard) {
        this.shard = shard;
        this.x = x;
        this.progress = progress;
        this.d = d;
        this.cell = cell;
        this.judges = judges;
    }

    EngineRun run(Provenance.Builder cellProvenance, ItemLog log) {
        MemoryProbe.Cell memory = MemoryProbe.startCell();
        List<RagSample> all = JudgedSamples.answered(d);
        List<RagSample> samples = all.stream().filter(s -> shard.owns(s.id())).toList();
        StageLatency stage = new StageLatency("judge");
        // The first few samples judged untimed by a judge of their own: the local judge keeps the
        // vectors it computed, and the timed judge must start without them, or warmed-up samples
        // would be timed without their encoding.
        if (x.warmup() > 0 && !samples.isEmpty()) {
            try (Judge warm = judges.get()) {
                for (int i = 0; i < x.warmup(); i++) {
                    warm.judge(JudgedSamples.input(samples.get(i % samples.size())));
                    stage.warmup();
                }
            }
        }
        try (Judge judge = judges.get()) {
            return ShardItems.mark(judge(judge, samples, stage, memory, cellProvenance, log), shard,
                    all.stream().map(RagSample::id).toList(), Map.of(), List.of());
        }
    }

    private EngineRun judge(Judge judge, List<RagSample> samples, StageLatency stage, MemoryProbe.Cell memory,
                            Provenance.Builder cellProvenance, ItemLog log) {
        Progress.Task task = progress.start(cell + " judging samples", samples.size());
        List<Map<String, MetricValue>> scored = new ArrayList<>();
        List<Map<String, Object>> evidence = new ArrayList<>();
        long[] nanos = new long[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Map<String, MetricValue> saved = savedSample(log.done(i), samples.get(i).id());
            if (saved != null) {
                nanos[i] = log.done(i).get("ns").longValue();
                scored.add(saved);
                JsonNode ev = log.done(i).get("evidence");
                // A log written before evidence was logged: the sample's texts without its claims.
                evidence.add(ev != null && ev.isObject() ? JSON.convertValue(ev, EVIDENCE)
                        : ItemEvidence.judged(samples.get(i), null));
            } else {
                long s = System.nanoTime();
                Judgment j = judge.judge(JudgedSamples.input(samples.get(i)));
                nanos[i] = System.nanoTime() - s;
                scored.add(RagScorer.score(JudgedSamples.input(samples.get(i)), j));
                evidence.add(ItemEvidence.judged(samples.get(i), j));
                log.append(i, sampleItem(samples.get(i).id(), nanos[i], scored.getLast(), evidence.getLast()));
            }
            stage.record(nanos[i], 1);
            task.update(i + 1);
        }
        task.finish(0);
        EngineRun.Builder b = EngineRun.builder(cell);
        for (String m : x.ragMetrics()) {
            b.metric(MetricInfo.score(m, m.replace('_', ' ')));
        }
        b.metric(MetricInfo.latencyMillis(Pipeline.LATENCY, Pipeline.LATENCY_DESCRIPTION));
        for (int i = 0; i < samples.size(); i++) {
            EngineRun.ItemBuilder item = b.item(samples.get(i).id());
            VerdictResults.add(item, x.ragMetrics(), scored.get(i), evidence.get(i));
            item.value(Pipeline.LATENCY, nanos[i] / 1e6);
        }
        stage.values().forEach(b::runValue);
        b.runValue("memory.heap_peak_bytes", memory.heapPeakBytes());
        b.runValue("memory.rss_growth_bytes", memory.rssGrowthBytes());
        cellProvenance.judge(VerdictResults.identity(judge));
        return b.build();
    }

    /** The experiment's metrics of one judged sample, as logged. */
    private ObjectNode sampleItem(String id, long nanos, Map<String, MetricValue> values, Map<String, Object> evidence) {
        ObjectNode item = JSON.createObjectNode().put("id", id).put("ns", nanos);
        ObjectNode ms = item.putObject("metrics");
        for (String m : x.ragMetrics()) {
            MetricValue v = values.get(m);
            ObjectNode o = ms.putObject(m).put("status", v.status().name());
            if (v.status() == MetricValue.Status.OK) {
                o.put("value", v.value());
            }
            if (!v.reason().isEmpty()) {
                o.put("reason", v.reason());
            }
        }
        item.set("evidence", JSON.valueToTree(evidence));
        return item;
    }

    /** The logged metrics of sample {@code id}, or {@code null} when missing, for another sample or incomplete. */
    private Map<String, MetricValue> savedSample(JsonNode saved, String id) {
        if (saved == null || !id.equals(saved.path("id").asText(null)) || !saved.path("ns").isIntegralNumber()) {
            return null;
        }
        Map<String, MetricValue> out = new LinkedHashMap<>();
        for (String m : x.ragMetrics()) {
            JsonNode o = saved.path("metrics").path(m);
            MetricValue.Status status;
            try {
                status = MetricValue.Status.valueOf(o.path("status").asText(""));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (status == MetricValue.Status.OK && !o.path("value").isNumber()) {
                return null;
            }
            out.put(m, new MetricValue(status == MetricValue.Status.OK ? o.get("value").doubleValue() : Double.NaN,
                    status, o.path("reason").asText("")));
        }
        return out;
    }
}
