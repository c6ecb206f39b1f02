package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Query;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.harness.generate.Answer;
import dev.plumbline.harness.generate.Generator;
import dev.plumbline.harness.generate.Generators;
import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.metrics.rag.Verdict;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One end-to-end cell: a retrieval cell's own top contexts per query (its
 * {@code runs/CELL.contexts.jsonl}) → a generator's answer → the judge. For every query with a
 * reference answer it records the experiment's RAG metrics and {@value #HALLUCINATED} (1 when the
 * judge found at least one of the answer's claims unsupported, 0 when it supported them all), whose
 * mean is the hallucination rate and gets the results' bootstrap interval. A failed generation is
 * counted by kind ({@code generate.failed.KIND}) and fails the query's metrics; it is never judged
 * as an empty answer. Every finished query is logged, so a stopped run resumes inside the cell.
 */
final class RagCell {
    /** Per query: whether the answer has at least one unsupported claim; its mean is the hallucination rate. */
    static final String HALLUCINATED = "hallucinated";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Experiment x;
    private final Progress progress;
    private final Dataset d;
    private final String retrievalCell;
    private final StageConfig generator;
    private final String cell;
    private final Supplier<Judge> judges;
    private final Shard shard;

    /**
     * @param shard the part of the queries this run answers: the retrieval cell of the same run wrote
     *              contexts for exactly those
     */
    RagCell(Experiment x, Progress progress, Dataset d, String retrievalCell, StageConfig generator, String cell,
            Supplier<Judge> judges, Shard shard) {
        this.shard = shard;
        this.x = x;
        this.progress = progress;
        this.d = d;
        this.retrievalCell = retrievalCell;
        this.generator = generator;
        this.cell = cell;
        this.judges = judges;
    }

    /** Whether {@code j} says the answer holds an unsupported claim: a value, or undefined/failed with why. */
    static MetricValue hallucinated(Judgment j) {
        boolean failed = false;
        for (ClaimVerdict c : j.answerClaims()) {
            if (c.verdict() == Verdict.NO) {
                return MetricValue.of(1);
            }
            failed |= c.verdict() == Verdict.FAILED;
        }
        if (failed) {
            return MetricValue.failed("a claim's verdict failed and no other claim is unsupported");
        }
        return j.answerClaims().isEmpty() ? MetricValue.undefined("the answer has no claims") : MetricValue.of(0);
    }

    EngineRun run(Provenance.Builder cellProvenance, ItemLog log) {
        MemoryProbe.Cell memory = MemoryProbe.startCell();
        Map<String, List<String>> contexts = readContexts(RetrievalCell.contextsFile(x, retrievalCell));
        Map<String, QueryAnswers.Answer> answers = QueryAnswers.of(d);
        List<Query> queries = QueryAnswers.answered(d).stream().filter(q -> contexts.containsKey(q.id())).toList();
        int n = Generators.contexts(generator);
        List<String> metricNames = new ArrayList<>(x.ragMetrics());
        metricNames.add(HALLUCINATED);
        StageLatency generate = new StageLatency("generate");
        StageLatency judging = new StageLatency("judge");
        Map<String, Integer> failures = new TreeMap<>();
        List<Map<String, MetricValue>> scored = new ArrayList<>();
        List<String> answerTexts = new ArrayList<>();
        long[] genNanos = new long[queries.size()];
        Map<String, String> details;
        Progress.Task task = progress.start(cell + " generating and judging", queries.size());
        try (Generator g = Generators.open(generator); Judge judge = judges.get()) {
            details = new LinkedHashMap<>();
            details.put("generator", generator.name());
            details.put("generator_type", generator.type());
            details.putAll(g.details());
            for (int i = 0; i < queries.size(); i++) {
                Query q = queries.get(i);
                JsonNode saved = saved(log.done(i), q.id(), metricNames);
                String answer;
                String failureKind;
                Map<String, MetricValue> values;
                long judgeNanos;
                if (saved != null) {
                    genNanos[i] = saved.get("generate_ns").longValue();
                    judgeNanos = saved.get("judge_ns").longValue();
                    answer = saved.path("answer").isTextual() ? saved.get("answer").textValue() : null;
                    failureKind = saved.path("failure_kind").isTextual() ? saved.get("failure_kind").textValue() : null;
                    values = read(saved, metricNames);
                } else {
                    List<String> ctx = contexts.get(q.id()).subList(0, Math.min(n, contexts.get(q.id()).size()));
                    long t0 = System.nanoTime();
                    Answer a = g.generate(q.text(), ctx);
                    genNanos[i] = System.nanoTime() - t0;
                    answer = a.text();
                    failureKind = a.failureKind();
                    values = new LinkedHashMap<>();
                    if (a.ok()) {
                        RagInput in = new RagInput(q.id(), q.text(), a.text(), ctx, answers.get(q.id()).reference());
                        long t1 = System.nanoTime();
                        Judgment j = judge.judge(in);
                        judgeNanos = System.nanoTime() - t1;
                        values.putAll(RagScorer.score(in, j));
                        values.put(HALLUCINATED, hallucinated(j));
                    } else {
                        judgeNanos = 0;
                        for (String m : metricNames) {
                            values.put(m, MetricValue.failed("generation failed: " + a.failure()));
                        }
                    }
                    log.append(i, item(q.id(), genNanos[i], judgeNanos, a, values, metricNames));
                }
                if (failureKind != null) {
                    failures.merge(failureKind, 1, Integer::sum);
                } else {
                    judging.record(judgeNanos, 1);
                }
                generate.record(genNanos[i], 1);
                scored.add(values);
                answerTexts.add(answer);
                task.update(i + 1);
            }
            cellProvenance.judge(VerdictResults.identity(judge));
        }
        task.finish(0);
        EngineRun.Builder b = EngineRun.builder(cell);
        for (String m : x.ragMetrics()) {
            b.metric(MetricInfo.score(m, m.replace('_', ' ')));
        }
        b.metric(new MetricInfo(HALLUCINATED, Direction.LOWER_IS_BETTER, "", false, "whether the answer has at least"
                + " one claim the judge found unsupported by its contexts; the mean is the hallucination rate"));
        b.metric(MetricInfo.latencyMillis(Pipeline.LATENCY, Pipeline.LATENCY_DESCRIPTION));
        for (int i = 0; i < queries.size(); i++) {
            EngineRun.ItemBuilder item = b.item(queries.get(i).id());
            for (String m : metricNames) {
                MetricValue v = scored.get(i).get(m);
                switch (v.status()) {
                    case OK -> item.value(m, v.value());
                    case UNDEFINED -> item.undefined(m);
                    case FAILED -> item.failed(m, v.reason());
                }
            }
            item.value(Pipeline.LATENCY, genNanos[i] / 1e6);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("answer", answerTexts.get(i) == null ? "" : answerTexts.get(i));
            item.evidence(evidence);
        }
        generate.values().forEach(b::runValue);
        judging.values().forEach(b::runValue);
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        b.runValue("generate.failed", failed);
        failures.forEach((kind, count) -> b.runValue("generate.failed." + kind.replace(' ', '_'), count));
        b.runValue("memory.heap_peak_bytes", memory.heapPeakBytes());
        b.runValue("memory.rss_growth_bytes", memory.rssGrowthBytes());
        details.put("retrieval_cell", retrievalCell);
        details.put("contexts", Integer.toString(n));
        details.put("dataset", d.spec());
        cellProvenance.engine(new EngineIdentity(cell, "", "", "", "", "", details));
        // Unsharded, the retrieval cell hands on contexts for every query with judgments.
        List<String> all = QueryAnswers.answered(d).stream().filter(q -> d.qrels().topic(q.id()) != null)
                .map(Query::id).toList();
        return ShardItems.mark(b.build(), shard, all, Map.of(), List.of());
    }

    /** The retrieval cell's contexts per query id, in rank order. */
    private Map<String, List<String>> readContexts(Path file) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                JsonNode n = JSON.readTree(line);
                List<String> texts = new ArrayList<>();
                n.path("contexts").forEach(c -> texts.add(c.path("text").asText()));
                out.put(n.path("id").asText(), texts);
            }
        } catch (NoSuchFileException e) {
            throw new dev.plumbline.harness.UsageException(cell + ": " + file + " is missing; the retrieval cell "
                    + retrievalCell + " writes it, so run without --resume to compute it again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static ObjectNode item(String id, long genNanos, long judgeNanos, Answer a, Map<String, MetricValue> values,
                                   List<String> metrics) {
        ObjectNode item = JSON.createObjectNode().put("id", id).put("generate_ns", genNanos).put("judge_ns", judgeNanos);
        if (a.ok()) {
            item.put("answer", a.text());
        } else {
            item.put("failure_kind", a.failureKind());
        }
        ObjectNode ms = item.putObject("metrics");
        for (String m : metrics) {
            MetricValue v = values.get(m);
            ObjectNode o = ms.putObject(m).put("status", v.status().name());
            if (v.status() == MetricValue.Status.OK) {
                o.put("value", v.value());
            }
            if (!v.reason().isEmpty()) {
                o.put("reason", v.reason());
            }
        }
        return item;
    }

    /** The logged item of query {@code id}, or {@code null} when missing, for another query or incomplete. */
    private static JsonNode saved(JsonNode saved, String id, List<String> metrics) {
        if (saved == null || !id.equals(saved.path("id").asText(null)) || !saved.path("generate_ns").isIntegralNumber()
                || !saved.path("judge_ns").isIntegralNumber()) {
            return null;
        }
        return read(saved, metrics) == null ? null : saved;
    }

    private static Map<String, MetricValue> read(JsonNode saved, List<String> metrics) {
        Map<String, MetricValue> out = new LinkedHashMap<>();
        for (String m : metrics) {
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
