package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.provenance.Hardware;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench tables name the machine they ran on and give every figure its unit (timings not asserted). */
class BenchCommandsTest {
    @Test
    void encoderTableNamesTheCpuThreadsAndUnits() {
        CliRunner.Result r = CliRunner.run("bench", "encoder", "--engines", "simd", "--tokens", "8", "--batches", "2",
                "--threads", "1", "--seconds", "0.05", "--rounds", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("model minilm-l6, 8 tokens per sentence"), lines[0]);
        assertTrue(lines[1].startsWith("on " + Hardware.current().describe() + "; each configuration warmed up"),
                lines[1]);
        assertInOrder(lines[2], "engine", "threads", "batch", "best sent/s", "median sent/s", "tokens/s", "GFLOPS",
                "% peak");
        assertTrue(lines[3].startsWith("simd ") && lines[3].trim().split("\\s+").length == 8, lines[3]);
    }

    @Test
    void judgeTableNamesTheCpuAndUnits() {
        CliRunner.Result r = CliRunner.run("bench", "judge", "--dataset", "builtin:demo", "--judges", "local-lexical",
                "--threads", "1", "--samples", "20", "--seconds", "0.05", "--rounds", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals("on " + Hardware.current().describe(), lines[1]);
        assertTrue(lines[2].contains("best samples/s") && lines[2].contains("median samples/s"), lines[2]);
    }

    private static void assertInOrder(String line, String... names) {
        int at = 0;
        for (String n : names) {
            int i = line.indexOf(n, at);
            assertTrue(i >= at, "'" + n + "' after column " + at + " in: " + line);
            at = i + n.length();
        }
    }
}
