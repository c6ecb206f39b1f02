package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports, compare and gate on the trec_eval golden case in {@code ../shared}: the results
 * document's means equal trec_eval 10.0's printed summaries, and a degraded run fails the gate.
 */
@Tag("real-data")
class ReportsRealDataTest {
    static final Path CASE = Path.of(System.getProperty("plumbline.shared", "../../shared"))
            .resolve("golden/trec_eval/case1");

    @TempDir
    Path dir;

    @Test
    void meansEqualTrecEvalSummariesOnTheGoldenCase() throws IOException {
        CliRunner.Result r = CliRunner.run("report", "--qrels", CASE.resolve("qrels.txt").toString(), "--run",
                CASE.resolve("run.txt").toString(), "-c", "-m", "all_trec", "--out", dir.toString(), "--format",
                "json,html,md,csv,junit");
        assertEquals(0, r.exitCode(), r.stderr());
        Results results = ResultsJson.read(dir.resolve("results.json"));
        Map<String, String> golden = new HashMap<>();
        for (String line : Files.readAllLines(CASE.resolve("out/v10/cq_all_trec.out"))) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[1].equals("all")) {
                golden.put(f[0].strip(), f[2]);
            }
        }
        String engine = results.engines().getFirst().engine();
        int checked = 0;
        for (MetricInfo m : results.metrics().values()) {
            if (m.direction() == Direction.NEUTRAL || !golden.containsKey(m.name())) {
                continue;
            }
            double mean = results.aggregate(engine, m.name()).mean();
            assertEquals(golden.get(m.name()), String.format(Locale.ROOT, "%6.4f", mean), m.name());
            checked++;
        }
        assertTrue(checked > 50, "checked " + checked + " measures");
        assertEquals(golden.get("num_q"), String.format(Locale.ROOT, "%d",
                results.engines().getFirst().runValues().get("num_q").longValue()));
        assertEquals(golden.get("gm_map"), String.format(Locale.ROOT, "%6.4f",
                results.engines().getFirst().runValues().get("gm_map")));
    }

    @Test
    void degradedRunFailsTheGate() throws IOException {
        Path degraded = dir.resolve("degraded.txt");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(CASE.resolve("run.txt"))) {
            String[] f = line.trim().split("\\s+");
            // A broken ranker: the top five documents of every topic drop to the bottom.
            double score = Double.parseDouble(f[4]) - (Integer.parseInt(f[3]) <= 5 ? 100 : 0);
            lines.add(f[0] + " Q0 " + f[2] + " " + f[3] + " " + score + " " + f[5]);
        }
        Files.write(degraded, lines);
        assertEquals(0, CliRunner.run("report", "--qrels", CASE.resolve("qrels.txt").toString(), "--run",
                CASE.resolve("run.txt").toString(), "--out", dir.resolve("base").toString(), "--format", "json")
                .exitCode());
        assertEquals(0, CliRunner.run("report", "--qrels", CASE.resolve("qrels.txt").toString(), "--run",
                degraded.toString(), "--out", dir.resolve("cur").toString(), "--format", "json").exitCode());
        // Eleven topics are too few for a significant drop at 5 % (the exact test's p is 0.055 here), so the
        // gate bounds the drop itself; significance is exercised on larger samples in the unit tests.
        Path rules = Files.writeString(dir.resolve("gates.yaml"), "ndcg_cut.10: max_drop 0.01\nfailed_items: max 0\n");
        CliRunner.Result g = CliRunner.run("gate", "--baseline", dir.resolve("base/results.json").toString(),
                "--current", dir.resolve("cur/results.json").toString(), "--rules", rules.toString(),
                "--out", dir.resolve("gate").toString());
        assertEquals(1, g.exitCode(), g.stdout() + g.stderr());
        assertTrue(g.stdout().startsWith("FAIL [case1run] ndcg_cut.10: max_drop 0.01: ndcg_cut_10 mean dropped: 0.5429 → "),
                g.stdout());
        assertTrue(Files.readString(dir.resolve("gate/junit.xml")).contains("failures=\"1\""));
        CliRunner.Result c = CliRunner.run("compare", dir.resolve("base/results.json").toString(),
                dir.resolve("cur/results.json").toString(), "--out", dir.resolve("cmp").toString());
        assertEquals(0, c.exitCode(), c.stderr());
        assertTrue(c.stdout().lines().anyMatch(l -> l.matches("ndcg_cut_10 +0\\.5429 +0\\.4311 +-0\\.1118 .*")), c.stdout());
    }
}
