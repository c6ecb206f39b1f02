package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ids go into {@code runs/*.trec} and must come back unchanged when the run file is scored again:
 * the per-query values {@code plumbline trec-eval -q} computes from the written run equal the
 * values in the run's own results, for ids with punctuation, non-ASCII letters and a {@code #}
 * inside. An id a TREC line cannot hold (a space) is refused at load with {@code file:line},
 * before anything is encoded or written.
 */
class TrecIdsRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path dataset(String name, String d1, String d2, String d3, String q1, String q2) throws IOException {
        Path b = Files.createDirectories(dir.resolve(name).resolve("qrels")).getParent();
        Files.writeString(b.resolve("corpus.jsonl"), String.join("\n",
                doc(d1, "Aspirin", "Aspirin reduces the risk of heart attacks."),
                doc(d2, "Rivers", "The Nile is the longest river in Africa."),
                doc(d3, "Volcanoes", "Volcanic eruptions release ash and gas.")) + "\n");
        Files.writeString(b.resolve("queries.jsonl"),
                JSON.writeValueAsString(Map.of("_id", q1, "text", "Does aspirin prevent heart attacks?")) + "\n"
                        + JSON.writeValueAsString(Map.of("_id", q2, "text", "Which river is the longest in Africa?")) + "\n");
        // q1 finds d1 first; d3 is also judged relevant for q1, so its rank decides nDCG (not a trivial 1.0).
        Files.writeString(b.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n" + q1 + "\t" + d1 + "\t1\n"
                + q1 + "\t" + d3 + "\t2\n" + q2 + "\t" + d2 + "\t1\n");
        Files.writeString(dir.resolve(name + ".qrels"), q1 + " 0 " + d1 + " 1\n" + q1 + " 0 " + d3 + " 2\n"
                + q2 + " 0 " + d2 + " 1\n");
        return b;
    }

    private static String doc(String id, String title, String text) throws IOException {
        return JSON.writeValueAsString(new TreeMap<>(Map.of("_id", id, "title", title, "text", text)));
    }

    private Path experiment(Path beir, Path out) throws IOException {
        return Files.writeString(dir.resolve(out.getFileName() + ".yaml"), String.join("\n",
                "name: ids",
                "datasets: [\"beir:" + beir + "\"]",
                "models: [minilm-l6]",
                "engines: [{name: onnxruntime, threads: 1}]",
                "retrieval: {k: 3}",
                "metrics: {ir: [ndcg_cut.10, recip_rank]}",
                "latency: {warmup: 0}",
                "cache: false",
                "output: {dir: \"" + out + "\", reports: [md]}") + "\n");
    }

    @Test
    void idsComeBackFromTheRunFileAndScoreTheSame() throws IOException {
        String d1 = "MED/4:ß-1";
        String d2 = "#not-a-comment";
        String d3 = "doc\"quoted\"é";
        String q1 = "q:1/α";
        String q2 = "Q-2.b";
        Path beir = dataset("odd", d1, d2, d3, q1, q2);
        Path out = dir.resolve("out");
        CliRunner.Result run = CliRunner.run("run", experiment(beir, out).toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());

        Path runFile;
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            runFile = s.filter(p -> p.toString().endsWith(".trec")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(runFile);
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().allMatch(l -> l.split(" ").length == 6), "six fields on every line: " + lines);

        // Per-query values in the results, keyed by item id.
        Map<String, Double> inResults = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("results.items.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            inResults.put(n.get("item").asText() + " ndcg_cut_10", n.get("values").get("ndcg_cut_10").asDouble());
            inResults.put(n.get("item").asText() + " recip_rank", n.get("values").get("recip_rank").asDouble());
        }
        assertEquals(4, inResults.size(), inResults.toString());

        CliRunner.Result again = CliRunner.run("trec-eval", "-q", "-c", "-m", "ndcg_cut.10", "-m", "recip_rank",
                dir.resolve("odd.qrels").toString(), runFile.toString());
        assertEquals(0, again.exitCode(), again.stderr());
        Map<String, Double> rescored = new TreeMap<>();
        for (String line : again.stdout().lines().toList()) {
            String[] f = line.split("\t");
            if (!f[1].equals("all")) {
                rescored.put(f[1] + " " + f[0].strip(), Double.parseDouble(f[2]));
            }
        }
        assertEquals(inResults.keySet(), rescored.keySet(), "every query id comes back from the run file");
        for (Map.Entry<String, Double> e : inResults.entrySet()) {
            assertEquals(e.getValue(), rescored.get(e.getKey()), 0.00005, e.getKey() + " (trec-eval prints 4 decimals)");
        }
    }

    @Test
    void anIdWithASpaceIsRefusedAtLoadBeforeAnythingIsWritten() throws IOException {
        Path beir = dataset("spaced", "d 1", "d2", "d3", "q1", "q2");
        Path out = dir.resolve("spaced-out");
        CliRunner.Result run = CliRunner.run("run", experiment(beir, out).toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("plumbline: " + beir.resolve("qrels/test.tsv") + ":2: judgment: document id \"d 1\" has a space "
                + "(U+0020) at character 2 (expected an id without whitespace, control or invisible characters: TREC run "
                + "and qrels lines split fields on whitespace, so the id would be read back as another and scored "
                + "wrongly; rename it)\n", run.stderr());
        assertFalse(Files.exists(out.resolve("runs")), "no run file written");
        assertFalse(Files.exists(out.resolve("results.json")), "no results written");

        CliRunner.Result retrieve = CliRunner.run("retrieve", "--dataset", "beir:" + beir, "--engine", "onnxruntime",
                "--out", dir.resolve("r.trec").toString(), "--no-cache", "--threads", "1");
        assertEquals(2, retrieve.exitCode(), retrieve.stderr());
        assertTrue(retrieve.stderr().startsWith("plumbline: " + beir.resolve("qrels/test.tsv") + ":2: judgment: document "
                + "id \"d 1\" has a space"), retrieve.stderr());
        assertFalse(Files.exists(dir.resolve("r.trec")));
    }
}
