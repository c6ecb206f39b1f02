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
                "% peak", "weights MiB");
        String[] cells = lines[3].trim().split("\\s+");
        assertTrue(lines[3].startsWith("simd ") && cells.length == 9, lines[3]);
        // The simd engine counts its weights exactly: MiniLM's packed FP32 weights and embeddings.
        double mib = Double.parseDouble(cells[8]);
        assertTrue(mib > 80 && mib < 95, lines[3]);
    }

    @Test
    void encoderProfileSplitsTheForwardPassByKernel() {
        CliRunner.Result r = CliRunner.run("bench", "encoder", "--engines", "simd,onnxruntime@minilm-l6-q", "--tokens",
                "8", "--batches", "2", "--threads", "1", "--seconds", "0.05", "--rounds", "1", "--profile");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("\nonnxruntime@minilm-l6-q "), r.stdout());
        assertTrue(r.stdout().contains("profile simd, 1 threads, batch 2 x 8 tokens"), r.stdout());
        for (String op : new String[] {"gemm 384x384", "gemm+gelu 384x1536", "gemm 1536x384", "attention d=32",
            "add+layernorm", "outside kernels"}) {
            assertTrue(r.stdout().contains("  " + op + " "), op + " in " + r.stdout());
        }
        // ONNX Runtime runs its own graph: there is nothing to profile, so no profile for it.
        assertTrue(!r.stdout().contains("profile onnxruntime"), r.stdout());
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
