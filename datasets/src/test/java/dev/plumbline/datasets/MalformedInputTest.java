package dev.plumbline.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plumbline.datasets.io.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.plumbline.datasets.Fixtures.CORPUS;
import static dev.plumbline.datasets.Fixtures.QRELS;
import static dev.plumbline.datasets.Fixtures.QUERIES;
import static dev.plumbline.datasets.Fixtures.beir;
import static dev.plumbline.datasets.Fixtures.bytes;
import static dev.plumbline.datasets.Fixtures.skip;
import static dev.plumbline.datasets.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every check of the datasets issue, with the exact message: under {@code --on-error fail} the
 * exception, under {@code skip} the same text in the report, the record skipped and counted.
 */
class MalformedInputTest {
    @TempDir
    Path dir;

    private static String failMessage(String spec) {
        return assertThrows(DatasetFormatException.class, () -> Datasets.load(spec)).getMessage();
    }

    private static List<String> problems(Dataset d) {
        return d.report().problems().stream().map(Problem::toString).toList();
    }

    @Test
    void invalidJsonNamesFileLineAndColumn() throws IOException {
        Path b = beir(dir, CORPUS + "{\"_id\": \"d4\", \"text\": }\n{\"_id\": \"d5\", \"text\": \"ok\"}\n", QUERIES, QRELS);
        String expected = b.resolve("corpus.jsonl") + ":4: invalid JSON at column 23: Unexpected character ('}' (code 125)): "
                + "expected a value (expected one JSON object per line)";
        assertEquals(expected, failMessage("beir:" + b));
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(List.of(expected), problems(d));
        assertEquals(4, d.counts().docs(), "the record after the bad line is read");
        assertEquals(1, d.report().skippedRecords());
        assertEquals(1, d.report().errors());
        assertEquals(1L, d.report().byCheck().get(Check.INVALID_JSON));
    }

    @Test
    void lineThatIsNotOneObjectIsInvalidJson() throws IOException {
        Path b = beir(dir, "[\"d1\"]\n{\"_id\": \"d1\", \"text\": \"x\"} {\"_id\": \"d2\"}\n{\"_id\": \"d3\", \"text\": \"x\"}\n",
                QUERIES, QRELS);
        Dataset d = Datasets.load("beir:" + b, skip());
        Path c = b.resolve("corpus.jsonl");
        assertEquals(List.of(c + ":1: line is an array, not a JSON object (expected one JSON object per line)",
                c + ":2: text after the JSON object at column 28 (expected one JSON object per line)"),
                problems(d).subList(0, 2));
    }

    @Test
    void missingRequiredFieldAndWrongType() throws IOException {
        Path b = beir(dir, CORPUS, "{\"_id\": \"q1\"}\n{\"_id\": \"q2\", \"text\": 42}\n{\"text\": \"no id\"}\n", QRELS);
        Path q = b.resolve("queries.jsonl");
        assertEquals(q + ":1: missing required field \"text\" (expected \"_id\" and \"text\" on every query)",
                failMessage("beir:" + b));
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(List.of(
                q + ":1: missing required field \"text\" (expected \"_id\" and \"text\" on every query)",
                q + ":2: field \"text\" is a number (expected a string)",
                q + ":3: missing required field \"_id\" (expected \"_id\" and \"text\" on every query)"),
                problems(d).subList(0, 3));
        assertEquals(3, d.report().skippedRecords());
        assertEquals(0, d.counts().queries());
    }

    @Test
    void wrongTsvColumnCount() throws IOException {
        Path b = beir(dir, CORPUS, QUERIES, QRELS + "q2\td1\n" + "q2\t0\td2\t1\n");
        Path t = b.resolve("qrels/test.tsv");
        assertEquals(t + ":5: 2 columns (expected 3: query-id, corpus-id, score)", failMessage("beir:" + b));
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(List.of(t + ":5: 2 columns (expected 3: query-id, corpus-id, score)",
                t + ":6: 4 columns (expected 3: query-id, corpus-id, score)"), problems(d));
        assertEquals(3, d.counts().judgments());
    }

    @Test
    void nonIntegerRelevance() throws IOException {
        Path b = beir(dir, CORPUS, QUERIES, QRELS + "q2\td1\thigh\nq2\td2\t1.0\n");
        Path t = b.resolve("qrels/test.tsv");
        assertEquals(t + ":5: relevance \"high\" is not an integer (expected an integer grade such as 0, 1 or 2)",
                failMessage("beir:" + b));
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(2, d.report().skippedRecords());
        assertEquals(t + ":6: relevance \"1.0\" is not an integer (expected an integer grade such as 0, 1 or 2)",
                problems(d).get(1));
    }

    @Test
    void qrelsWithoutHeaderAreReportedBecauseBeirWouldDropTheFirstJudgment() throws IOException {
        Path b = beir(dir, CORPUS, QUERIES, "q1\td1\t1\nq1\td2\t1\n");
        Path t = b.resolve("qrels/test.tsv");
        assertEquals(t + ":1: no header line: the first line is a judgment (expected \"query-id<TAB>corpus-id<TAB>score\" "
                + "first; BEIR skips the first line, so this judgment would be lost)", failMessage("beir:" + b));
    }

    @Test
    void duplicateIdsOfDocsQueriesJudgmentsAndSamples() throws IOException {
        Path b = beir(dir, CORPUS + "{\"_id\": \"d2\", \"text\": \"again\"}\n",
                QUERIES + "{\"_id\": \"q1\", \"text\": \"again\"}\n", QRELS + "q1\td1\t0\n");
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(List.of(
                b.resolve("qrels/test.tsv") + ":5: duplicate judgment for query \"q1\" and document \"d1\" (first on "
                        + "line 2; expected one judgment per query and document)",
                b.resolve("queries.jsonl") + ":4: duplicate _id \"q1\" (first on line 1; expected unique query ids)",
                b.resolve("corpus.jsonl") + ":4: duplicate _id \"d2\" (first on line 2; expected unique document ids)"),
                problems(d));
        assertEquals("The second document.", d.doc("d2").text(), "the first record wins");
        assertEquals(1, d.qrels().topic("q1").relevanceOf("d1"));

        Path rag = write(dir.resolve("s.jsonl"), "{\"id\": \"a\", \"user_input\": \"q\"}\n{\"id\": \"a\", \"user_input\": \"r\"}\n");
        assertEquals(rag + ":2: duplicate id \"a\" (first on line 1; expected unique sample ids)", failMessage("rag:" + rag));
    }

    @Test
    void duplicateDocumentIdAcrossCorpusPartsNamesTheFirstPart() throws IOException {
        beir(dir, null, QUERIES, QRELS);
        write(dir.resolve("corpus.part-00.jsonl"), "{\"_id\": \"d1\", \"text\": \"a\"}\n");
        write(dir.resolve("corpus.part-01.jsonl"), "{\"_id\": \"d2\", \"text\": \"b\"}\n{\"_id\": \"d1\", \"text\": \"c\"}\n");
        assertEquals(dir.resolve("corpus.part-01.jsonl") + ":2: duplicate _id \"d1\" (first at "
                + dir.resolve("corpus.part-00.jsonl") + ":1; expected unique document ids)", failMessage("beir:" + dir));
    }

    @Test
    void qrelsNamingUnknownDocsOrQueriesWarnWithCountsAndAreKept() throws IOException {
        Path b = beir(dir, CORPUS, QUERIES, QRELS + "q2\tdX\t1\nq2\tdY\t1\nq9\td1\t1\n");
        Dataset d = Datasets.load("beir:" + b);
        Path t = b.resolve("qrels/test.tsv");
        assertEquals(List.of(
                t + ": 2 of 6 judgments name documents not in the corpus (first on line 5: \"dX\"); kept, as BEIR and "
                        + "trec_eval keep them (expected every judged document in the corpus)",
                t + ": 1 of 6 judgments name queries not in the queries file (first on line 7: \"q9\"); kept (expected "
                        + "every judged query in the queries file)"), problems(d));
        assertEquals(2, d.report().warnings());
        assertEquals(0, d.report().errors());
        assertEquals(6, d.counts().judgments());
        assertEquals(1L, d.report().byCheck().get(Check.UNKNOWN_DOC));
    }

    @Test
    void emptyFiles() throws IOException {
        Path b = beir(dir, "", QUERIES, QRELS);
        assertEquals(b.resolve("corpus.jsonl") + ": empty file (expected one JSON document per line: _id, title, text)",
                failMessage("beir:" + b));
        write(b.resolve("corpus.jsonl"), CORPUS);
        write(b.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n");
        assertEquals(b.resolve("qrels/test.tsv") + ": no rows after the header (expected a header line, then query-id, "
                + "corpus-id, score per line)", failMessage("beir:" + b));
        write(b.resolve("qrels/test.tsv"), "\n\n");
        assertEquals(b.resolve("qrels/test.tsv") + ": empty file (expected a header line, then query-id, corpus-id, "
                + "score per line)", failMessage("beir:" + b));
        Path rag = write(dir.resolve("empty.jsonl"), "   \n");
        assertEquals(rag + ": empty file (expected one JSON object per line with RAGAS fields: user_input, response, "
                + "retrieved_contexts, reference, reference_contexts)", failMessage("rag:" + rag));
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path b = beir(dir, CORPUS, QUERIES, QRELS);
        write(b.resolve("corpus.jsonl"), bytes(bom, CORPUS));
        write(b.resolve("qrels/test.tsv"), bytes(bom, QRELS));
        Dataset d = Datasets.load("beir:" + b);
        assertEquals("d1", d.docs().get(0).id(), "the BOM is not part of the first field");
        assertEquals(3, d.counts().judgments(), "the header is recognised after the BOM");
        assertEquals(Datasets.load("beir:" + beir(dir.resolve("plain"))).fingerprint(), d.fingerprint());
    }

    @Test
    void crlfLineEndsAreLineEnds() throws IOException {
        Path b = beir(dir, CORPUS.replace("\n", "\r\n"), QUERIES.replace("\n", "\r\n"), QRELS.replace("\n", "\r\n"));
        Dataset d = Datasets.load("beir:" + b);
        assertEquals("The first document.", d.docs().get(0).text());
        assertEquals(2, d.qrels().topic("q1").relevanceOf("d2"), "no \\r in the last TSV column");
        assertEquals(Datasets.load("beir:" + beir(dir.resolve("plain"))).fingerprint(), d.fingerprint());
    }

    @Test
    void invalidUtf8IsAnErrorNotMojibake() throws IOException {
        Path b = beir(dir, CORPUS, QUERIES, QRELS);
        write(b.resolve("corpus.jsonl"), bytes(CORPUS, "{\"_id\": \"d4\", \"text\": \"caf", new byte[] {(byte) 0xE9}, "\"}\n",
                "{\"_id\": \"d5\", \"text\": \"over", new byte[] {(byte) 0xC0, (byte) 0xAF}, "long\"}\n"));
        Path c = b.resolve("corpus.jsonl");
        assertEquals(c + ":4: invalid UTF-8 at byte 27 of the line (0xE9; expected UTF-8 text)", failMessage("beir:" + b));
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(List.of(c + ":4: invalid UTF-8 at byte 27 of the line (0xE9; expected UTF-8 text)",
                c + ":5: invalid UTF-8 at byte 28 of the line (0xC0; expected UTF-8 text)"), problems(d));
        write(b.resolve("qrels/test.tsv"), bytes(QRELS, "q2\td", new byte[] {(byte) 0xFF}, "\t1\n"));
        assertEquals(b.resolve("qrels/test.tsv") + ":5: invalid UTF-8 at byte 5 of the line (0xFF; expected UTF-8 text)",
                failMessage("beir:" + b));
    }

    @Test
    void utf16FileIsAnError() throws IOException {
        Path b = beir(dir, CORPUS, QUERIES, QRELS);
        write(b.resolve("queries.jsonl"), bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, "{"));
        assertEquals(b.resolve("queries.jsonl") + ": file starts with a UTF-16 byte-order mark (expected UTF-8 text; "
                + "convert it with iconv -f UTF-16 -t UTF-8)", failMessage("beir:" + b));
    }

    @Test
    void absurdlyLongLineIsAnErrorAndIsSkippedWithoutBeingHeld() throws IOException {
        String huge = "{\"_id\": \"big\", \"text\": \"" + "x".repeat(100_000) + "\"}\n";
        Path b = beir(dir, CORPUS + huge + "{\"_id\": \"d9\", \"text\": \"after\"}\n", QUERIES, QRELS);
        LoadOptions small = LoadOptions.DEFAULTS.withMaxLineBytes(1024);
        Path c = b.resolve("corpus.jsonl");
        String expected = c + ":4: line longer than 1024 bytes (expected one record per line; the limit keeps memory bounded)";
        assertEquals(expected, assertThrows(DatasetFormatException.class, () -> Datasets.load("beir:" + b, small)).getMessage());
        Dataset d = Datasets.load("beir:" + b, small.withOnError(OnError.SKIP));
        assertEquals(List.of(expected), problems(d));
        assertEquals("after", d.doc("d9").text(), "reading resumes on the next line");
        assertEquals(5, d.report().files().stream().filter(f -> f.file().equals(c)).findFirst().orElseThrow().records());
    }

    @Test
    void skippedRecordsAreCountedPerFile() throws IOException {
        Path b = beir(dir, CORPUS + "{bad\n", QUERIES, QRELS + "q1\td3\tx\n");
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(2, d.report().skippedRecords());
        assertEquals("2 errors (2 records skipped), 0 warnings", d.report().summary());
        LoadReport.FileSummary corpus = d.report().files().stream()
                .filter(f -> f.file().getFileName().toString().equals("corpus.jsonl")).findFirst().orElseThrow();
        assertEquals(4, corpus.records());
        assertEquals(1, corpus.skipped());
    }

    @Test
    void problemListIsBoundedButEveryProblemIsCounted() throws IOException {
        StringBuilder bad = new StringBuilder(CORPUS);
        for (int i = 0; i < 50; i++) {
            bad.append("{nope\n");
        }
        Path b = beir(dir, bad.toString(), QUERIES, QRELS);
        Dataset d = Datasets.load("beir:" + b, skip().withMaxProblemsKept(10));
        assertEquals(10, d.report().problems().size());
        assertEquals(50, d.report().errors());
        assertEquals(40, d.report().unlisted());
    }

    @Test
    void missingFilesAndSplits() throws IOException {
        Path b = beir(dir, CORPUS, null, QRELS);
        assertEquals(b.resolve("queries.jsonl") + ": no such file (expected queries.jsonl with one JSON query per line: "
                + "_id, text)", failMessage("beir:" + b));
        Path c = beir(dir.resolve("c"));
        assertEquals(c.resolve("qrels/dev.tsv") + ": no qrels for split dev (expected qrels/dev.tsv; this dataset has "
                + "splits: test)", assertThrows(DatasetFormatException.class,
                () -> Datasets.load("beir:" + c, LoadOptions.DEFAULTS.withSplit("dev"))).getMessage());
        assertEquals(dir.resolve("nope") + ": no such folder or file (expected a BEIR folder with corpus.jsonl, "
                + "queries.jsonl and qrels/, or a .zip of one)", failMessage("beir:" + dir.resolve("nope")));
    }

    @Test
    void validateListsEveryProblemInsteadOfStopping() throws IOException {
        Path b = beir(dir, CORPUS + "{bad\n", "{\"_id\": \"q1\"}\n" + QUERIES, QRELS + "q1\td9\t1\n");
        Datasets.Validation v = Datasets.validate("beir:" + b, LoadOptions.DEFAULTS);
        assertFalse(v.valid());
        assertEquals(2, v.report().errors());
        assertEquals(1, v.report().warnings());
        assertFalse(v.dataset().docsRetained(), "validation streams the corpus");
        assertTrue(Datasets.validate("beir:" + beir(dir.resolve("ok")), LoadOptions.DEFAULTS).valid());
    }

    @Test
    void fiftyMegabyteLineUnderTheDefaultLimitIsOneErrorAndReadingGoesOn() throws IOException {
        Path b = beir(dir, null, QUERIES, QRELS);
        Path c = b.resolve("corpus.jsonl");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(c), 1 << 16)) {
            o.write("{\"_id\": \"huge\", \"text\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                o.write(chunk);
            }
            o.write(("\"}\n" + CORPUS).getBytes(StandardCharsets.US_ASCII));
        }
        String expected = c + ":1: line longer than " + LoadOptions.DEFAULT_MAX_LINE_BYTES + " bytes (expected one record "
                + "per line; the limit keeps memory bounded)";
        assertEquals(expected, failMessage("beir:" + b));
        Dataset d = Datasets.load("beir:" + b, skip());
        assertEquals(List.of(expected), problems(d));
        assertEquals(3, d.counts().docs(), "the lines after it are read");
    }

    @Test
    void deeplyNestedJsonIsAnErrorNotADeepRecursion() throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Path b = beir(dir, CORPUS + "{\"_id\": \"d4\", \"text\": \"x\", \"metadata\": {\"a\": " + deep + "}}\n",
                QUERIES, QRELS);
        Path c = b.resolve("corpus.jsonl");
        String message = failMessage("beir:" + b);
        // Column 46 opens the third level (record, metadata, "a"); the 65th level opens 62 columns later.
        assertEquals(c + ":4: invalid JSON at column 109: arrays and objects nested "
                + "more than " + Json.MAX_NESTING_DEPTH + " levels deep (expected one JSON object per line)", message);
        // Nesting a dataset really uses (spans in a list in an object) stays well inside the limit.
        String ok = "{\"_id\": \"d4\", \"text\": \"x\", \"metadata\": " + "{\"a\": [".repeat(20) + "1"
                + "]}".repeat(20) + "}\n";
        assertEquals(4, Datasets.load("beir:" + beir(dir, CORPUS + ok, QUERIES, QRELS)).counts().docs());

        Path array = write(dir.resolve("samples.json"), "[{\"user_input\": \"q\", \"x\": " + deep + "}]");
        String arrayMessage = failMessage("rag:" + array);
        assertTrue(arrayMessage.startsWith(array + ":1: invalid JSON at column "), arrayMessage);
        assertTrue(arrayMessage.endsWith(": arrays and objects nested more than " + Json.MAX_NESTING_DEPTH + " levels "
                + "deep (expected a JSON array of objects; the rest of the file was not read)"), arrayMessage);
    }

    @Test
    void nanAndInfinityScoresAreErrorsWithTheirLine() throws IOException {
        Path q = write(dir.resolve("qrels.txt"), "1 0 d1 1\n1 0 d2 0\n");
        for (String score : List.of("nan", "NaN", "-nan", "inf", "-Infinity", "1e999")) {
            Path r = write(dir.resolve("run.txt"), "1 Q0 d1 1 2.5 tag\n1 Q0 d2 2 " + score + " tag\n");
            String kind = score.toLowerCase(java.util.Locale.ROOT).contains("nan") ? "not a number" : "infinite";
            String message = failMessage("trec:" + q + "," + r);
            assertTrue(message.startsWith(r + ":2: score \"" + score + "\" is " + kind + " (expected a finite decimal "
                    + "score; "), message);
            Datasets.Validation v = Datasets.validate("trec:" + q + "," + r, LoadOptions.DEFAULTS);
            assertFalse(v.valid(), score);
            assertEquals(1L, v.report().byCheck().get(Check.BAD_VALUE), score);
        }
        // JSON has no NaN or Infinity literals: strict parsing rejects them with their column.
        Path rag = write(dir.resolve("s.jsonl"), "{\"id\": \"a\", \"user_input\": \"q\", \"score\": NaN}\n");
        assertEquals(rag + ":1: invalid JSON at column 44: token 'NaN' is not JSON (JSON has no NaN or Infinity; write a "
                + "finite number, or null for a missing one) (expected one JSON object per line)", failMessage("rag:" + rag));
        Path inf = write(dir.resolve("i.jsonl"), "{\"id\": \"a\", \"user_input\": \"q\", \"score\": -Infinity}\n");
        assertTrue(failMessage("rag:" + inf).startsWith(inf + ":1: invalid JSON at column "), failMessage("rag:" + inf));
        assertTrue(failMessage("rag:" + inf).contains("JSON has no NaN or Infinity"), failMessage("rag:" + inf));
        // A BEIR grade must be an integer, so NaN there is the integer check's error.
        Path b = beir(dir.resolve("beir"), CORPUS, QUERIES, QRELS + "q2\td1\tNaN\n");
        assertEquals(b.resolve("qrels/test.tsv") + ":5: relevance \"NaN\" is not an integer (expected an integer grade "
                + "such as 0, 1 or 2)", failMessage("beir:" + b));
    }

    @Test
    void idsThatATrecLineCannotHoldAreRefusedWithTheirLine() throws IOException {
        Path b = beir(dir, CORPUS + "{\"_id\": \"doc 4\", \"text\": \"x\"}\n"
                        + "{\"_id\": \"d5\\tx\", \"text\": \"x\"}\n"
                        + "{\"_id\": \"d6\\u200b\", \"text\": \"x\"}\n"
                        + "{\"_id\": \"d7\\u0000\", \"text\": \"x\"}\n"
                        + "{\"_id\": \"d8\\u00a0\", \"text\": \"x\"}\n"
                        + "{\"_id\": \"#d9\", \"text\": \"a docno may start with #\"}\n",
                QUERIES + "{\"_id\": \"#q4\", \"text\": \"x\"}\n{\"_id\": \"q 5\", \"text\": \"x\"}\n",
                QRELS + "q1\td 9\t1\n#q4\td1\t1\nq 5\td1\t1\n");
        Path c = b.resolve("corpus.jsonl");
        String rule = " (expected an id without whitespace, control or invisible characters: TREC run and qrels lines "
                + "split fields on whitespace, so the id would be read back as another and scored wrongly; rename it)";
        assertEquals(b.resolve("qrels/test.tsv") + ":5: judgment: document id \"d 9\" has a space (U+0020) at character 2"
                + rule, failMessage("beir:" + b), "qrels are read first");
        Dataset d = Datasets.load("beir:" + b, skip());
        Path t = b.resolve("qrels/test.tsv");
        assertEquals(List.of(
                t + ":5: judgment: document id \"d 9\" has a space (U+0020) at character 2" + rule,
                t + ":6: judgment: query id \"#q4\" starts with # (expected a query id that does not start with #: "
                        + "trec_eval reads a run or qrels line that starts with # as a comment; rename it)",
                t + ":7: judgment: query id \"q 5\" has a space (U+0020) at character 2" + rule,
                c + ":4: document id \"doc 4\" has a space (U+0020) at character 4" + rule,
                c + ":5: document id \"d5\\u0009x\" has whitespace (U+0009) at character 3" + rule,
                c + ":6: document id \"d6\\u200B\" has an invisible character (U+200B) at character 3" + rule,
                c + ":7: document id \"d7\\u0000\" has a control character (U+0000) at character 3" + rule,
                c + ":8: document id \"d8\u00a0\" has whitespace (U+00A0) at character 3" + rule),
                problems(d));
        assertEquals("a docno may start with #", d.doc("#d9").text());
        assertEquals(8L, d.report().byCheck().get(Check.BAD_VALUE));
    }

    @Test
    void unpairedSurrogateEscapesAreRefusedBecauseNoOutputCanWriteThem() throws IOException {
        Path rag = write(dir.resolve("s.jsonl"), """
                {"id": "ok", "user_input": "a pair is fine: \\ud83d\\ude00", "response": "x"}
                {"id": "a", "user_input": "q", "response": "lone \\ud800 here"}
                {"id": "b", "user_input": "q", "retrieved_contexts": ["fine", "low \\udc00 first"]}
                {"id": "c\\ud800", "user_input": "q"}
                {"id": "d", "user_input": "q", "metadata": {"k": "\\udfff"}}
                {"id": "e", "user_input": "q", "response": "abc", "hallucination_spans": [{"start": 0, "end": 1, "text": "a", "type": "x\\ud800"}]}
                """);
        String rule = " (expected Unicode text: a \\uD800-\\uDFFF escape must be half of a surrogate pair, or the text "
                + "cannot be written as UTF-8)";
        assertEquals(rag + ":2: field \"response\" has an unpaired surrogate \\uD800 at character 6" + rule,
                failMessage("rag:" + rag));
        Datasets.Validation v = Datasets.validate("rag:" + rag, LoadOptions.DEFAULTS);
        assertFalse(v.valid());
        List<String> listed = v.report().problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                rag + ":2: field \"response\" has an unpaired surrogate \\uD800 at character 6" + rule,
                rag + ":3: field \"retrieved_contexts[1]\" has an unpaired surrogate \\uDC00 at character 5" + rule,
                rag + ":4: field \"id\" has an unpaired surrogate \\uD800 at character 2" + rule,
                rag + ":5: field \"metadata.k\" has an unpaired surrogate \\uDFFF at character 1" + rule,
                rag + ":6: field \"hallucination_spans[0].type\" has an unpaired surrogate \\uD800 at character 2" + rule),
                listed);
        assertEquals(5L, v.report().byCheck().get(Check.INVALID_UTF8));
        assertEquals(1, v.dataset().counts().samples(), "the sample with a surrogate pair is valid");

        Path b = beir(dir.resolve("beir"), CORPUS + "{\"_id\": \"d4\", \"title\": \"\\ud800\", \"text\": \"x\"}\n",
                QUERIES, QRELS);
        assertEquals(b.resolve("corpus.jsonl") + ":4: field \"title\" has an unpaired surrogate \\uD800 at character 1"
                + rule, failMessage("beir:" + b));
        Path ids = beir(dir.resolve("ids"), CORPUS + "{\"_id\": \"d\\ud800\", \"text\": \"x\"}\n", QUERIES, QRELS);
        assertEquals(ids.resolve("corpus.jsonl") + ":4: document id \"d\\uD800\" has an unpaired surrogate \\uD800 at "
                + "character 2" + rule, failMessage("beir:" + ids));
    }

    @Test
    void specWithoutFormatOrWithUnknownFormat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("data/scifact"));
        assertEquals("dataset spec \"data/scifact\" has no format (expected FORMAT:PATH, e.g. beir:data/scifact, with "
                + "FORMAT one of begin, beir, builtin, halueval, rag, ragtruth, trec, truthfulqa)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("msmarco:x"));
        assertEquals("unknown dataset format \"msmarco\" in \"msmarco:x\" (expected one of begin, beir, builtin, halueval, "
                + "rag, ragtruth, trec, truthfulqa)", e.getMessage());
    }
}
