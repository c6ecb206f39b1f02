package dev.plumbline.datasets.trec;

import dev.plumbline.datasets.DatasetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrecReadersTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void runKeepsTopicsScoresDocnosAndLastRunId() throws IOException {
        Path f = write("run.txt", """
                # comment
                1 Q0 d1 1 2.5 first
                   \t
                1 Q0 d2 2 1.5 first extra fields ignored\r
                2 Q0 d9 1 abc second
                1 Q0 d3 3 1e-3 last""");
        Run run = TrecRunReader.read(f);
        assertEquals("last", run.runId());
        assertEquals(2, run.topics().size());
        TopicRun t1 = run.topic("1");
        assertEquals(3, t1.size(), "topic 1 lines are gathered even when not adjacent");
        assertEquals("d2", t1.docno(1));
        assertEquals(1.5, t1.score(1));
        assertEquals(0.001, t1.score(2));
        assertEquals(0.0, run.topic("2").score(0), "atof(\"abc\") is 0");
        assertEquals(4, run.size());
    }

    @Test
    void shortRunLineNamesFileAndLine() throws IOException {
        Path f = write("run.txt", "1 Q0 d1 1 2.5 r\n1 Q0 d2 2 1.5\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TrecRunReader.read(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("expected 6"), e.getMessage());
    }

    @Test
    void emptyRunIsAnError() throws IOException {
        Path f = write("run.txt", "# nothing\n\n");
        assertThrows(DatasetFormatException.class, () -> TrecRunReader.read(f));
    }

    @Test
    void missingFileIsAFormatErrorNamingTheFile() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> TrecRunReader.read(dir.resolve("nope.txt")));
        assertTrue(e.getMessage().contains("nope.txt"));
    }

    @Test
    void qrelsSortTopicsAndDocnosInByteOrderAndLookUpRunDocnos() throws IOException {
        Path f = write("qrels.txt", "2 0 b 1\n10 0 z 0\n2 0 a -1\n2 0 C 3\n");
        Qrels q = TrecQrelsReader.read(f);
        assertEquals(java.util.List.of("10", "2"), java.util.List.copyOf(q.topics().keySet()), "strcmp order");
        TopicQrels t = q.topic("2");
        assertEquals("C", t.docno(0), "upper case sorts before lower case in byte order");
        assertEquals(-1, t.relevanceOf("a"));
        assertEquals(3, t.relevanceOf("C"));
        assertEquals(TopicQrels.NOT_IN_QRELS, t.relevanceOf("c"));
        assertEquals(null, t.duplicateDocno());
    }

    @Test
    void qrelsWithFiveFieldsIsMalformed() throws IOException {
        Path f = write("qrels.txt", "1 0 a 1\n1 0 b 1 extra\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TrecQrelsReader.read(f));
        assertEquals(2, e.line());
    }

    @Test
    void duplicateJudgmentIsRecordedForTheEvaluator() throws IOException {
        Path f = write("qrels.txt", "1 0 a 1\n1 0 a 0\n");
        assertEquals("a", TrecQrelsReader.read(f).topic("1").duplicateDocno());
    }

    @Test
    void longLinesAreBoundedNotBuffered() throws IOException {
        Path f = dir.resolve("huge.txt");
        byte[] line = new byte[TrecRunReader.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(line, (byte) 'x');
        Files.write(f, line);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TrecRunReader.read(f));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith(f + ":1: line longer than"), e.getMessage());
    }

    @Test
    void longLineNamesItsLineInQrels() throws IOException {
        Path f = dir.resolve("huge-qrels.txt");
        byte[] head = "1 0 a 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] data = java.util.Arrays.copyOf(head, head.length + TrecRunReader.MAX_LINE_BYTES + 10);
        java.util.Arrays.fill(data, head.length, data.length, (byte) 'x');
        Files.write(f, data);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TrecQrelsReader.read(f));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f + ":2: line longer than"), e.getMessage());
    }

    @Test
    void byteOrderMarkIsContentAsInTrecEval() throws IOException {
        Path f = dir.resolve("bom-run.txt");
        Files.write(f, ("\uFEFF1 Q0 d1 1 2.5 r\n1 Q0 d2 2 1.5 r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Run run = TrecRunReader.read(f);
        assertEquals(java.util.Set.of("\uFEFF1", "1"), run.topics().keySet(),
                "trec_eval reads the mark as part of the first qid");
    }

    @Test
    void crlfLinesReadLikeLfLines() throws IOException {
        Path f = write("crlf-qrels.txt", "1 0 a 1\r\n1 0 b 2\r\n\r\n1 0 c -1\r");
        TopicQrels t = TrecQrelsReader.read(f).topic("1");
        assertEquals(3, t.size());
        assertEquals(2, t.relevanceOf("b"));
        assertEquals(-1, t.relevanceOf("c"));
    }

    @Test
    void dashReadsStandardInputAndLeavesItOpen() {
        boolean[] closed = {false};
        java.io.InputStream stdin = new java.io.ByteArrayInputStream(
                "1 Q0 d1 1 2.5 r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        java.io.InputStream saved = System.in;
        try {
            System.setIn(stdin);
            assertEquals("d1", TrecRunReader.read(Path.of("-")).topic("1").docno(0));
        } finally {
            System.setIn(saved);
        }
        assertTrue(!closed[0], "standard input is not closed");
    }

    @Test
    void byteOrderMatchesStrcmp() {
        assertTrue(ByteOrder.compare("doc9", "doc10") > 0);
        assertTrue(ByteOrder.compare("Zed", "apple") < 0);
        // U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80) in UTF-8, unlike UTF-16 code units.
        assertTrue(ByteOrder.compare("\uFFFD", "\uD83D\uDE00") < 0);
    }
}
