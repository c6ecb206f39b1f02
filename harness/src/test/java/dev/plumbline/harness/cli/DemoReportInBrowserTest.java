package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's HTML report, rendered by headless Chromium: the page loads from disk, its charts are
 * in the DOM, and the console stays silent. Skipped without Chromium unless
 * {@code PLUMBLINE_REQUIRE_CHROMIUM=1} (set by .ci/run, which installs it).
 */
class DemoReportInBrowserTest {
    @TempDir
    Path dir;

    @Test
    void demoReportRendersWithChartsAndNoConsoleMessages() throws Exception {
        Path chromium = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .flatMap(d -> Stream.of("chromium", "chromium-browser").map(n -> Path.of(d, n)))
                .filter(Files::isExecutable).findFirst().orElse(null);
        if ("1".equals(System.getenv("PLUMBLINE_REQUIRE_CHROMIUM"))) {
            assertTrue(chromium != null, "PLUMBLINE_REQUIRE_CHROMIUM=1 but no chromium on PATH; apt-get install chromium");
        }
        assumeTrue(chromium != null, "chromium not installed");

        Path out = dir.resolve("demo");
        CliRunner.Result demo = CliRunner.run("demo", "--out", out.toString(), "--quiet");
        assertEquals(0, demo.exitCode(), demo.stderr());
        Path report = out.resolve("report.html");
        assertTrue(Files.isRegularFile(report), "no report at " + report + "; demo said: " + demo.stdout());

        Path profile = Files.createTempDirectory(dir, "profile");
        Path stdout = dir.resolve("dom.html");
        Path stderr = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom", report.toUri().toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        assertTrue(dom.contains("<svg"), "no chart in the rendered report");
        assertTrue(dom.contains("simd") && dom.contains("faithfulness"), "engines or RAG metrics missing from the page");
        List<String> console = Files.readAllLines(stderr).stream().filter(l -> l.contains("CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages: " + console);
    }
}
