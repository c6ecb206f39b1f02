package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plumbline run} end to end on builtin:demo, one engine, written results read back. */
class RunCommandTest {
    @TempDir
    static Path dir;

    static CliRunner.Result run;
    static Path out;

    @BeforeAll
    static void runDemoExperiment() throws IOException {
        Path experiment = dir.resolve("demo.yaml");
        Files.writeString(experiment, """
                name: test-demo
                datasets: [builtin:demo]
                models: [minilm-l6]
                engines:
                  - {name: onnxruntime, threads: 1}
                retrieval: {k: 100}
                metrics:
                  ir: [ndcg_cut.10, recall.100, recip_rank, map]
                latency: {warmup: 3}
                cache: false
                output: {reports: [md]}
                """);
        out = dir.resolve("out");
        run = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "--quiet");
    }

    @Test
    void writesOneResultsDocumentWithEveryCell() {
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", ""));
        Results r = ResultsJson.read(out.resolve("results.json"));
        assertEquals("test-demo", r.runId());
        assertEquals("ndcg_cut_10", r.primaryMetric());
        assertEquals(List.of("onnxruntime/minilm-l6", "judge-local"), r.engines().stream().map(EngineRun::engine).toList());

        EngineRun retrieval = r.engine("onnxruntime/minilm-l6");
        Dataset demo = Datasets.load("builtin:demo");
        assertEquals(demo.qrels().topics().size(), retrieval.itemIds().size());
        for (String m : List.of("ndcg_cut_10", "recall_100", "recip_rank", "map", "latency")) {
            assertNotNull(retrieval.metric(m), m);
            assertEquals(retrieval.itemIds().size(), r.aggregate(retrieval.engine(), m).defined(), m);
        }
        assertTrue(r.aggregate(retrieval.engine(), "ndcg_cut_10").mean() > 0.5);
        assertEquals(3.0, retrieval.runValues().get("search.warmup"));
        assertEquals((double) retrieval.itemIds().size(), retrieval.runValues().get("search.calls"));
        // Exact index accounting: one float per dimension per document.
        assertEquals(demo.docs().size() * 384.0 * Float.BYTES, retrieval.runValues().get("memory.index_bytes"));
        assertTrue(retrieval.runValues().get("memory.heap_peak_bytes") > 0);
        for (String v : List.of("encode_docs.p50_ms", "encode_docs.p99.9_ms", "encode_docs.items_per_s",
                "encode_docs.tokens_per_s", "query_encode.p50_ms", "query_encode.p99_ms", "search.p90_ms",
                "search.p99_ms", "search.max_ms", "search.mean_ms", "query.p50_ms", "query.p99_ms", "index_build.ms")) {
            assertFalse(Double.isNaN(retrieval.runValues().get(v)), v);
        }
        assertEquals(3.0, retrieval.runValues().get("encode_docs.warmup"), "warm-up texts encoded untimed");
        assertEquals(3.0, retrieval.runValues().get("query_encode.warmup"));
        // ONNX Runtime's weights live in native memory it does not account: no exact figure
        // (undefined, not 0), but the resident-set growth it caused, labelled as such.
        assertTrue(Double.isNaN(retrieval.runValues().get("memory.weight_bytes")));
        assertTrue(Double.isNaN(retrieval.runValues().get("memory.scratch_bytes")));
        assertTrue(retrieval.runValues().get("memory.native_rss_growth_bytes") >= 0);
        assertTrue(retrieval.runValues().get("memory.rss_growth_bytes") >= 0);
        assertFalse(retrieval.runValues().containsKey("memory.peak_rss_bytes"), "the process peak is not per cell");

        EngineRun judge = r.engine("judge-local");
        assertEquals(demo.counts().samples(), judge.itemIds().size());
        for (String m : List.of("faithfulness", "answer_relevance", "context_precision", "context_recall")) {
            var a = r.aggregate(judge.engine(), m);
            assertEquals(judge.itemIds().size(), a.count(), m);
            assertEquals(a.count(), a.defined() + a.undefined() + a.failed(), m);
        }
    }

    /**
     * The per-query latency is what a user waits for: the query's encoding plus its search, each
     * stage also recorded on its own, so encode + search make up the whole.
     */
    @Test
    void perQueryLatencyIsEncodingPlusSearchAndEachStageIsRecorded() {
        EngineRun e = ResultsJson.read(out.resolve("results.json")).engine("onnxruntime/minilm-l6");
        var v = e.runValues();
        assertEquals((double) e.itemIds().size(), v.get("query_encode.calls"));
        assertEquals((double) e.itemIds().size(), v.get("query.calls"));
        // Means kept at the histogram's microsecond resolution: encode + search = whole, to a few µs.
        assertEquals(v.get("query.mean_ms"), v.get("query_encode.mean_ms") + v.get("search.mean_ms"), 0.005);
        assertTrue(v.get("query_encode.mean_ms") > v.get("search.mean_ms"),
                "encoding a query costs more than an exact search over 300 vectors: " + v);
        double[] latency = e.metric("latency").values();
        double sum = 0;
        for (double l : latency) {
            sum += l;
        }
        assertEquals(v.get("query.mean_ms"), sum / latency.length, 0.01);
        assertTrue(Double.isNaN(v.getOrDefault("encode_queries.calls", Double.NaN)),
                "queries are encoded one per call, not in batches");
    }

    /**
     * With --repeat, every pass encodes and searches every query again; the spread is over the
     * passes' whole-query figures, and the Java engine's memory is exact.
     */
    @Test
    void repeatedPassesTimeWholeQueriesAndJavaEnginesCountTheirMemory() throws IOException {
        Path experiment = dir.resolve("repeat.yaml");
        Files.writeString(experiment, """
                name: repeat
                datasets: [builtin:demo]
                engines: [{name: simd, threads: 1}]
                metrics: {ir: [ndcg_cut.10]}
                judge: local-lexical
                latency: {warmup: 0, repeat: 2}
                cache: false
                output: {reports: [md]}
                """);
        Path repeatOut = dir.resolve("repeat-out");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", repeatOut.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());
        EngineRun e = ResultsJson.read(repeatOut.resolve("results.json")).engine("simd/minilm-l6");
        var v = e.runValues();
        int n = e.itemIds().size();
        assertEquals(2.0 * n, v.get("query_encode.calls"));
        assertEquals(2.0 * n, v.get("search.calls"));
        assertEquals(2.0, v.get("query.repeats"));
        assertEquals(0.0, v.get("encode_docs.warmup"), "warm-up 0: nothing encoded untimed");
        for (String s : List.of("query.spread.items_per_s.cv", "query.spread.p50_ms.mean", "query.spread.p99_ms.max")) {
            assertFalse(Double.isNaN(v.get(s)), s);
        }
        assertTrue(v.get("memory.weight_bytes") > 80 * (1 << 20), "MiniLM's weights: " + v.get("memory.weight_bytes"));
        assertTrue(v.get("memory.scratch_bytes") > 0);
        assertEquals(0.0, v.get("memory.off_heap_bytes"));
        assertTrue(Double.isNaN(v.get("memory.native_rss_growth_bytes")), "nothing out of sight");
        var id = ResultsJson.read(repeatOut.resolve("results.json")).provenance().engine("simd/minilm-l6");
        assertEquals("simd", id.kernelBackend());
    }

    @Test
    void recordsProvenance() {
        Provenance p = ResultsJson.read(out.resolve("results.json")).provenance();
        Dataset demo = Datasets.load("builtin:demo");
        assertEquals(1, p.datasets().size());
        assertEquals(demo.fingerprint(), p.datasets().get(0).sha256());
        assertEquals("builtin:demo", p.datasets().get(0).path());
        assertEquals("onnxruntime/minilm-l6", p.engines().get(0).name());
        assertEquals(64, p.engines().get(0).modelSha256().length());
        assertEquals("1", p.engines().get(0).details().get("threads"));
        // Each field holds what its name says: the kernel backend, the model's file.
        assertEquals("CPUExecutionProvider", p.engines().get(0).kernelBackend());
        assertTrue(p.engines().get(0).modelFile().startsWith("classpath:"), p.engines().get(0).modelFile());
        assertTrue(p.engines().get(0).modelFile().contains(".onnx"), p.engines().get(0).modelFile());
        assertEquals("minilm-l6", p.engines().get(0).details().get("model"));
        assertTrue(p.engines().get(0).details().get("engine").startsWith("onnxruntime "), p.engines().get(0).details().toString());
        // The process peak once, in provenance.
        if (dev.plumbline.engines.ProcessMemory.peakBytes() > 0) {
            assertTrue(p.peakRssBytes() > 0, "peak RSS " + p.peakRssBytes());
        }
        assertEquals("local", p.judge().name());
        assertEquals(42L, p.seeds().get("bootstrap"));
        assertTrue(p.experimentFile().endsWith("demo.yaml"), p.experimentFile());
        assertEquals("run", p.command().get(1));
        assertNotNull(p.finishedAt());
    }

    @Test
    void theWrittenRunScoresIdenticallyThroughTrecEval() throws IOException {
        Dataset demo = Datasets.load("builtin:demo");
        StringBuilder qrels = new StringBuilder();
        for (TopicQrels t : demo.qrels().topics().values()) {
            for (int i = 0; i < t.size(); i++) {
                qrels.append(t.qid()).append(" 0 ").append(t.docno(i)).append(' ').append(t.relevance(i)).append('\n');
            }
        }
        Path qrelsFile = dir.resolve("demo.qrels");
        Files.writeString(qrelsFile, qrels);
        Path runFile = out.resolve("runs/onnxruntime_minilm-l6.trec");
        CliRunner.Result te = CliRunner.run("trec-eval", "-c", "-m", "ndcg_cut.10", "-m", "recall.100", "-m",
                "recip_rank", "-m", "map", qrelsFile.toString(), runFile.toString());
        assertEquals(0, te.exitCode(), te.stderr());
        Results r = ResultsJson.read(out.resolve("results.json"));
        for (String m : List.of("ndcg_cut_10", "recall_100", "recip_rank", "map")) {
            String expected = String.format(Locale.ROOT, "%s\tall\t%.4f",
                    String.format(Locale.ROOT, "%-22s", m), r.aggregate("onnxruntime/minilm-l6", m).mean());
            assertTrue(te.stdout().contains(expected), expected + " in\n" + te.stdout());
        }
    }

    @Test
    void printsASummaryAndTheReportPath() {
        assertTrue(run.stdout().contains("onnxruntime/minilm-l6"), run.stdout());
        assertTrue(run.stdout().contains("judge-local"), run.stdout());
        assertTrue(run.stdout().contains("wrote " + out.resolve("results.json")), run.stdout());
        assertTrue(Files.exists(out.resolve("summary.md")));
    }

    @Test
    void anInvalidExperimentExitsTwoWithOneLine() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "datasets: [builtin:demo]\nengines: [{name: simd, threads: 0}]\n");
        CliRunner.Result r = CliRunner.run("run", bad.toString());
        assertEquals(2, r.exitCode());
        assertEquals("plumbline: " + bad + ": engines[0].threads: must be an integer from 1 to 1024, got 0\n",
                r.stderr());
    }

    @Test
    void aFailedGateExitsOne() throws IOException {
        Path rules = dir.resolve("gates.yaml");
        Files.writeString(rules, "ndcg_cut.10: min 1.01\n");
        Path experiment = dir.resolve("gated.yaml");
        Files.writeString(experiment, """
                datasets: [builtin:demo]
                engines: [{name: onnxruntime, threads: 1}]
                metrics: {rag: [faithfulness]}
                output: {reports: [md]}
                gate: {rules: %s}
                """.formatted(rules));
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", dir.resolve("gated").toString(), "-q");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("gate failed"), r.stdout());
    }
}
