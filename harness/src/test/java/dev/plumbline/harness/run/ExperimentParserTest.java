package dev.plumbline.harness.run;

import dev.plumbline.harness.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExperimentParserTest {
    private static final Path FILE = Path.of("x.yaml");

    private static String error(String yaml) {
        return assertThrows(UsageException.class, () -> ExperimentParser.parse(yaml, FILE)).getMessage();
    }

    @Test
    void readsAFullExperiment() {
        Experiment x = ExperimentParser.parse("""
                name: t
                datasets: [builtin:demo]
                models: [minilm-l6]
                engines:
                  - name: simd
                    threads: 1
                    batch_size: 8
                    max_seq_length: 64
                  - onnxruntime
                retrieval: {k: 50, index: flat}
                metrics: {ir: [P.5, ndcg_cut.10], rag: [faithfulness]}
                latency: {warmup: 0, repeat: 3}
                seed: 7
                cache: false
                output: {dir: out/t, reports: [md]}
                gate: {rules: g.yaml}
                """, FILE);
        assertEquals("t", x.name());
        assertEquals(List.of("builtin:demo"), x.datasets());
        assertEquals(new Experiment.EngineSpec("simd", 1, 8, 64), x.engines().get(0));
        assertEquals("onnxruntime", x.engines().get(1).name());
        assertEquals(32, x.engines().get(1).batchSize());
        assertEquals(50, x.k());
        assertEquals(List.of("P.5", "ndcg_cut.10"), x.irMeasures());
        assertEquals(List.of("faithfulness"), x.ragMetrics());
        assertEquals(0, x.warmup());
        assertEquals(3, x.repeat());
        assertEquals(7, x.seed());
        assertEquals(false, x.cache());
        assertEquals(Path.of("out/t"), x.outDir());
        assertEquals(List.of("md"), x.reports());
        assertEquals(Path.of("g.yaml"), x.gateRules());
    }

    @Test
    void readsJsonByExtension() {
        Experiment x = ExperimentParser.parse("{\"datasets\": [\"builtin:demo\"], \"engines\": [\"simd\"]}",
                Path.of("x.json"));
        assertEquals(ExperimentParser.DEFAULT_IR, x.irMeasures());
        assertEquals(Path.of("plumbline-out", "experiment"), x.outDir());
    }

    @Test
    void unknownKeysNameTheirPathAndTheAllowedKeys() {
        assertEquals("x.yaml: unknown key 'engine'; allowed keys: name, datasets, split, models, engines, retrieval,"
                + " metrics, judge, latency, seed, cache, cache_dir, output, gate", error("datasets: [builtin:demo]\nengine: [simd]\n"));
        assertEquals("x.yaml: unknown key 'engines[0].thread'; allowed keys in engines[0]: name, threads, batch_size,"
                + " max_seq_length", error("datasets: [builtin:demo]\nengines: [{name: simd, thread: 2}]\n"));
    }

    @Test
    void badValuesNameTheKeyPathAndWhatIsAllowed() {
        assertEquals("x.yaml: engines[0].threads: must be an integer of at least 1, got 0",
                error("datasets: [builtin:demo]\nengines: [{name: simd, threads: 0}]\n"));
        assertEquals("x.yaml: engines[1].name: unknown engine 'cuda'; allowed: onnxruntime, scalar, simd, auto",
                error("datasets: [builtin:demo]\nengines: [simd, {name: cuda}]\n"));
        assertEquals("x.yaml: models[0]: unknown model 'bert'; allowed: minilm-l6, bge-small-en-v1.5, e5-small-v2",
                error("datasets: [builtin:demo]\nmodels: [bert]\nengines: [simd]\n"));
        assertEquals("x.yaml: retrieval.index: unknown index type 'hnsw'; allowed: flat",
                error("datasets: [builtin:demo]\nengines: [simd]\nretrieval: {index: hnsw}\n"));
        assertEquals("x.yaml: metrics.rag[0]: unknown RAG metric 'groundedness'; allowed: faithfulness,"
                + " answer_relevance, context_precision, context_recall",
                error("datasets: [builtin:demo]\nengines: [simd]\nmetrics: {rag: [groundedness]}\n"));
        assertEquals("x.yaml: metrics.ir[1]: recall.1000 repeats recall; give all its cutoffs in one entry, e.g."
                + " recall.100,1000",
                error("datasets: [builtin:demo]\nengines: [simd]\nmetrics: {ir: [recall.100, recall.1000]}\n"));
        assertEquals("x.yaml: judge: unknown judge 'gpt'; allowed: local, local-lexical (the llm judge runs through plumbline judge)",
                error("datasets: [builtin:demo]\nengines: [simd]\njudge: gpt\n"));
        assertEquals("x.yaml: engines[1]: simd is listed twice; list each once",
                error("datasets: [builtin:demo]\nengines: [simd, {name: simd, threads: 1}]\n"));
        assertEquals("x.yaml: cache: must be true or false, got 'yes please'",
                error("datasets: [builtin:demo]\nengines: [simd]\ncache: yes please\n"));
    }

    @Test
    void unknownIrMeasureKeepsTrecEvalsAdvice() {
        String m = error("datasets: [builtin:demo]\nengines: [simd]\nmetrics: {ir: [ndcg10]}\n");
        assertEquals(true, m.startsWith("x.yaml: metrics.ir[0]: unknown measure 'ndcg10'; use a trec_eval name"), m);
    }

    @Test
    void missingRequiredKeysSayWhatToWrite() {
        assertEquals("x.yaml: datasets: missing; give a list, e.g. datasets: [builtin:demo]", error("engines: [simd]\n"));
        assertEquals("x.yaml: engines: missing; list engines to compare, e.g. [simd] (allowed: onnxruntime, scalar,"
                + " simd, auto)", error("datasets: [builtin:demo]\n"));
        assertEquals("x.yaml: an experiment file must be a mapping with at least datasets and engines; see"
                + " examples/demo.yaml", error("- just a list\n"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        String m = error("datasets: [builtin:demo\nengines: [simd]\n");
        assertEquals(true, m.startsWith("x.yaml:"), m);
        assertEquals(true, m.contains("not valid YAML"), m);
    }
}
