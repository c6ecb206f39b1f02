package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plumbline judge --judge llm} against a local fake endpoint that misbehaves: failed calls
 * are failed values (null, counted, never averaged as 0), finished samples are kept, every call
 * failing is exit 2 with one line and nothing overwritten, and a planted API key appears in no
 * output file and in neither stdout nor stderr.
 */
class LlmJudgeCommandTest {
    private static final String KEY = "sk-plumbline-test-SECRET";
    private static final String KEY_VARIABLE = "PLUMBLINE_TEST_LLM_KEY";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path samples() throws IOException {
        Path f = dir.resolve("samples.jsonl");
        List<String> lines = new ArrayList<>();
        for (String[] s : new String[][] {{"s1", "When did the bridge open?"}, {"s2", "POISON: when did the bridge open?"},
                {"s3", "In which year did the bridge open?"}}) {
            lines.add(JSON.createObjectNode().put("id", s[0]).put("user_input", s[1])
                    .put("response", "The bridge opened in 1932. It is red.")
                    .set("retrieved_contexts", JSON.createArrayNode().add("The bridge opened in 1932.")
                            .add("Apples are fruit.")).toString());
        }
        Files.write(f, lines);
        return f;
    }

    private List<String> args(String baseUrl, Path out, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of("judge", "--dataset", "rag:" + samples(), "--judge", "llm",
                "--llm-base-url", baseUrl, "--llm-model", "test-model", "--llm-api-key-env", "none",
                "--llm-timeout-s", "5", "--llm-retries", "1", "--llm-max-retry-wait-s", "0.01",
                "--llm-cache", dir.resolve("cache-" + out.getFileName()).toString(), "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    private static CliRunner.Result run(List<String> args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRunner.run(args.toArray(String[]::new)));
    }

    @Test
    void failedCallsAreFailedValuesCountedNotAveragedAndTheOtherSamplesAreKept() throws IOException {
        try (FakeLlmServer s = new FakeLlmServer()) {
            // A Retry-After past any long: it crashed the whole judge (exit 3) before it was capped.
            s.route((body, auth) -> body.contains("POISON")
                    ? new FakeLlmServer.Reply(429, Map.of("Retry-After", "9".repeat(40)), "{\"error\": \"slow down\"}")
                    : null);
            Path out = dir.resolve("out");
            CliRunner.Result r = run(args(s.baseUrl(), out));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("plumbline: 3 of 11 LLM judge calls failed (HTTP 429 3); their metric values are failed"
                    + " (null, counted in the summary), not averaged\n", r.stderr());

            List<String> lines = Files.readAllLines(out.resolve("samples.jsonl"));
            assertEquals(3, lines.size());
            JsonNode kept = JSON.readTree(lines.get(0)).path("metrics");
            assertEquals(0.5, kept.path("faithfulness").path("value").asDouble());
            JsonNode failed = JSON.readTree(lines.get(1)).path("metrics");
            for (String m : List.of("faithfulness", "answer_relevance", "context_precision")) {
                assertTrue(failed.path(m).path("value").isNull(), m);
                assertEquals("failed", failed.path(m).path("status").asText(), m);
            }
            String cause = "HTTP 429 after 2 attempts (Retry-After " + "9".repeat(40) + " capped at 10 ms)";
            assertEquals("no similarity between question and answer (answer relevance failed: " + cause + ")",
                    failed.path("answer_relevance").path("reason").asText());
            assertEquals("verdict failed (relevance check failed: " + cause + ") for context 0",
                    failed.path("context_precision").path("reason").asText());

            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile()).path("metrics");
            JsonNode f = summary.path("faithfulness");
            assertEquals(2, f.path("n").asInt());
            assertEquals(1, f.path("failed").asInt());
            assertEquals(0.5, f.path("mean").asDouble(), "the failed sample is not a 0 in the mean");
            assertEquals(0.9, summary.path("answer_relevance").path("mean").asDouble(), 1e-12);
            assertEquals(1, summary.path("answer_relevance").path("failed").asInt());
        }
    }

    @Test
    void everyCallFailingIsExitTwoWithOneLineAndLeavesTheEarlierOutputAlone() throws IOException {
        Path out = dir.resolve("out");
        try (FakeLlmServer s = new FakeLlmServer()) {
            assertEquals(0, run(args(s.baseUrl(), out)).exitCode());
        }
        String before = Files.readString(out.resolve("samples.jsonl"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // A fresh cache, or the first run's replies would answer every prompt.
        List<String> a = args("http://127.0.0.1:" + port + "/v1", out);
        a.set(a.indexOf("--llm-cache") + 1, dir.resolve("empty-cache").toString());
        CliRunner.Result r = run(a);
        assertEquals(2, r.exitCode());
        assertEquals("plumbline: every LLM judge call failed (9 of 9: connection refused 9); nothing was written;"
                + " is the server running and --llm-base-url right?\n", r.stderr());
        assertEquals("", r.stdout());
        assertEquals(before, Files.readString(out.resolve("samples.jsonl")));
    }

    @Test
    void everyCallRejectedNamesTheHttpStatusAndTheFix() throws IOException {
        try (FakeLlmServer s = new FakeLlmServer()) {
            s.route((body, auth) -> new FakeLlmServer.Reply(401, Map.of(), "{\"error\": \"invalid key\"}"));
            Path out = dir.resolve("out");
            CliRunner.Result r = run(args(s.baseUrl(), out));
            assertEquals(2, r.exitCode());
            assertEquals("plumbline: every LLM judge call failed (9 of 9: HTTP 401 9); nothing was written; check the"
                    + " API key and --llm-api-key-env\n", r.stderr());
            assertEquals(9, s.bodies.size(), "a 401 is not retried");
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aServerThatStallsAfterItsHeadersCannotHangTheJudge() throws Exception {
        try (ServerSocket stall = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread accept = Thread.ofVirtual().start(() -> {
                while (!stall.isClosed()) {
                    try {
                        Socket c = stall.accept();
                        held.add(c);
                        Thread.ofVirtual().start(() -> stallAfterHeaders(c));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            List<String> a = args("http://127.0.0.1:" + stall.getLocalPort() + "/v1", dir.resolve("out"));
            a.set(a.indexOf("--llm-timeout-s") + 1, "0.3");
            a.set(a.indexOf("--llm-retries") + 1, "0");
            CliRunner.Result r = run(a);
            assertEquals(2, r.exitCode(), r.stderr());
            assertEquals("plumbline: every LLM judge call failed (9 of 9: timeout 9); nothing was written; raise"
                    + " --llm-timeout-s, or lower --llm-concurrency for a slow server\n", r.stderr());
            for (Socket c : held) {
                c.close();
            }
            stall.close();
            accept.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private static void stallAfterHeaders(Socket c) {
        try (c) {
            InputStream in = c.getInputStream();
            byte[] buf = new byte[8192];
            int n = in.read(buf);
            if (n <= 0) {
                return;
            }
            OutputStream o = c.getOutputStream();
            o.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"choices\""
                    .getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            while (in.read(buf) >= 0) {
                // hold the connection until the client gives up on it
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    @Test
    void anUnsetKeyVariableIsOneLineBeforeAnyRequest() throws IOException {
        try (FakeLlmServer s = new FakeLlmServer()) {
            Path out = dir.resolve("out");
            List<String> a = args(s.baseUrl(), out);
            a.set(a.indexOf("--llm-api-key-env") + 1, "PLUMBLINE_TEST_SURELY_UNSET_KEY_VARIABLE");
            CliRunner.Result r = run(a);
            assertEquals(2, r.exitCode());
            assertEquals("plumbline: environment variable PLUMBLINE_TEST_SURELY_UNSET_KEY_VARIABLE (the LLM API key) is"
                    + " not set; export it, name another with --llm-api-key-env, or pass --llm-api-key-env none for an"
                    + " endpoint without auth\n", r.stderr());
            assertTrue(s.bodies.isEmpty(), "no request was sent");
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void outOfRangeLimitsAreOneLineUsageErrors() throws IOException {
        Path out = dir.resolve("out");
        for (String[] bad : new String[][] {
                {"--llm-timeout-s", "0", "--llm-timeout-s must be above 0 and at most 86400 seconds, got 0.0"},
                {"--llm-max-retry-wait-s", "-1", "--llm-max-retry-wait-s must be between 0 and 86400 seconds, got -1.0"},
                {"--llm-max-reply-kb", "0", "--llm-max-reply-kb must be between 1 and 1048576 (1 GiB), got 0"},
                {"--llm-retries", "-1", "--llm-retries must be between 0 and 100, got -1"}}) {
            List<String> a = args("http://127.0.0.1:9/v1", out);
            if (a.contains(bad[0])) {
                a.set(a.indexOf(bad[0]) + 1, bad[1]);
            } else {
                a.addAll(List.of(bad[0], bad[1]));
            }
            CliRunner.Result r = run(a);
            assertEquals(2, r.exitCode(), bad[0]);
            assertEquals("plumbline: " + bad[2] + "\n", r.stderr());
        }
    }

    /**
     * The key in a real environment variable, so a child JVM: the server echoes the request's
     * Authorization header into error bodies and into claims, and the run is verbose; the key must
     * still be in no file under the output folder (the reply cache is put there too) and in
     * neither stdout nor stderr.
     */
    @Test
    void aPlantedApiKeyAppearsInNoOutputFileAndNoLog() throws Exception {
        try (FakeLlmServer s = new FakeLlmServer()) {
            s.route((body, auth) -> {
                if (body.contains("POISON")) {
                    return new FakeLlmServer.Reply(401, Map.of(), "{\"error\": \"key not accepted: " + auth + "\"}");
                }
                if (body.contains("atomic claims")) {
                    return FakeLlmServer.Reply.content("{\"claims\": [\"The bridge opened in 1932.\", \"The caller"
                            + " authenticated with " + auth + ".\"]}");
                }
                return null;
            });
            Path out = dir.resolve("out");
            List<String> a = args(s.baseUrl(), out, "--verbose");
            a.set(a.indexOf("--llm-api-key-env") + 1, KEY_VARIABLE);
            a.set(a.indexOf("--llm-cache") + 1, out.resolve("llm-cache").toString());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.plumbline.harness.Main"));
            command.addAll(a);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("child.out").toFile())
                    .redirectError(dir.resolve("child.err").toFile());
            pb.environment().put(KEY_VARIABLE, KEY);
            Process child = pb.start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finished");
            String stdout = Files.readString(dir.resolve("child.out"));
            String stderr = Files.readString(dir.resolve("child.err"));
            assertEquals(0, child.exitValue(), stderr);

            assertTrue(s.authorizations.stream().allMatch(("Bearer " + KEY)::equals), "the key was sent");
            assertFalse(stdout.contains(KEY), stdout);
            assertFalse(stderr.contains(KEY), stderr);
            List<Path> written;
            try (Stream<Path> files = Files.walk(out)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertTrue(written.size() >= 3, written.toString());
            for (Path f : written) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY), f.toString());
            }
            String samplesText = Files.readString(out.resolve("samples.jsonl"));
            assertTrue(samplesText.contains("authenticated with Bearer [redacted]"), "an echo in a claim, redacted");
            assertTrue(samplesText.contains("HTTP 401 (not retried): {\\\"error\\\": \\\"key not accepted: Bearer [redacted]"),
                    "an echo in an error body, redacted");
        }
    }

    @Test
    void runJudgesWithTheLlmJudgeThroughTheSameRegistry() throws IOException {
        try (FakeLlmServer s = new FakeLlmServer()) {
            Path experiment = dir.resolve("llm.yaml");
            Files.writeString(experiment, "datasets: [rag:" + samples() + "]\n"
                    + "judge: {name: llm, base_url: '" + s.baseUrl() + "', model: test-model, api_key_env: none,"
                    + " timeout_s: 5, retries: 1, max_retry_wait_s: 0, cache_dir: '" + dir.resolve("run-cache") + "'}\n"
                    + "latency: {warmup: 0}\noutput: {reports: [md]}\n");
            CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", dir.resolve("run").toString(), "-q");
            assertEquals(0, r.exitCode(), r.stderr());
            JsonNode results = JSON.readTree(dir.resolve("run/results.json").toFile());
            assertEquals("judge-llm", results.path("engines").path(0).path("name").asText());
            assertEquals("llm", results.path("provenance").path("judge").path("name").asText(), results.toString());
            assertEquals(3, results.path("engines").path(0).path("items").asInt());
        }
        Path missing = dir.resolve("no-model.yaml");
        Files.writeString(missing, "datasets: [rag:" + samples() + "]\njudge: {name: llm, base_url: 'http://x'}\n");
        CliRunner.Result r = CliRunner.run("run", missing.toString(), "--out", dir.resolve("run2").toString(), "-q");
        assertEquals(2, r.exitCode());
        assertEquals("plumbline: " + missing + ": judge: missing key 'model' (the llm judge needs base_url and model)\n",
                r.stderr());
    }
}
