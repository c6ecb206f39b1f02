package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --shard I/N} and {@code merge}: one experiment over {@code builtin:demo} with every
 * kind of cell (BM25 and dense retrieval, end-to-end cells with the extractive generator, the
 * judge cell; summary-only measures {@code num_q} and {@code gm_map}) run whole, in 2 parts and in
 * 3 parts; each merge must write exactly the whole run's files. The corpus is encoded once: every
 * run shares one embedding cache. Chunked cells are left out to keep the six runs short: a part
 * chunks and reads back the whole corpus as the whole run does, so they split like any cell.
 *
 * <p>What may differ, and nothing else: the figures of a process ({@link #processFigure}: latency
 * and throughput, memory, the corpus encoding and build times, warm-up counts), each item's
 * measured {@code latency} and its aggregate, and the provenance's start and finish times,
 * command line, peak resident set and the merged record's list of parts.
 */
class ShardedRunTest {
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @TempDir
    static Path dir;
    static Path experiment;
    static Path whole;

    @BeforeAll
    static void runWholeAndInParts() throws IOException {
        experiment = dir.resolve("shards.yaml");
        Files.writeString(experiment, """
                name: shards
                datasets: [builtin:demo]
                retrievers:
                  bm25: {type: bm25}
                  minilm: {type: dense, model: minilm-l6, engine: simd, index: flat}
                generators: [extractive]
                retrieval: {k: 20}
                metrics: {ir: [ndcg_cut.10, recall.100, map, gm_map, num_q]}
                judge: local-lexical
                latency: {warmup: 1}
                cache_dir: CACHE
                output: {reports: [md]}
                """.replace("CACHE", dir.resolve("cache").toString()));
        whole = dir.resolve("whole");
        run("run", experiment.toString(), "--out", whole.toString(), "-q");
        for (int n = 2; n <= 3; n++) {
            for (int i = 1; i <= n; i++) {
                run("run", experiment.toString(), "--out", part(i, n).toString(), "--shard", i + "/" + n, "-q");
            }
        }
    }

    private static Path part(int i, int n) {
        return dir.resolve("part-" + i + "-of-" + n);
    }

    private static CliRunner.Result run(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r;
    }

    @Test
    void twoPartsMergeIntoTheWholeRun() throws IOException {
        assertMergesToWhole(2);
    }

    @Test
    void threePartsMergeIntoTheWholeRun() throws IOException {
        assertMergesToWhole(3);
    }

    private void assertMergesToWhole(int n) throws IOException {
        List<String> args = new ArrayList<>(List.of("merge"));
        for (int i = n; i >= 1; i--) {
            args.add(part(i, n).toString()); // any order
        }
        Path merged = dir.resolve("merged-" + n);
        args.addAll(List.of("--out", merged.toString(), "-q"));
        CliRunner.Result r = run(args.toArray(String[]::new));
        assertTrue(r.stdout().contains("merged " + n + " parts of shards into " + merged), r.stdout());
        assertTrue(Files.exists(merged.resolve("summary.md")), "the experiment's reports are written");
        assertTrue(Files.exists(merged.resolve("experiment.yaml")));

        // Every part did a part: together exactly the whole run's items, each once.
        int items = 0;
        for (int i = 1; i <= n; i++) {
            items += Files.readAllLines(part(i, n).resolve("results.items.jsonl")).size();
        }
        List<String> wholeItems = Files.readAllLines(whole.resolve("results.items.jsonl"));
        assertEquals(wholeItems.size(), items);
        assertTrue(Files.readAllLines(part(1, n).resolve("results.items.jsonl")).size() < wholeItems.size());

        // Items: byte for byte, but for each item's measured latency.
        List<String> mergedItems = Files.readAllLines(merged.resolve("results.items.jsonl"));
        assertEquals(wholeItems.size(), mergedItems.size());
        for (int i = 0; i < wholeItems.size(); i++) {
            assertEquals(maskLatency(wholeItems.get(i)), maskLatency(mergedItems.get(i)), "item line " + (i + 1));
        }

        // The document: exact numbers and key order, but for the process's figures.
        JsonNode a = EXACT.readTree(whole.resolve("results.json").toFile());
        JsonNode b = EXACT.readTree(merged.resolve("results.json").toFile());
        JsonNode parts = b.path("provenance").path("shards");
        assertEquals(n, parts.size(), "one provenance record naming the parts");
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, parts.get(i).path("index").asInt());
            assertEquals(n, parts.get(i).path("count").asInt());
            assertEquals(part(i + 1, n).toString(), parts.get(i).path("folder").asText());
        }
        assertFalse(a.path("provenance").has("shards"), "a run in one process names no parts");
        String expected = EXACT.writerWithDefaultPrettyPrinter().writeValueAsString(deterministic(a));
        String actual = EXACT.writerWithDefaultPrettyPrinter().writeValueAsString(deterministic(b));
        assertEquals(expected, actual);
        // The comparison is not vacuous: the item counts, summaries and corpus figures are in it.
        for (String kept : List.of("\"num_q\" : 190", "\"gm_map\"", "\"query.calls\" : 190", "\"search.calls\"",
                "\"retrieval.identical_ids_dropped\"", "\"tokens.truncated_docs\"",
                "\"generate.failed\" : 0", "\"judge.calls\" : 160", "\"ciLow\"", "\"modelSha256\"", "\"sha256\"")) {
            assertTrue(expected.contains(kept), kept);
        }

        // TREC runs and contexts files: byte for byte.
        List<String> wholeRuns = list(whole.resolve("runs"));
        assertEquals(wholeRuns, list(merged.resolve("runs")));
        assertEquals(List.of("bm25.contexts.jsonl", "bm25.trec", "minilm.contexts.jsonl", "minilm.trec"), wholeRuns);
        for (String f : wholeRuns) {
            assertEquals(-1, Files.mismatch(whole.resolve("runs").resolve(f), merged.resolve("runs").resolve(f)), f);
        }
    }

    private static String maskLatency(String line) {
        String masked = line.replaceFirst("\"latency\":[-0-9.Ee]+", "\"latency\":MEASURED");
        assertFalse(masked.equals(line) && line.contains("\"latency\""), line);
        return masked;
    }

    /**
     * The run values that describe the process, not the items: latency percentiles and means
     * ({@code _ms}), throughput ({@code _per_s}), wall times ({@code _s}, {@code .ms}), memory,
     * the corpus encoding (every part encodes or reads back the whole corpus), warm-up counts (every
     * process warms up) and the run-to-run spread.
     */
    static boolean processFigure(String key) {
        return key.startsWith("memory.") || key.startsWith("encode_docs.") || key.startsWith("query.spread.")
                || key.endsWith("_ms") || key.endsWith(".ms") || key.endsWith("_per_s") || key.endsWith("_s")
                || key.endsWith(".warmup");
    }

    /** {@code doc} without what the class comment lists as measured. */
    private static JsonNode deterministic(JsonNode doc) {
        ObjectNode copy = doc.deepCopy();
        ObjectNode p = (ObjectNode) copy.get("provenance");
        p.remove(List.of("startedAt", "finishedAt", "command", "peakRssBytes", "shards"));
        for (JsonNode e : copy.get("engines")) {
            ObjectNode values = (ObjectNode) e.get("runValues");
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                if (processFigure(it.next().getKey())) {
                    it.remove();
                }
            }
            ArrayNode aggregates = (ArrayNode) e.get("aggregates");
            for (int i = aggregates.size() - 1; i >= 0; i--) {
                if (aggregates.get(i).path("metric").asText().equals("latency")) {
                    aggregates.remove(i);
                }
            }
        }
        return copy;
    }

    private static List<String> list(Path runs) {
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Refusals: one line, exit 2, nothing merged.

    private static String refused(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        String err = r.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("plumbline: "), err);
        return err.strip();
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().equals(".plumbline.lock")) {
                    Files.copy(f, t);
                }
            }
        }
        return to;
    }

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aMissingPartIsRefused() {
        String err = refused("merge", part(1, 3).toString(), part(3, 3).toString(), "--out", out("no-missing"), "-q");
        assertEquals("plumbline: part 2/3 is missing (given: 1/3, 3/3); add its folder", err);
        assertFalse(Files.exists(dir.resolve("no-missing")));
    }

    @Test
    void aPartGivenTwiceIsRefused() throws IOException {
        Path again = copy(part(1, 2), "again-1-of-2");
        String err = refused("merge", part(1, 2).toString(), again.toString(), part(2, 2).toString(),
                "--out", out("no-twice"), "-q");
        assertEquals("plumbline: " + part(1, 2) + " and " + again + " are both part 1/2; give each part once", err);
    }

    @Test
    void partsOfDifferentSplitsAreRefused() {
        String err = refused("merge", part(1, 2).toString(), part(2, 3).toString(), "--out", out("no-split"), "-q");
        assertTrue(err.endsWith(part(2, 3) + " is part 2/3 but " + part(1, 2) + " is part 1/2; merge the parts of"
                + " one split (the same N in every --shard I/N)"), err);
    }

    @Test
    void partsOfDifferentExperimentsAreRefused() throws IOException {
        Path other = copy(part(2, 2), "other-experiment");
        Path manifest = other.resolve("shard.json");
        JsonNode m = EXACT.readTree(manifest.toFile());
        ((ObjectNode) m).put("experimentSha256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        Files.writeString(manifest, m.toString());
        String err = refused("merge", part(1, 2).toString(), other.toString(), "--out", out("no-experiment"), "-q");
        assertTrue(err.contains(other + " is a part of experiment shards (sha256 0123456789ab…), " + part(1, 2)
                + " of shards (sha256 "), err);
        assertTrue(err.endsWith("); merge only the parts of one experiment file"), err);
    }

    @Test
    void partsOnDifferentDataAreRefused() throws IOException {
        Path other = copy(part(2, 2), "other-data");
        Path results = other.resolve("results.json");
        ObjectNode doc = (ObjectNode) EXACT.readTree(results.toFile());
        ObjectNode dataset = (ObjectNode) doc.path("provenance").path("datasets").get(0);
        String sha = dataset.path("sha256").asText();
        dataset.put("sha256", "f".repeat(64));
        Files.writeString(results, EXACT.writeValueAsString(doc));
        String err = refused("merge", part(1, 2).toString(), other.toString(), "--out", out("no-data"), "-q");
        assertEquals("plumbline: " + other + " ran on other data than " + part(1, 2) + " (dataset builtin:demo:"
                + " fingerprint ffffffffffff… vs " + sha.substring(0, 12) + "…); run every part on the same data", err);
    }

    @Test
    void anUnfinishedPartIsRefused() throws IOException {
        Path unfinished = copy(part(2, 2), "unfinished");
        Files.delete(unfinished.resolve("results.json"));
        String err = refused("merge", part(1, 2).toString(), unfinished.toString(), "--out", out("no-unfinished"), "-q");
        assertEquals("plumbline: " + unfinished + " (part 2/2) has no results.json: the part did not finish;"
                + " continue it with plumbline run --resume " + unfinished, err);
    }

    @Test
    void aWholeRunIsNotAPart() {
        String err = refused("merge", part(1, 2).toString(), whole.toString(), "--out", out("no-whole"), "-q");
        assertEquals("plumbline: " + whole + " is not a part of a sharded run: it has no shard.json"
                + " (plumbline run EXPERIMENT --shard I/N writes one)", err);
    }

    @Test
    void aBadShardIsRefusedBeforeAnythingRuns() {
        assertEquals("plumbline: --shard 3/2: need 1 <= INDEX <= COUNT <= 10000, e.g. --shard 1/2",
                refused("run", experiment.toString(), "--out", out("no-run"), "--shard", "3/2", "-q"));
        assertEquals("plumbline: --shard two: expected INDEX/COUNT with 1 <= INDEX <= COUNT, e.g. --shard 1/4",
                refused("run", experiment.toString(), "--out", out("no-run"), "--shard", "two", "-q"));
        assertFalse(Files.exists(dir.resolve("no-run")));
    }
}
