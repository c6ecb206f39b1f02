package dev.plumbline.harness.cli;

import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.datasets.trec.TrecRunReader;
import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plumbline fuse} on hand-made runs, checked against values computed by hand. */
class FuseCommandTest {
    @TempDir
    Path dir;

    /**
     * A ranks q1 as trec_eval does, by score, whatever its rank column says: d1 (3), then d3 and d2
     * tied at 2, d3 first (docno descending). B: d4, d2; and q2, which A lacks.
     */
    private Path[] runs() throws IOException {
        Path a = dir.resolve("a.trec");
        Path b = dir.resolve("b.trec");
        Files.writeString(a, "q1 Q0 d2 1 2.0 a\nq1 Q0 d1 2 3.0 a\nq1 Q0 d3 3 2.0 a\n");
        Files.writeString(b, "q1 Q0 d4 1 1.0 b\nq1 Q0 d2 2 0.5 b\nq2 Q0 d9 1 7 b\n");
        return new Path[] {a, b};
    }

    @Test
    void rrfTakesRanksInTrecEvalOrderAndBreaksTiesByDocnoDescending() throws IOException {
        Path[] r = runs();
        Path out = dir.resolve("fused.trec");
        CliRunner.Result res = CliRunner.run("fuse", r[0].toString(), r[1].toString(), "--method", "rrf",
                "--out", out.toString());
        assertEquals(0, res.exitCode(), res.stderr());
        // d2: 1/63 (third in A) + 1/62 (second in B); d4 and d1 tie at 1/61, d4 first; d3: 1/62.
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of(
                "q1 Q0 d2 1 " + (1.0 / 63 + 1.0 / 62) + " plumbline-fuse-rrf",
                "q1 Q0 d4 2 " + 1.0 / 61 + " plumbline-fuse-rrf",
                "q1 Q0 d1 3 " + 1.0 / 61 + " plumbline-fuse-rrf",
                "q1 Q0 d3 4 " + 1.0 / 62 + " plumbline-fuse-rrf",
                "q2 Q0 d9 1 " + 1.0 / 61 + " plumbline-fuse-rrf"), lines);
        // trec_eval reads back the fused order.
        Run back = TrecRunReader.read(out);
        TopicRun q1 = back.topic("q1");
        assertEquals(4, q1.size());
        assertEquals(1.0 / 63 + 1.0 / 62, q1.score(0));
    }

    @Test
    void minMaxSumGoesToStdoutWithoutOut() throws IOException {
        Path[] r = runs();
        CliRunner.Result res = CliRunner.run("fuse", r[0].toString(), r[1].toString(), "--method", "sum",
                "--norm", "min-max", "--k", "60");
        assertEquals(2, res.exitCode(), res.stderr());
        assertEquals("plumbline: --k is rrf's constant; sum takes none, so drop --k\n", res.stderr());
        res = CliRunner.run("fuse", r[0].toString(), r[1].toString(), "--method", "sum", "--tag", "t");
        assertEquals(0, res.exitCode(), res.stderr());
        // A: d1 1, d3 0, d2 0. B: d4 1, d2 0. d4 and d1 tie at 1.0 (d4 first), d3 and d2 at 0 (d3 first).
        assertEquals("q1 Q0 d4 1 1.0 t\nq1 Q0 d1 2 1.0 t\nq1 Q0 d3 3 0.0 t\nq1 Q0 d2 4 0.0 t\nq2 Q0 d9 1 0.0 t\n",
                res.stdout());
    }

    @Test
    void weightedSumWithAlphaAndDepth() throws IOException {
        Path[] r = runs();
        CliRunner.Result res = CliRunner.run("fuse", r[0].toString(), r[1].toString(), "--method", "wsum",
                "--alpha", "0.25", "--depth", "2");
        assertEquals(0, res.exitCode(), res.stderr());
        // d4: 0.75 * 1; d1: 0.25 * 1; the rest 0.
        assertEquals("q1 Q0 d4 1 0.75 plumbline-fuse-wsum\nq1 Q0 d1 2 0.25 plumbline-fuse-wsum\n"
                + "q2 Q0 d9 1 0.0 plumbline-fuse-wsum\n", res.stdout());
    }

    @Test
    void badInputIsOneLine() throws IOException {
        Path[] r = runs();
        CliRunner.Result res = CliRunner.run("fuse", r[0].toString(), r[1].toString(), "--method", "combsum");
        assertEquals(2, res.exitCode());
        assertEquals("plumbline: --method: unknown fusion method 'combsum'; use rrf, sum, mnz, wsum\n", res.stderr());
        Path bad = dir.resolve("bad.trec");
        Files.writeString(bad, "q1 Q0 d1 1\n");
        res = CliRunner.run("fuse", r[0].toString(), bad.toString());
        assertEquals(2, res.exitCode());
        assertTrue(res.stderr().startsWith("plumbline: " + bad + ":1:"), res.stderr());
        res = CliRunner.run("fuse", r[0].toString(), r[1].toString(), "--method", "wsum", "--weights", "1,2,3");
        assertEquals(2, res.exitCode());
        assertEquals("plumbline: --weights has 3 weights for 2 runs; give one per run\n", res.stderr());
    }
}
