package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsCommandTest {
    @TempDir
    Path dir;

    private Path beir(String corpus, String qrels) throws IOException {
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"first\"}\n");
        Files.writeString(dir.resolve("qrels/test.tsv"), qrels);
        return dir;
    }

    @Test
    void infoPrintsCountsFingerprintAndExamples() throws IOException {
        beir("{\"_id\": \"d1\", \"title\": \"T\", \"text\": \"Première ligne.\"}\n", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        CliRunner.Result r = CliRunner.run("datasets", "info", "beir:" + dir);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("docs         1\n"), r.stdout());
        assertTrue(r.stdout().contains("judgments    1\n"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*fingerprint  sha256:[0-9a-f]{64}\n.*"), r.stdout());
        assertTrue(r.stdout().contains("  doc d1: T | Première ligne.\n"), "UTF-8 output: " + r.stdout());
        assertTrue(r.stdout().contains("  judgment q1 d1 1\n"), r.stdout());
    }

    @Test
    void infoOnTheDemo() {
        CliRunner.Result r = CliRunner.run("datasets", "info", "builtin:demo", "--examples", "1");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("labels       faithful 80, hallucinated 80\n"), r.stdout());
        assertTrue(r.stdout().contains("types        changed_date 16, changed_number 16, contradiction 16, "
                + "swapped_entity 16, unsupported_claim 16\n"), r.stdout());
    }

    @Test
    void malformedInputIsOneLineOnStderrWithFileAndLine() throws IOException {
        beir("{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"_id\": \"d2\"}\n", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        CliRunner.Result r = CliRunner.run("datasets", "info", "beir:" + dir);
        assertEquals(2, r.exitCode());
        assertEquals("plumbline: " + dir.resolve("corpus.jsonl") + ":2: missing required field \"text\" (expected \"_id\" "
                + "and \"text\" on every document)\n", r.stderr());
        CliRunner.Result skipped = CliRunner.run("datasets", "info", "beir:" + dir, "--on-error", "skip");
        assertEquals(0, skipped.exitCode(), skipped.stderr());
        assertTrue(skipped.stdout().contains("problems     1 error (1 record skipped), 0 warnings\n"), skipped.stdout());
        assertTrue(skipped.stdout().contains("  error: " + dir.resolve("corpus.jsonl") + ":2: missing required field"),
                skipped.stdout());
    }

    @Test
    void validateListsEveryProblemAndExitsTwo() throws IOException {
        beir("{\"_id\": \"d1\", \"text\": \"ok\"}\n{bad\n{\"_id\": \"d1\", \"text\": \"again\"}\n",
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td9\tx\n");
        CliRunner.Result r = CliRunner.run("datasets", "validate", "beir:" + dir);
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals(4, lines.length, r.stdout());
        assertTrue(lines[0].startsWith("  error: " + dir.resolve("qrels/test.tsv") + ":3: relevance \"x\""), lines[0]);
        assertTrue(lines[1].startsWith("  error: " + dir.resolve("corpus.jsonl") + ":2: invalid JSON"), lines[1]);
        assertTrue(lines[2].startsWith("  error: " + dir.resolve("corpus.jsonl") + ":3: duplicate _id \"d1\""), lines[2]);
        assertEquals("invalid beir:" + dir + ": 3 errors (3 records skipped), 0 warnings; read docs 1, queries 1, "
                + "judgments 1, samples 0", lines[3]);

        CliRunner.Result bounded = CliRunner.run("datasets", "validate", "beir:" + dir, "--max-problems", "1");
        assertTrue(bounded.stdout().contains("  ... and 2 more not listed (all problems by check: duplicate-id 1, "
                + "invalid-json 1, not-integer 1)\n"), bounded.stdout());
    }

    @Test
    void validateExitsZeroWithWarningsOnly() throws IOException {
        beir("{\"_id\": \"d1\", \"text\": \"ok\"}\n", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\tgone\t1\n");
        CliRunner.Result r = CliRunner.run("datasets", "validate", "beir:" + dir);
        assertEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stdout().startsWith("  warning: " + dir.resolve("qrels/test.tsv") + ": 1 of 2 judgments name documents "
                + "not in the corpus"), r.stdout());
        assertTrue(r.stdout().endsWith("valid beir:" + dir + ": 0 errors, 1 warning; read docs 1, queries 1, judgments 2, "
                + "samples 0\n"), r.stdout());
    }

    @Test
    void exportWritesBeirAndRagFilesThatLoadBack() {
        Path out = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("datasets", "export", "builtin:demo", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        for (String f : new String[] {"corpus.jsonl", "queries.jsonl", "qrels/test.tsv", "samples.jsonl"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
            assertTrue(r.stdout().contains("wrote " + out.resolve(f) + "\n"), r.stdout());
        }
        CliRunner.Result info = CliRunner.run("datasets", "info", "beir:" + out);
        assertTrue(info.stdout().contains("docs         300\n"), info.stdout());
        CliRunner.Result again = CliRunner.run("datasets", "export", "builtin:demo", out.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.stderr().startsWith("plumbline: " + out.resolve("corpus.jsonl") + " already exists"), again.stderr());
    }

    @Test
    void usageErrors() {
        CliRunner.Result r = CliRunner.run("datasets", "info", "nowhere");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("plumbline: dataset spec \"nowhere\" has no format (expected FORMAT:PATH"), r.stderr());
        assertEquals(1, r.stderr().lines().count());
        r = CliRunner.run("datasets", "info", "builtin:demo", "--on-error", "ignore");
        assertEquals(2, r.exitCode());
        assertEquals("plumbline: --on-error must be fail or skip, got ignore\n", r.stderr());
        r = CliRunner.run("datasets");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("missing command: info, validate or export"), r.stderr());
    }

    @Test
    void helpListsTheFormats() {
        CliRunner.Result r = CliRunner.run("datasets", "--help");
        assertEquals(0, r.exitCode());
        for (String f : new String[] {"beir:DIR|FILE.zip", "trec:QRELS[,RUN]", "rag:FILE.jsonl|.json|.csv", "halueval:FILE",
            "ragtruth:DIR", "begin:FILE.tsv", "builtin:demo[?seed=N]"}) {
            assertTrue(r.stdout().contains("  " + f + " "), f + " in\n" + r.stdout());
        }
    }
}
