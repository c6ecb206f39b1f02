package dev.plumbline.harness.run;

import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills {@code plumbline run} in a child JVM with SIGKILL ({@code destroyForcibly}) at seeded random
 * moments, again and again in one output folder (a fresh run, then {@code run --resume} children,
 * each killed in turn), in the retrieval cell, in the judge cell and while results and reports are
 * written. After every kill no results file may be half-written: {@code results.json} and every
 * saved cell parse or are absent, and every complete line of a cell's item log verifies. A last
 * {@code run --resume} must then give per-item values identical to an uninterrupted run (timings
 * aside), and the TREC run's rankings.
 *
 * <p>The uninterrupted run goes first and fills a temporary embedding cache, so the children read
 * the same vectors and start in seconds. Kill moments are seeded: a random delay after the cell
 * starts, a random number of newly logged items, or the first temporary file of the final writes
 * plus a random delay; what was running is read from the files at the moment of the kill.
 */
class KillAnywhereResumeTest {
    private static final long SEED = 20_250_918L;
    /** Kills wanted in each phase; together at least 10. */
    private static final int PER_PHASE = 4;

    @TempDir
    Path dir;

    @Test
    void runsKilledAnywhereResumeToTheItemsOfAnUninterruptedRun() throws Exception {
        Path experiment = dir.resolve("exp.yaml");
        Files.writeString(experiment, """
                name: kill-anywhere
                datasets: [builtin:demo]
                engines:
                  - {name: simd, threads: 1}
                judge: local-lexical
                latency: {warmup: 0}
                cache_dir: %s
                output: {reports: [md, csv]}
                """.formatted(dir.resolve("cache")));
        Path reference = dir.resolve("reference");
        CliRunner.Result ref = CliRunner.run("run", experiment.toString(), "--out", reference.toString(), "-q");
        assertEquals(0, ref.exitCode(), ref.stderr());

        Random random = new Random(SEED);
        Path out = dir.resolve("killed");
        Map<String, Integer> kills = new LinkedHashMap<>(Map.of("retrieval", 0, "judge", 0, "report", 0));
        boolean readBackInsideACell = false;
        for (int child = 0; kills.values().stream().mapToInt(Integer::intValue).sum() < 3 * PER_PHASE; child++) {
            assertTrue(child < 40, "too many children without reaching the kills wanted: " + kills);
            String started = phase(out);
            Path err = dir.resolve("child-" + child + ".err");
            Process p = start(child == 0 ? List.of("run", experiment.toString(), "--out", out.toString())
                    : List.of("run", "--resume", out.toString()), err);
            try {
                // Each phase the child reaches gets its own seeded trigger, unless it had kills
                // enough; then the child runs on into the next phase.
                Map<String, BooleanSupplier> triggers = new LinkedHashMap<>();
                BooleanSupplier trigger = () -> {
                    String now = phase(out);
                    if (kills.get(now) >= PER_PHASE && !now.equals("report")) {
                        return false;
                    }
                    return triggers.computeIfAbsent(now, ph -> trigger(ph, started.equals("report"), out, err,
                            random)).getAsBoolean();
                };
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && !trigger.getAsBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                String at = phase(out);
                if (p.isAlive()) {
                    p.destroyForcibly();
                    if (p.waitFor() == 137) {
                        kills.merge(at, 1, Integer::sum);
                    }
                }
                p.waitFor();
            } finally {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err);
            assertTrue(p.exitValue() == 0 || p.exitValue() == 137, "child " + child + " failed: " + stderr);
            readBackInsideACell |= stderr.contains("finished items read back from its checkpoint");
            checkNothingHalfWritten(out);
        }
        System.out.println("kills by phase: " + kills);
        assertTrue(kills.values().stream().allMatch(n -> n > 0), "a phase was never killed in: " + kills);
        assertTrue(readBackInsideACell, "no child resumed inside a cell; kills: " + kills);

        CliRunner.Result resumed = CliRunner.run("run", "--resume", out.toString(), "-q");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertSameItems(reference, out);
    }

    /** What the run in {@code out} is doing, read from its checkpoints. */
    private static String phase(Path out) {
        Path cp = out.resolve("checkpoint");
        return !Files.exists(cp.resolve("cell-000.json")) ? "retrieval"
                : !Files.exists(cp.resolve("cell-001.json")) ? "judge" : "report";
    }

    /**
     * When to kill a child that has reached {@code phase}: each a seeded random moment inside it.
     * Item counts are drawn from the first three quarters of what is left, so the kill lands
     * before the cell ends rather than after.
     */
    private static BooleanSupplier trigger(String phase, boolean resumedFinished, Path out, Path err, Random random) {
        Path cp = out.resolve("checkpoint");
        return switch (phase) {
            case "retrieval" -> random.nextBoolean()
                    ? afterNote(err, "simd/minilm-l6: 300 documents", random.nextInt(2_500))
                    : afterNewItems(cp.resolve("cell-000.partial.jsonl"), 190, random);
            case "judge" -> afterNewItems(cp.resolve("cell-001.partial.jsonl"), 160, random);
            default -> resumedFinished && random.nextBoolean()
                    ? afterNote(err, "judge-local-lexical: read back", random.nextInt(150))
                    : afterTempFile(out, random.nextInt(40));
        };
    }

    private static BooleanSupplier afterNote(Path err, String note, int delayMs) {
        long[] seen = {0};
        return () -> {
            if (seen[0] == 0 && read(err).contains(note)) {
                seen[0] = System.nanoTime();
            }
            return seen[0] != 0 && System.nanoTime() - seen[0] >= delayMs * 1_000_000L;
        };
    }

    /** Kills once the log holds a random number of items more than when the child started. */
    private static BooleanSupplier afterNewItems(Path log, int items, Random random) {
        int before = Files.exists(log) ? Math.max(0, lines(log) - 1) : 0;
        int target = before + 1 + random.nextInt(Math.max(1, (items - before) * 3 / 4));
        return () -> Files.exists(log) && lines(log) - 1 >= target;
    }

    private static BooleanSupplier afterTempFile(Path out, int delayMs) {
        long[] seen = {0};
        return () -> {
            if (seen[0] == 0) {
                try (Stream<Path> files = Files.list(out)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                        seen[0] = System.nanoTime();
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return seen[0] != 0 && System.nanoTime() - seen[0] >= delayMs * 1_000_000L;
        };
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int lines(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            int n = 0;
            for (byte x : b) {
                n += x == '\n' ? 1 : 0;
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    private Process start(List<String> args, Path err) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.plumbline.harness.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
                .start();
    }

    /** results.json and every saved cell parse or are absent; every complete line of an item log verifies. */
    private static void checkNothingHalfWritten(Path out) throws IOException {
        if (Files.exists(out.resolve("results.json"))) {
            Results r = ResultsJson.read(out.resolve("results.json"));
            assertEquals(2, r.engines().size(), "results.json holds every cell");
        }
        Path cp = out.resolve("checkpoint");
        if (!Files.isDirectory(cp)) {
            return;
        }
        try (Stream<Path> files = Files.list(cp)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("cell-\\d+\\.json")) {
                    ResultsJson.read(f);
                } else if (name.endsWith(".partial.jsonl")) {
                    byte[] bytes = Files.readAllBytes(f);
                    int start = 0;
                    for (int end = 0; end < bytes.length; end++) {
                        if (bytes[end] == '\n') {
                            if (ItemLog.verified(Arrays.copyOfRange(bytes, start, end)) == null) {
                                fail(f + ": line does not verify: " + new String(bytes, start, end - start,
                                        StandardCharsets.UTF_8));
                            }
                            start = end + 1;
                        }
                    }
                }
            }
        }
    }

    private static void assertSameItems(Path reference, Path resumed) throws IOException {
        Results a = ResultsJson.read(reference.resolve("results.json"));
        Results b = ResultsJson.read(resumed.resolve("results.json"));
        assertEquals(a.engines().stream().map(EngineRun::engine).toList(),
                b.engines().stream().map(EngineRun::engine).toList());
        for (EngineRun ea : a.engines()) {
            EngineRun eb = b.engine(ea.engine());
            assertEquals(ea.itemIds(), eb.itemIds(), ea.engine());
            for (MetricValues m : ea.metrics().values()) {
                if (!m.info().timing()) {
                    assertArrayEquals(m.values(), eb.metric(m.name()).values(), ea.engine() + " " + m.name());
                    for (int i = 0; i < m.size(); i++) {
                        assertEquals(m.failure(i), eb.metric(m.name()).failure(i), ea.engine() + " " + m.name());
                    }
                }
            }
            for (String v : List.of("num_q", "memory.index_bytes", "search.calls", "judge.calls")) {
                assertEquals(ea.runValues().get(v), eb.runValues().get(v), ea.engine() + " " + v);
            }
        }
        String run = "simd_minilm-l6.trec";
        List<String> ra = Files.readAllLines(reference.resolve("runs").resolve(run));
        List<String> rb = Files.readAllLines(resumed.resolve("runs").resolve(run));
        assertEquals(ra.size(), rb.size(), run);
        for (int i = 0; i < ra.size(); i++) {
            String[] fa = ra.get(i).split(" ");
            String[] fb = rb.get(i).split(" ");
            assertEquals(fa[0] + " " + fa[2] + " " + fa[3], fb[0] + " " + fb[2] + " " + fb[3], run + ":" + (i + 1));
            // Scores to 1e-6: the search's lane reduction order depends on the JIT state of each process.
            double sa = Double.parseDouble(fa[4]);
            assertEquals(sa, Double.parseDouble(fb[4]), 1e-6 * Math.max(1, Math.abs(sa)), run + ":" + (i + 1));
        }
    }
}
