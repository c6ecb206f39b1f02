package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad dataset input through {@code plumbline datasets validate}: exit 2, each problem one line
 * naming {@code file:line}, nothing on stderr (no stack trace); and through {@code datasets info}
 * (which stops at the first problem): exit 2 and exactly one line on stderr. What is only
 * unusual (a byte-order mark, CRLF line ends) is valid and reads as the plain file does.
 */
class DatasetsBadInputTest {
    private static final String CORPUS = "{\"_id\": \"d1\", \"text\": \"first\"}\n{\"_id\": \"d2\", \"text\": \"second\"}\n";
    private static final String QUERIES = "{\"_id\": \"q1\", \"text\": \"a query\"}\n";
    private static final String QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t1\n";

    @TempDir
    Path dir;

    private Path beir(String name, byte[] corpus, String queries, String qrels) throws IOException {
        Path b = Files.createDirectories(dir.resolve(name).resolve("qrels"));
        Files.write(b.getParent().resolve("corpus.jsonl"), corpus);
        Files.writeString(b.getParent().resolve("queries.jsonl"), queries);
        Files.writeString(b.resolve("test.tsv"), qrels);
        return b.getParent();
    }

    private Path beir(String name, String corpus) throws IOException {
        return beir(name, corpus.getBytes(StandardCharsets.UTF_8), QUERIES, QRELS);
    }

    /** validate exits 2, lists {@code expectedProblem} as an error line, says invalid, prints nothing on stderr. */
    private static void invalid(String spec, String expectedProblem) {
        CliRunner.Result r = CliRunner.run("datasets", "validate", spec);
        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stderr(), "no stack trace, nothing on stderr");
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.contains("  error: " + expectedProblem), "expected the line\n  error: " + expectedProblem
                + "\nin\n" + r.stdout());
        assertTrue(lines.getLast().startsWith("invalid " + spec + ": "), r.stdout());

        CliRunner.Result info = CliRunner.run("datasets", "info", spec);
        assertEquals(2, info.exitCode(), info.stdout() + info.stderr());
        assertEquals(1, info.stderr().lines().count(), "one line: " + info.stderr());
        assertTrue(info.stderr().startsWith("plumbline: "), info.stderr());
        assertFalse(info.stderr().contains("\tat "), "no stack trace: " + info.stderr());
    }

    @Test
    void invalidUtf8() throws IOException {
        Path b = beir("utf8", ("{\"_id\": \"d1\", \"text\": \"caf\u00e9\"}\n").getBytes(StandardCharsets.ISO_8859_1), QUERIES,
                QRELS);
        invalid("beir:" + b, b.resolve("corpus.jsonl") + ":1: invalid UTF-8 at byte 27 of the line (0xE9; expected UTF-8 text)");
    }

    @Test
    void byteOrderMarkAndCrlfAreValidAndReadAsThePlainFile() throws IOException {
        Path plain = beir("plain", CORPUS);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = CORPUS.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + crlf.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(crlf, 0, both, bom.length, crlf.length);
        Path odd = beir("odd", both, QUERIES.replace("\n", "\r\n"), QRELS.replace("\n", "\r\n"));
        CliRunner.Result r = CliRunner.run("datasets", "validate", "beir:" + odd);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("valid beir:" + odd + ": no problems; read docs 2"), r.stdout());
        assertEquals(fingerprint("beir:" + plain), fingerprint("beir:" + odd), "same records, same fingerprint");

        Path utf16 = beir("utf16", new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0}, QUERIES, QRELS);
        invalid("beir:" + utf16, utf16.resolve("corpus.jsonl") + ": file starts with a UTF-16 byte-order mark (expected "
                + "UTF-8 text; convert it with iconv -f UTF-16 -t UTF-8)");
    }

    private static String fingerprint(String spec) {
        CliRunner.Result r = CliRunner.run("datasets", "info", spec);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().lines().filter(l -> l.startsWith("fingerprint")).findFirst().orElseThrow();
    }

    @Test
    void singleFiftyMegabyteLine() throws IOException {
        Path b = beir("long", CORPUS);
        Path corpus = b.resolve("corpus.jsonl");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(corpus), 1 << 16)) {
            o.write("{\"_id\": \"big\", \"text\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "y".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                o.write(chunk);
            }
            o.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
        }
        invalid("beir:" + b, corpus + ":1: line longer than 33554432 bytes (expected one record per line; the limit keeps "
                + "memory bounded)");
    }

    @Test
    void deeplyNestedJson() throws IOException {
        Path b = beir("deep", CORPUS + "{\"_id\": \"d3\", \"text\": \"x\", \"metadata\": " + "[".repeat(50_000)
                + "]".repeat(50_000) + "}\n");
        invalid("beir:" + b, b.resolve("corpus.jsonl") + ":3: invalid JSON at column 104: arrays and objects nested more "
                + "than 64 levels deep (expected one JSON object per line)");
    }

    @Test
    void nanAndInfinityScores() throws IOException {
        Path qrels = Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 1\n1 0 d2 0\n");
        Path nan = Files.writeString(dir.resolve("nan.trec"), "1 Q0 d1 1 2.5 tag\n1 Q0 d2 2 NaN tag\n");
        invalid("trec:" + qrels + "," + nan, nan + ":2: score \"NaN\" is not a number (expected a finite decimal score; "
                + "NaN has no place in a ranking, so trec_eval's order for it is arbitrary)");
        Path inf = Files.writeString(dir.resolve("inf.trec"), "1 Q0 d1 1 inf tag\n1 Q0 d2 2 1.5 tag\n");
        invalid("trec:" + qrels + "," + inf, inf + ":1: score \"inf\" is infinite (expected a finite decimal score; an "
                + "infinite score usually means the system that wrote the run failed)");
        Path rag = Files.writeString(dir.resolve("s.jsonl"), "{\"user_input\": \"q\", \"response\": \"a\", \"score\": NaN}\n");
        invalid("rag:" + rag, rag + ":1: invalid JSON at column 50: token 'NaN' is not JSON (JSON has no NaN or Infinity; "
                + "write a finite number, or null for a missing one) (expected one JSON object per line)");

        // trec-eval accepts an infinite score, as trec_eval does, but not a NaN.
        CliRunner.Result ok = CliRunner.run("trec-eval", qrels.toString(), inf.toString());
        assertEquals(0, ok.exitCode(), ok.stderr());
        CliRunner.Result bad = CliRunner.run("trec-eval", qrels.toString(), nan.toString());
        assertEquals(2, bad.exitCode());
        assertEquals("plumbline: " + nan + ":2: score \"NaN\" is not a number (expected a finite decimal score; NaN has no "
                + "place in a ranking, so trec_eval's order for it is arbitrary)\n", bad.stderr());
    }

    @Test
    void zipWithDotDotEntries() throws IOException {
        Path zip = dir.resolve("slip.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] e : new String[][] {{"corpus.jsonl", CORPUS}, {"queries.jsonl", QUERIES},
                {"qrels/test.tsv", QRELS}, {"../../tmp/plumbline-zip-slip", "owned"}}) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(e[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        invalid("beir:" + zip, zip + ": unsafe entry name \"../../tmp/plumbline-zip-slip\" (expected relative paths that "
                + "stay inside the archive; nothing was read)");
        assertFalse(Files.exists(dir.resolve("../../tmp/plumbline-zip-slip").normalize()), "nothing extracted");
        assertFalse(Files.exists(Path.of("/tmp/plumbline-zip-slip")), "nothing extracted");
    }

    @Test
    void idsWithWhitespaceAndUnpairedSurrogates() throws IOException {
        Path b = beir("ids", CORPUS + "{\"_id\": \"d 3\", \"text\": \"x\"}\n");
        invalid("beir:" + b, b.resolve("corpus.jsonl") + ":3: document id \"d 3\" has a space (U+0020) at character 2 "
                + "(expected an id without whitespace, control or invisible characters: TREC run and qrels lines split "
                + "fields on whitespace, so the id would be read back as another and scored wrongly; rename it)");
        Path rag = Files.writeString(dir.resolve("lone.jsonl"),
                "{\"id\": \"s1\", \"user_input\": \"q\", \"response\": \"broken \\ud800 text\"}\n");
        invalid("rag:" + rag, rag + ":1: field \"response\" has an unpaired surrogate \\uD800 at character 8 (expected "
                + "Unicode text: a \\uD800-\\uDFFF escape must be half of a surrogate pair, or the text cannot be written as "
                + "UTF-8)");
    }
}
