package dev.plumbline.datasets.beir;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.plumbline.datasets.Fixtures.CORPUS;
import static dev.plumbline.datasets.Fixtures.QRELS;
import static dev.plumbline.datasets.Fixtures.QUERIES;
import static dev.plumbline.datasets.Fixtures.beir;
import static dev.plumbline.datasets.Fixtures.skip;
import static dev.plumbline.datasets.Fixtures.write;
import static dev.plumbline.datasets.Fixtures.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BeirFormatTest {
    @TempDir
    Path dir;

    @Test
    void loadsCorpusQueriesAndTheSplitsJudgments() throws IOException {
        Dataset d = Datasets.load("beir:" + beir(dir));
        assertEquals("beir", d.format());
        assertEquals("test", d.split());
        assertEquals(List.of("d1", "d2", "d3"), d.docs().stream().map(Doc::id).toList());
        assertEquals("", d.doc("d3").title(), "title is optional");
        assertEquals("{\"source\":\"x\"}", d.doc("d3").metadata());
        assertNull(d.query("q2").metadata(), "empty metadata is absent");
        assertEquals("Alpha The first document.", d.doc("d1").fullText());
        assertEquals(2, d.counts().queries(), "q3 has no judgments in test and is left out, as BEIR does");
        assertEquals(List.of("1 of 3 queries have no judgments in split test and were left out, as BEIR's loader does"),
                d.report().notes());
        assertEquals(3, d.counts().judgments());
        assertEquals(2, d.qrels().topic("q1").relevanceOf("d2"));
        assertTrue(d.fingerprint().matches("sha256:[0-9a-f]{64}"));
        assertFalse(d.report().hasErrors());
    }

    @Test
    void splitOptionChoosesTheQrelsFile() throws IOException {
        beir(dir);
        write(dir.resolve("qrels/train.tsv"), "query-id\tcorpus-id\tscore\nq3\td2\t1\n");
        Dataset d = Datasets.load("beir:" + dir, LoadOptions.DEFAULTS.withSplit("train"));
        assertEquals("train", d.split());
        assertEquals(1, d.counts().queries());
        assertEquals("q3", d.queries().get(0).id());
    }

    @Test
    void integerIdsAreReadAsTheirText() throws IOException {
        beir(dir, "{\"_id\": 4983, \"text\": \"a\"}\n", "{\"_id\": 1, \"text\": \"q\"}\n", "query-id\tcorpus-id\tscore\n1\t4983\t1\n");
        Dataset d = Datasets.load("beir:" + dir);
        assertEquals("4983", d.docs().get(0).id());
        assertEquals(1, d.qrels().topic("1").relevanceOf("4983"));
        assertTrue(d.report().problems().isEmpty());
    }

    @Test
    void selfRetrievalIdsAreNoted() throws IOException {
        beir(dir, CORPUS + "{\"_id\": \"q1\", \"text\": \"the query itself\"}\n", QUERIES, QRELS);
        assertTrue(Datasets.load("beir:" + dir).report().notes().contains("1 query ids are also document ids (as in "
                + "ArguAna, where the query argument is in the corpus); published evaluations drop a retrieved document "
                + "whose id equals the query id"));
    }

    @Test
    void corpusPartsAreReadInNumericOrderAsOneCorpus() throws IOException {
        beir(dir, null, QUERIES, QRELS);
        String[] lines = CORPUS.split("\n");
        write(dir.resolve("corpus.part-00.jsonl"), lines[0] + "\n");
        write(dir.resolve("corpus.part-01.jsonl"), lines[1] + "\n");
        write(dir.resolve("corpus.part-02.jsonl"), lines[2] + "\n");
        Dataset parts = Datasets.load("beir:" + dir);
        assertEquals(List.of("d1", "d2", "d3"), parts.docs().stream().map(Doc::id).toList());
        Dataset whole = Datasets.load("beir:" + beir(dir.resolve("whole")));
        assertEquals(whole.fingerprint(), parts.fingerprint(), "parts and one file are the same corpus");
    }

    @Test
    void corpusPartsMustNotHaveGapsOrCoexistWithOneFile() throws IOException {
        beir(dir, null, QUERIES, QRELS);
        write(dir.resolve("corpus.part-00.jsonl"), CORPUS);
        write(dir.resolve("corpus.part-02.jsonl"), CORPUS);
        assertEquals(dir.resolve("corpus.part-01.jsonl") + ": corpus part missing (expected parts numbered from 00 "
                + "without gaps; found corpus.part-00.jsonl, corpus.part-02.jsonl)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + dir)).getMessage());
        write(dir.resolve("corpus.part-01.jsonl"), CORPUS);
        write(dir.resolve("corpus.jsonl"), CORPUS);
        assertEquals(dir + ": both corpus.jsonl and corpus.part-*.jsonl (expected one corpus: a single file or numbered "
                + "parts)", assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + dir)).getMessage());
    }

    @Test
    void fingerprintIgnoresEncodingDetailsButNotContent() throws IOException {
        String base = Datasets.load("beir:" + beir(dir.resolve("a"))).fingerprint();
        // Escapes, key order and spacing are not content.
        String reformatted = CORPUS.replace("{\"_id\": \"d1\", \"title\": \"Alpha\", \"text\": \"The first document.\"}",
                "{ \"text\":\"The first \\u0064ocument.\" ,\"title\":\"Alpha\",\"_id\":\"d1\"}");
        assertEquals(base, Datasets.load("beir:" + beir(dir.resolve("b"), reformatted, QUERIES, QRELS)).fingerprint());
        // Judgment order is not content either.
        assertEquals(base, Datasets.load("beir:" + beir(dir.resolve("c"), CORPUS, QUERIES,
                "query-id\tcorpus-id\tscore\nq2\td3\t1\nq1\td2\t2\nq1\td1\t1\n")).fingerprint());
        assertNotEquals(base, Datasets.load("beir:" + beir(dir.resolve("d"), CORPUS.replace("first", "First"), QUERIES,
                QRELS)).fingerprint(), "a changed text changes it");
        assertNotEquals(base, Datasets.load("beir:" + beir(dir.resolve("e"), CORPUS, QUERIES,
                QRELS.replace("d2\t2", "d2\t1"))).fingerprint(), "a changed grade changes it");
    }

    @Test
    void zipOfAFolderLoadsLikeTheFolder() throws IOException {
        Path z = zip(dir.resolve("set.zip"), "scifact/corpus.jsonl", CORPUS, "scifact/queries.jsonl", QUERIES,
                "scifact/qrels/test.tsv", QRELS, "other/readme.txt", "x");
        Dataset zipped = Datasets.load("beir:" + z);
        Dataset plain = Datasets.load("beir:" + beir(dir.resolve("plain")));
        assertEquals(plain.fingerprint(), zipped.fingerprint());
        assertEquals(z + "!/scifact/corpus.jsonl", zipped.report().files().get(2).file().toString());
    }

    @Test
    void zipErrorsNameTheEntry() throws IOException {
        Path z = zip(dir.resolve("set.zip"), "corpus.jsonl", CORPUS + "{bad\n", "queries.jsonl", QUERIES,
                "qrels/test.tsv", QRELS);
        assertEquals(z + "!/corpus.jsonl:4: invalid JSON at column 2: Unexpected character ('b' (code 98)): was expecting "
                + "double-quote to start field name (expected one JSON object per line)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + z)).getMessage());
    }

    @Test
    void zipWithPathTraversalIsRejectedUnread() throws IOException {
        Path z = zip(dir.resolve("evil.zip"), "corpus.jsonl", CORPUS, "queries.jsonl", QUERIES, "qrels/test.tsv", QRELS,
                "../../etc/cron.d/evil", "x");
        assertEquals(z + ": unsafe entry name \"../../etc/cron.d/evil\" (expected relative paths that stay inside the "
                + "archive; nothing was read)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + z)).getMessage());
        Path abs = zip(dir.resolve("abs.zip"), "/etc/passwd", "x");
        assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + abs));
        assertFalse(Files.exists(dir.resolve("etc")));
    }

    @Test
    void zipExpandingBeyondTheCapStops() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append("{\"_id\": \"d").append(i).append("\", \"text\": \"").append("z".repeat(200)).append("\"}\n");
        }
        Path z = zip(dir.resolve("bomb.zip"), "queries.jsonl", QUERIES, "qrels/test.tsv", QRELS, "corpus.jsonl",
                big.toString());
        assertTrue(Files.size(z) < 50_000, "compresses well, like a zip bomb");
        LoadOptions capped = LoadOptions.DEFAULTS.withMaxArchiveBytes(100_000);
        assertEquals(z + "!/corpus.jsonl: archive " + z + " expands to more than 100000 bytes (expected at most the "
                + "archive size limit; raise it with --max-archive-bytes)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + z, capped)).getMessage());
    }

    @Test
    void notAZipIsAnError() throws IOException {
        Path z = write(dir.resolve("fake.zip"), "not a zip");
        String m = assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + z)).getMessage();
        assertTrue(m.startsWith(z + ": not a readable zip archive: "), m);
    }

    @Test
    void streamingHandsDocumentsOverWithoutKeepingThem() throws IOException {
        beir(dir);
        List<String> seen = new ArrayList<>();
        Dataset d = Datasets.stream("beir:" + dir, LoadOptions.DEFAULTS, doc -> seen.add(doc.id()));
        assertEquals(List.of("d1", "d2", "d3"), seen);
        assertTrue(d.docs().isEmpty());
        assertFalse(d.docsRetained());
        assertEquals(3, d.counts().docs());
        assertEquals(Datasets.load("beir:" + dir).fingerprint(), d.fingerprint());
    }

    @Test
    void skipPolicyStillLoadsWhatIsValid() throws IOException {
        beir(dir, CORPUS, QUERIES, null);
        Dataset d = Datasets.load("beir:" + dir, skip());
        assertEquals(3, d.counts().docs());
        assertEquals(3, d.counts().queries(), "without qrels every query is kept");
        assertNull(d.qrels());
        assertEquals(1, d.report().errors());
    }

    @Test
    void relevanceParsingFollowsPythonInt() {
        assertEquals(1L, BeirFormat.parseRelevance(" 1 "));
        assertEquals(-1L, BeirFormat.parseRelevance("-1"));
        assertEquals(2L, BeirFormat.parseRelevance("+2"));
        assertNull(BeirFormat.parseRelevance("1.0"));
        assertNull(BeirFormat.parseRelevance(""));
        assertNull(BeirFormat.parseRelevance("99999999999999999999"));
    }
}
