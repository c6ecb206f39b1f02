package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.harness.CliRunner;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code encode --shard I/N} and {@code cache merge}: the corpus encoding of an experiment over
 * {@code builtin:demo} (dense cells whole and chunked, BM25 cells, which encode nothing) split in
 * two by document id, the parts' cache folders merged, and a whole run on the merged cache that
 * encodes nothing and writes the TREC runs of a run without any cache, byte for byte.
 */
class ShardedEncodingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPERIMENT = """
            name: encode-parts
            datasets: [builtin:demo]
            retrievers:
              bm25: {type: bm25}
              minilm: {type: dense, model: minilm-l6, engine: simd, index: flat}
            chunking:
              - none
              - {name: s2, type: sentence, sentences: 2, overlap: 0}
            retrieval: {k: 20}
            metrics: {ir: [ndcg_cut.10, recall.100]}
            latency: {warmup: 1}
            CACHE
            output: {reports: [md]}
            """;

    @TempDir
    static Path dir;

    static Path experiment(String name, String cacheLine) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, EXPERIMENT.replace("CACHE", cacheLine));
        return p;
    }

    static CliRunner.Result run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r;
    }

    static Path parts;

    @BeforeAll
    static void encodeInTwoParts() throws IOException {
        parts = experiment("parts", "cache: true");
        for (int i = 1; i <= 2; i++) {
            CliRunner.Result r = run("encode", parts.toString(), "--shard", i + "/2", "--cache",
                    dir.resolve("part-" + i).toString(), "-q");
            assertTrue(r.stdout().contains("encoded part " + i + "/2 of encode-parts: "), r.stdout());
        }
    }

    @Test
    void thePartsSplitTheCorpusAndTheirMergeHoldsEveryVectorARunNeeds() throws IOException {
        JsonNode one = JSON.readTree(dir.resolve("part-1/encode-parts/part-1-of-2.json").toFile());
        JsonNode two = JSON.readTree(dir.resolve("part-2/encode-parts/part-2-of-2.json").toFile());
        int corpus = one.get("corpusDocuments").asInt();
        assertTrue(one.get("documents").asInt() > 0 && two.get("documents").asInt() > 0, "both parts have documents");
        assertEquals(corpus, one.get("documents").asInt() + two.get("documents").asInt(), "each document in one part");
        assertEquals(one.get("files"), two.get("files"), "the same namespaces: one model, one engine");

        Path merged = dir.resolve("merged");
        CliRunner.Result m = run("cache", "merge", dir.resolve("part-2").toString(), dir.resolve("part-1").toString(),
                "--into", merged.toString());
        assertTrue(m.stdout().startsWith("merged 2 parts into " + merged), m.stdout());

        Path cached = dir.resolve("run-merged");
        run("run", experiment("merged", "cache_dir: " + merged).toString(), "--out", cached.toString(), "-q");
        Path fresh = dir.resolve("run-fresh");
        run("run", experiment("fresh", "cache: false").toString(), "--out", fresh.toString(), "-q");
        Results r = ResultsJson.read(cached.resolve("results.json"));
        for (String cell : List.of("minilm", "minilm@s2")) {
            EngineRun e = r.engine(cell);
            assertTrue(e.runValues().get("encode_docs.cached") > 0, cell);
            assertTrue(Double.isNaN(e.runValues().get("encode_docs.total_s")), cell + ": nothing was encoded");
        }
        for (String cell : List.of("bm25", "bm25@s2", "minilm", "minilm@s2")) {
            assertArrayEquals(Files.readAllBytes(fresh.resolve("runs/" + cell + ".trec")),
                    Files.readAllBytes(cached.resolve("runs/" + cell + ".trec")), cell);
        }
    }

    @Test
    void aMissingOrRepeatedPartIsRefused() {
        CliRunner.Result missing = CliRunner.run("cache", "merge", dir.resolve("part-1").toString(), "--into",
                dir.resolve("m1").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("parts 2/2 missing"), missing.stderr());
        CliRunner.Result twice = CliRunner.run("cache", "merge", dir.resolve("part-1").toString(),
                dir.resolve("part-1").toString(), dir.resolve("part-2").toString(), "--into", dir.resolve("m2").toString());
        assertEquals(2, twice.exitCode());
        assertTrue(twice.stderr().contains("part 1/2 given twice"), twice.stderr());
        CliRunner.Result none = CliRunner.run("cache", "merge", dir.toString(), "--into", dir.resolve("m3").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.stderr().contains("no encode-parts/part-I-of-N.json"), none.stderr());
    }
}
