package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a {@code plumbline run} in a child JVM after its first cell, resumes it with
 * {@code --resume}, and checks the results equal those of an uninterrupted run: every non-timing
 * value per item, and the TREC run files' rankings. The uninterrupted run reads the embedding
 * cache the killed and resumed runs filled, so it sees the same vectors. Scores are compared to a
 * relative 1e-6 rather than bit for bit: the flat index's scores no longer depend on the JIT (it
 * scores through one GEMM tile order), but the test asserts resume, not the index's bits.
 */
class ResumeAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesToTheSameResults() throws IOException, InterruptedException {
        Path experiment = dir.resolve("exp.yaml");
        Files.writeString(experiment, """
                name: resume
                datasets: [builtin:demo]
                engines:
                  - {name: onnxruntime, threads: 1}
                  - {name: simd, threads: 1}
                latency: {warmup: 0}
                cache_dir: %s
                output: {reports: [md]}
                """.formatted(dir.resolve("cache")));

        Path killed = dir.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.plumbline.harness.Main",
                "run", experiment.toString(), "--out", killed.toString(), "-q")
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        Path firstCell = killed.resolve("checkpoint/cell-000.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(firstCell) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(Files.exists(firstCell), "the child never finished its first cell: "
                + Files.readString(dir.resolve("child.err")));
        child.destroyForcibly();
        child.waitFor();
        assertFalse(Files.exists(killed.resolve("results.json")), "the child finished before it was killed");

        CliRunner.Result resumed = CliRunner.run("run", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("onnxruntime/minilm-l6: read back from its checkpoint"), resumed.stderr());
        assertFalse(resumed.stderr().contains("simd/minilm-l6: read back"), resumed.stderr());

        Path reference = dir.resolve("reference");
        CliRunner.Result ref = CliRunner.run("run", experiment.toString(), "--out", reference.toString(), "-q");
        assertEquals(0, ref.exitCode(), ref.stderr());

        Results a = ResultsJson.read(reference.resolve("results.json"));
        Results b = ResultsJson.read(killed.resolve("results.json"));
        assertEquals(a.engines().stream().map(EngineRun::engine).toList(),
                b.engines().stream().map(EngineRun::engine).toList());
        for (EngineRun ea : a.engines()) {
            EngineRun eb = b.engine(ea.engine());
            assertEquals(ea.itemIds(), eb.itemIds(), ea.engine());
            for (MetricValues m : ea.metrics().values()) {
                if (!m.info().timing()) {
                    assertArrayEquals(m.values(), eb.metric(m.name()).values(), ea.engine() + " " + m.name());
                }
            }
            for (String v : List.of("num_q", "memory.index_bytes", "search.calls")) {
                assertEquals(ea.runValues().get(v), eb.runValues().get(v), ea.engine() + " " + v);
            }
        }
        for (String run : List.of("onnxruntime_minilm-l6.trec", "simd_minilm-l6.trec")) {
            List<String> ra = Files.readAllLines(reference.resolve("runs").resolve(run));
            List<String> rb = Files.readAllLines(killed.resolve("runs").resolve(run));
            assertEquals(ra.size(), rb.size(), run);
            for (int i = 0; i < ra.size(); i++) {
                String[] fa = ra.get(i).split(" ");
                String[] fb = rb.get(i).split(" ");
                assertEquals(fa[0] + " " + fa[2] + " " + fa[3], fb[0] + " " + fb[2] + " " + fb[3], run + ":" + (i + 1));
                double sa = Double.parseDouble(fa[4]);
                assertEquals(sa, Double.parseDouble(fb[4]), 1e-6 * Math.max(1, Math.abs(sa)), run + ":" + (i + 1));
            }
        }
    }
}
