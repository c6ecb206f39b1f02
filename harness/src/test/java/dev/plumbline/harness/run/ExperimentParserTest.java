package dev.plumbline.harness.run;

import dev.plumbline.harness.UsageException;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentParserTest {
    /** Every registered engine (the native ones are on the harness's class path) and auto. */
    private static final String ENGINES = "native, native-int4, native-int8, onnxruntime, openblas, scalar, simd, simd-int8, auto";

    private static final Path FILE = Path.of("x.yaml");

    private static String error(String yaml) {
        return assertThrows(UsageException.class, () -> ExperimentParser.parse(yaml, FILE)).getMessage();
    }

    @Test
    void autoIsResolvedOnceToTheEngineThatWillRun() {
        Experiment x = ExperimentParser.parse("datasets: [builtin:demo]\nengines: [auto]\n", FILE);
        assertEquals(dev.plumbline.engines.Engines.auto().provider().name(), x.engines().get(0).name());
        assertEquals(false, x.engines().get(0).name().equals("auto"));
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
        assertEquals("x.yaml: unknown key 'engine'; allowed keys: name, datasets, split, models, engines, retrievers, retrieval,"
                + " metrics, judge, latency, seed, cache, cache_dir, output, gate, chunking, generators, rerankers", error("datasets: [builtin:demo]\nengine: [simd]\n"));
        assertEquals("x.yaml: unknown key 'engines[0].thread'; allowed keys in engines[0]: name, threads, batch_size,"
                + " max_seq_length", error("datasets: [builtin:demo]\nengines: [{name: simd, thread: 2}]\n"));
    }

    @Test
    void badValuesNameTheKeyPathAndWhatIsAllowed() {
        assertEquals("x.yaml: engines[0].threads: must be an integer from 1 to 1024, got 0",
                error("datasets: [builtin:demo]\nengines: [{name: simd, threads: 0}]\n"));
        assertEquals("x.yaml: engines[1].name: unknown engine 'warp-drive'; allowed: " + ENGINES,
                error("datasets: [builtin:demo]\nengines: [simd, {name: warp-drive}]\n"));
        assertEquals("x.yaml: models[0]: unknown model 'bert'; allowed: minilm-l6, bge-small-en-v1.5, e5-small-v2, minilm-l6-q,"
                + " bge-small-en-v1.5-q, e5-small-v2-q",
                error("datasets: [builtin:demo]\nmodels: [bert]\nengines: [simd]\n"));
        assertEquals("x.yaml: retrieval.index: unknown index 'hnsw'; known: binary, flat, int4, int8, lucene-hnsw, sharded",
                error("datasets: [builtin:demo]\nengines: [simd]\nretrieval: {index: hnsw}\n"));
        assertEquals("x.yaml: metrics.rag[0]: unknown RAG metric 'groundedness'; allowed: faithfulness,"
                + " answer_relevance, context_precision, context_recall",
                error("datasets: [builtin:demo]\nengines: [simd]\nmetrics: {rag: [groundedness]}\n"));
        assertEquals("x.yaml: metrics.ir[1]: recall.1000 repeats recall; give all its cutoffs in one entry, e.g."
                + " recall.100,1000",
                error("datasets: [builtin:demo]\nengines: [simd]\nmetrics: {ir: [recall.100, recall.1000]}\n"));
        assertEquals("x.yaml: judge: unknown judge 'gpt'; allowed: local, local-lexical, local-cross, llm",
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
        // Engines are only needed by retrieval cells, which Pipeline knows of once datasets load.
        assertEquals(List.of(), ExperimentParser.parse("datasets: [rag:s.jsonl]\n", Path.of("x.yaml")).engines());
        assertEquals("x.yaml: an experiment file must be a mapping with at least datasets and engines; see"
                + " examples/demo.yaml", error("- just a list\n"));
    }

    @Test
    void syntaxErrorsAreOneLineNamingLineAndColumn() {
        assertEquals("x.yaml:2:8: not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence at"
                + " line 1, column 11)", error("datasets: [builtin:demo\nengines: [simd]\n"));
        assertEquals("x.yaml:2:3: not valid YAML: expected <block end>, but found '<block mapping start>' (while"
                + " parsing a block mapping at line 1, column 1)",
                error("datasets: [builtin:demo]\n  engines: [simd]\n"));
        String tab = error("datasets: [builtin:demo]\n\tengines: [simd]\n");
        assertTrue(tab.startsWith("x.yaml:2:") && tab.contains("not valid YAML") && !tab.contains("\n"), tab);
        String json = assertThrows(UsageException.class, () -> ExperimentParser.parse("{\"datasets\": [}",
                Path.of("x.json"))).getMessage();
        assertTrue(json.startsWith("x.json:1:") && json.contains("not valid JSON") && !json.contains("\n"), json);
    }

    @Test
    void duplicateKeysAreRefusedWithTheirLine() {
        assertEquals("x.yaml:3: key 'datasets' is given twice in the same mapping; keep one",
                error("datasets: [builtin:demo]\nengines: [simd]\ndatasets: [beir:x]\n"));
        assertEquals("x.yaml:2: key 'threads' is given twice in the same mapping; keep one",
                error("datasets: [builtin:demo]\nengines: [{name: simd, threads: 1, threads: 2}]\n"));
        assertEquals("x.json:1: key 'engines' is given twice in the same mapping; keep one",
                assertThrows(UsageException.class, () -> ExperimentParser.parse(
                        "{\"datasets\": [\"builtin:demo\"], \"engines\": [\"simd\"], \"engines\": [\"scalar\"]}",
                        Path.of("x.json"))).getMessage());
    }

    @Test
    void aBillionLaughsIsRefusedAtTheFirstAliasWithoutExpandingIt() {
        StringBuilder bomb = new StringBuilder("lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append("l").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i > 0 ? ", " : "").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        bomb.append("datasets: *z\nengines: [simd]\n");
        String m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(bomb.toString()));
        assertEquals("x.yaml:2: YAML alias *a is not supported in experiment files; write the value out in full", m);
        // An alias Jackson would otherwise read as the string "simd", silently.
        assertEquals("x.yaml:2: YAML alias *simd is not supported in experiment files; write the value out in full",
                error("datasets: &simd [builtin:demo]\nengines: [*simd]\n"));
    }

    @Test
    void deepNestingAndHugeFilesAreRefused(@TempDir Path dir) throws IOException {
        String expected = "x.yaml: nested deeper than 32 levels or longer than 1048576 bytes; an experiment file"
                + " needs 4 levels (see examples/demo.yaml)";
        assertEquals(expected, assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> error("datasets: " + "[".repeat(100_000) + "]".repeat(100_000) + "\nengines: [simd]\n")));
        assertEquals(expected, error("datasets: " + "{a: ".repeat(40) + "b" + "}".repeat(40) + "\n"));
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "datasets: [builtin:demo]\nengines: [simd]\n# " + "x".repeat(2 << 20) + "\n");
        assertEquals(big + " is " + Files.size(big) + " bytes; an experiment file is at most 1048576 bytes (see"
                + " examples/demo.yaml)", assertThrows(UsageException.class, () -> ExperimentParser.read(big)).getMessage());
    }

    @Test
    void invalidUtf8AndFoldersAreNamed(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.write(bad, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff, '\n'});
        assertEquals(bad + ": not valid UTF-8; save the experiment file as UTF-8",
                assertThrows(UsageException.class, () -> ExperimentParser.read(bad)).getMessage());
        assertEquals(dir + " is a folder; give an experiment file (.yaml, .yml or .json)",
                assertThrows(UsageException.class, () -> ExperimentParser.read(dir)).getMessage());
    }

    @Test
    void outOfRangeNumbersNameTheAllowedRange() {
        String base = "datasets: [builtin:demo]\n";
        assertEquals("x.yaml: retrieval.k: must be an integer from 1 to 100000, got 1000000000000",
                error(base + "engines: [simd]\nretrieval: {k: 1000000000000}\n"));
        assertEquals("x.yaml: engines[0].threads: must be an integer from 1 to 1024, got -1",
                error(base + "engines: [{name: simd, threads: -1}]\n"));
        assertEquals("x.yaml: engines[0].batch_size: must be an integer from 1 to 4096, got 0",
                error(base + "engines: [{name: simd, batch_size: 0}]\n"));
        assertEquals("x.yaml: engines[0].max_seq_length: must be an integer from 3 to 512, got 1",
                error(base + "engines: [{name: simd, max_seq_length: 1}]\n"));
        assertEquals("x.yaml: engines[0].max_seq_length: must be an integer from 3 to 512, got 100000",
                error(base + "engines: [{name: simd, max_seq_length: 100000}]\n"));
        assertEquals("x.yaml: latency.warmup: must be an integer from 0 to 1000000, got 3000000000",
                error(base + "engines: [simd]\nlatency: {warmup: 3000000000}\n"));
        assertEquals("x.yaml: latency.repeat: must be an integer from 1 to 1000, got 0",
                error(base + "engines: [simd]\nlatency: {repeat: 0}\n"));
        assertEquals("x.yaml: seed: must be an integer from 0 to 9223372036854775807, got 100000000000000000000",
                error(base + "engines: [simd]\nseed: 100000000000000000000\n"));
        assertEquals(1L << 40, ExperimentParser.parse(base + "engines: [simd]\nseed: 1099511627776\n", FILE).seed());
    }

    @Test
    void wrongTypesNameTheKeyPath() {
        String base = "datasets: [builtin:demo]\n";
        assertEquals("x.yaml: engines[0].threads: must be an integer from 1 to 1024, got '4'",
                error(base + "engines: [{name: simd, threads: '4'}]\n"));
        assertEquals("x.yaml: retrieval.k: must be an integer from 1 to 100000, got 2.5",
                error(base + "engines: [simd]\nretrieval: {k: 2.5}\n"));
        assertEquals("x.yaml: retrieval: must be a mapping, got 5", error(base + "engines: [simd]\nretrieval: 5\n"));
        assertEquals("x.yaml: name: must be a non-empty string, got 5", error(base + "engines: [simd]\nname: 5\n"));
        assertEquals("x.yaml: datasets[0]: must be a string, got a mapping", error("datasets: [{a: b}]\nengines: [simd]\n"));
        assertEquals("x.yaml: engines: must be a non-empty list of engine names or {name, threads, batch_size,"
                + " max_seq_length} mappings", error(base + "engines: {name: simd}\n"));
        // A value with a line break is still reported on one line.
        assertEquals("x.yaml: engines[0].threads: must be an integer from 1 to 1024, got 'a b'",
                error(base + "engines: [{name: simd, threads: \"a\\nb\"}]\n"));
    }

    @Test
    void nullsAndControlCharactersAreRefused() {
        String base = "datasets: [builtin:demo]\nengines: [simd]\n";
        assertEquals("x.yaml: name: must be a non-empty string, got null", error(base + "name: ~\n"));
        assertEquals("x.yaml: split: must be a non-empty string, got ''", error(base + "split:\n"));
        assertEquals("x.yaml: datasets[0]: contains the control character U+0000; remove it",
                error("datasets: [\"beir:/tmp/a\\0b\"]\nengines: [simd]\n"));
        assertEquals("x.yaml: output.dir: contains the control character U+001B; remove it",
                error(base + "output: {dir: \"out\\e[31m\"}\n"));
        assertEquals("x.yaml: name: contains the control character U+0000; remove it", error(base + "name: \"a\\0b\"\n"));
    }

    @Test
    void aCacheDirThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertEquals("x.yaml: cache_dir: " + file + " is a file; give a folder for the embedding cache, or cache: false",
                error("datasets: [builtin:demo]\nengines: [simd]\ncache_dir: " + file + "\n"));
    }

    @Test
    void runNamesBecomeSafeFolderNamesUnderPlumblineOut() {
        Experiment x = ExperimentParser.parse("name: ../../../../tmp/x\ndatasets: [builtin:demo]\nengines: [simd]\n",
                FILE);
        assertEquals("../../../../tmp/x", x.name());
        assertEquals(Path.of("plumbline-out", "tmp-x"), x.outDir());
        assertEquals("tmp-x", ExperimentParser.safeFileName("/tmp/x"));
        assertEquals("experiment", ExperimentParser.safeFileName(".."));
        assertEquals("experiment", ExperimentParser.safeFileName("/"));
        assertEquals("a-b-c", ExperimentParser.safeFileName("a b\tc"));
        assertEquals("v1.2_run-3", ExperimentParser.safeFileName("v1.2_run-3"));
        assertEquals("hidden", ExperimentParser.safeFileName(".hidden"));
        assertEquals("C-Windows-x", ExperimentParser.safeFileName("C:\\Windows\\x"));
        assertEquals("résumé-日本", ExperimentParser.safeFileName("résumé/日本"));
        assertEquals("x".repeat(64), ExperimentParser.safeFileName("x".repeat(300)));
        assertEquals("nul-byte", ExperimentParser.safeFileName("nul\u0000byte"));
    }

    @Test
    void differencesNameEveryChangedKeyPath() {
        var a = ExperimentParser.tree("datasets: [builtin:demo]\nengines: [{name: simd, threads: 1}]\n", FILE);
        var b = ExperimentParser.tree("# edited\ndatasets: [builtin:demo]\nengines: [{name: simd, threads: 2}]\n"
                + "retrieval: {k: 10}\n", FILE);
        assertEquals(List.of("engines[0].threads: 1 -> 2", "retrieval: (absent) -> {\"k\":10}"),
                ExperimentParser.differences(a, b));
        assertEquals(List.of(), ExperimentParser.differences(a, ExperimentParser.tree(
                "datasets:  [ builtin:demo ]   # same\nengines:\n  - {threads: 1, name: simd}\n", FILE)));
    }
}
