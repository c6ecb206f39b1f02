package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plumbline retrieve} with bad values for each option: exit 2 (never 3), one line naming the
 * option and what is allowed, before anything is encoded, and the run file already there untouched.
 * Options that apply only with {@code --model-path} are refused without it; {@code --max-tokens}
 * applies to built-in models too.
 */
class RetrieveOptionsTest {
    @TempDir
    static Path dir;

    static Path beir;
    static Path earlier;

    @BeforeAll
    static void files() throws IOException {
        beir = dir.resolve("tiny");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("corpus.jsonl"), String.join("\n",
                "{\"_id\": \"d1\", \"title\": \"Aspirin\", \"text\": \"Aspirin reduces the risk of heart attacks.\"}",
                "{\"_id\": \"d2\", \"title\": \"Rivers\", \"text\": \"The Nile is the longest river in Africa.\"}",
                "{\"_id\": \"d3\", \"title\": \"Volcanoes\", \"text\": \"Volcanic eruptions release ash and gas.\"}")
                + "\n");
        Files.writeString(beir.resolve("queries.jsonl"),
                "{\"_id\": \"q1\", \"text\": \"Does aspirin prevent heart attacks?\"}\n"
                        + "{\"_id\": \"q2\", \"text\": \"Which river is the longest in Africa?\"}\n");
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
        earlier = Files.writeString(dir.resolve("earlier.trec"), "an earlier run\n");
    }

    private static CliRunner.Result retrieve(String... extra) {
        List<String> args = new ArrayList<>(List.of("retrieve", "--dataset", "beir:" + beir, "--no-cache"));
        args.addAll(List.of(extra));
        if (!args.contains("--threads")) {
            args.addAll(List.of("--threads", "1"));
        }
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", earlier.toString()));
        }
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static void refused(String expected, String... args) throws IOException {
        CliRunner.Result r = retrieve(args);
        String err = r.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + err);
        assertEquals("plumbline: " + expected + "\n", err, String.join(" ", args));
        assertEquals("an earlier run\n", Files.readString(earlier));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void chunkerOptionsAreCheckedAndAChunkedRunRanksDocuments() throws IOException {
        refused("--chunk-option applies only with --chunker", "--retriever", "bm25", "--chunk-option", "size=3");
        refused("--chunker: unknown chunker type 'words'; known: fixed, paragraph, recursive, semantic, sentence,"
                + " sliding, none", "--retriever", "bm25", "--chunker", "words");
        refused("--chunk-option windw: a sliding chunker has no option 'windw'; it knows aggregate, depth, stride,"
                + " window", "--retriever", "bm25", "--chunker", "sliding", "--chunk-option", "windw=3");
        refused("--aggregate: must be maxp, firstp or sump, got 'max'", "--retriever", "bm25", "--chunker", "sentence",
                "--aggregate", "max");
        Path out = dir.resolve("chunked.trec");
        CliRunner.Result r = retrieve("--retriever", "bm25", "--chunker", "sliding", "--chunk-option", "window=3",
                "--chunk-option", "stride=2", "--aggregate", "maxp", "--out", out.toString(), "--eval", "-m", "P.1");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("plumbline: 11 chunks (3.67 per document) by sliding\n"), r.stderr());
        // 8, 9 and 7 words (titles included) in windows of 3 every 2 words: 4 + 4 + 3 chunks.
        // Chunk hits come back as documents: ids are the corpus's, and each document once per topic.
        for (String line : Files.readAllLines(out)) {
            assertTrue(line.split(" ")[2].matches("d[123]"), line);
        }
        assertTrue(r.stdout().contains("P_1                   \tall\t1.0000"), r.stdout());
    }

    @Test
    void outOfRangeNumbersAreRefusedBeforeEncoding() throws IOException {
        refused("--k must be from 1 to 100000, got 0", "--k", "0");
        refused("--k must be from 1 to 100000, got 2147483647", "--k", "2147483647", "--ignore-identical-ids");
        refused("--threads must be from 1 to 1024, got 0", "--threads", "0");
        refused("--threads must be from 1 to 1024, got -1", "--threads", "-1");
        refused("--batch-size must be from 1 to 4096, got 0", "--batch-size", "0");
        refused("--max-tokens must be from 3 to 512, got 2", "--max-tokens", "2");
        refused("--max-tokens must be from 3 to 512, got 100000", "--max-tokens", "100000");
    }

    @Test
    void optionsForModelPathAreRefusedWithABuiltInModel() throws IOException {
        refused("--pooling applies only with --model-path; a built-in model brings its own pooling and prefixes, so"
                + " drop --pooling", "--pooling", "CLS");
        refused("--query-prefix applies only with --model-path; a built-in model brings its own pooling and prefixes,"
                + " so drop --query-prefix", "--model", "e5-small-v2", "--query-prefix", "q: ");
        refused("--passage-prefix applies only with --model-path; a built-in model brings its own pooling and"
                + " prefixes, so drop --passage-prefix", "--passage-prefix", "");
        refused("give --model or --model-path, not both", "--model", "minilm-l6", "--model-path", dir.toString());
    }

    @Test
    void measuresAreCheckedBeforeEncodingAndOnlyWithEval() throws IOException {
        refused("-m chooses the measures --eval prints; add --eval or drop -m", "-m", "P.5");
        CliRunner.Result r = retrieve("--eval", "-m", "bogus");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("plumbline: -m: unknown measure 'bogus'"), r.stderr());
        assertFalse(r.stderr().contains("encoding"), r.stderr());
    }

    @Test
    void aBadOutputPathIsRefusedBeforeEncoding() throws IOException {
        refused("--out " + dir + " is a folder; give the TREC run file to write, e.g. " + dir.resolve("run.trec"),
                "--out", dir.toString());
        refused("--out is empty; give the TREC run file to write", "--out", "");
        Path missing = dir.resolve("nope/x/run.trec");
        refused("--out " + missing + ": " + dir.resolve("nope/x") + " does not exist; create the folder first or"
                + " write elsewhere", "--out", missing.toString());
        Path underFile = earlier.resolve("run.trec");
        refused("--out " + underFile + ": " + earlier + " is a file; create the folder first or write elsewhere",
                "--out", underFile.toString());
    }

    @Test
    void unknownEnginesAndModelsAreOneLine() throws IOException {
        refused("unknown engine 'warp-drive'; registered engines: native, native-int4, native-int8, onnxruntime, openblas, scalar, simd,"
                + " simd-int8 (or auto)",
                "--engine", "warp-drive");
        refused("unknown model 'bert'; known models: minilm-l6, bge-small-en-v1.5, e5-small-v2, minilm-l6-q, bge-small-en-v1.5-q,"
                + " e5-small-v2-q (or give a"
                + " BERT-family ONNX export with --model-path DIR)", "--model", "bert");
    }

    @Test
    void retrieverOptionsAreCheckedBeforeAnythingRuns() throws IOException {
        refused("--index: unknown index 'hnsw-typo'; known: " + String.join(", ",
                dev.plumbline.engines.index.VectorIndexes.providers().stream().map(p -> p.name()).toList()),
                "--index", "hnsw-typo");
        refused("--index-option m: index 'flat' has no option 'm'; it knows backend", "--index-option", "m=16");
        refused("--index-option must be KEY=VALUE, got 'm'", "--index-option", "m");
        refused("--bm25-b: must be a number from 0.0 to 1.0, got '1.5'", "--retriever", "bm25", "--bm25-b", "1.5");
        refused("--norm: rrf reads ranks, not scores, so it takes no normalization; drop it or use sum, mnz or wsum",
                "--retriever", "hybrid", "--norm", "max");
        refused("--fusion: unknown fusion method 'combsum'; known: rrf, sum, mnz, wsum", "--retriever", "hybrid",
                "--fusion", "combsum");
        refused("--weights: 1 weights for 2 parts; give one per part", "--retriever", "hybrid", "--fusion", "wsum",
                "--weights", "1");
        refused("--retriever must be dense, bm25 or hybrid, got 'splade'", "--retriever", "splade");
        refused("--of: each retriever must be dense or bm25, got 'hybrid'", "--retriever", "hybrid", "--of", "bm25,hybrid");
        refused("give --ignore-identical-ids or --keep-identical-ids, not both", "--ignore-identical-ids",
                "--keep-identical-ids");
    }

    @Test
    void maxTokensAppliesToBuiltInModels() throws IOException {
        Path full = dir.resolve("full.trec");
        Path short3 = dir.resolve("short.trec");
        CliRunner.Result a = retrieve("--out", full.toString(), "--k", "3");
        CliRunner.Result b = retrieve("--out", short3.toString(), "--k", "3", "--max-tokens", "3");
        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        // Three tokens leave [CLS], the first word piece and [SEP]: other vectors, other scores.
        assertNotEquals(Files.readAllLines(full), Files.readAllLines(short3));
    }
}
