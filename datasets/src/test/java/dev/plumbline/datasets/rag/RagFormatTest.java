package dev.plumbline.datasets.rag;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.Problem;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.plumbline.datasets.Fixtures.skip;
import static dev.plumbline.datasets.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RagFormatTest {
    @TempDir
    Path dir;

    private static final String RAGAS_JSONL = """
            {"user_input": "When was it built?", "retrieved_contexts": ["It was built in 1901.", "Other text."], "response": "It was built in 1901.", "reference": "1901"}
            {"user_input": "Who built it?", "retrieved_contexts": [], "response": "Ada.", "reference_contexts": ["Ada built it."], "multi_responses": ["a", "b"]}
            """;

    @Test
    void ragasJsonlLoadsUnchanged() throws IOException {
        Path f = write(dir.resolve("ragas.jsonl"), RAGAS_JSONL);
        Dataset d = Datasets.load("rag:" + f);
        assertEquals(2, d.counts().samples());
        RagSample s = d.samples().get(0);
        assertEquals("row-1", s.id());
        assertEquals("When was it built?", s.userInput());
        assertEquals(List.of("It was built in 1901.", "Other text."), s.retrievedContexts());
        assertEquals("1901", s.reference());
        assertNull(s.label());
        RagSample t = d.samples().get(1);
        assertEquals(List.of("Ada built it."), t.referenceContexts());
        assertEquals(Map.of("multi_responses", "[\"a\",\"b\"]"), t.metadata(), "other fields are kept as metadata");
        assertEquals(2L, d.counts().label("unlabelled"));
    }

    @Test
    void jsonArrayAndJsonlGiveTheSameDataset() throws IOException {
        Path jsonl = write(dir.resolve("a.jsonl"), RAGAS_JSONL);
        Path json = write(dir.resolve("a.json"), "[\n" + String.join(",\n", RAGAS_JSONL.strip().split("\n")) + "\n]\n");
        assertEquals(Datasets.load("rag:" + jsonl).fingerprint(), Datasets.load("rag:" + json).fingerprint());
    }

    @Test
    void labelsTypesAndSpans() throws IOException {
        Path f = write(dir.resolve("l.jsonl"), """
                {"id": "a", "user_input": "q", "response": "Paris is in Spain.", "retrieved_contexts": ["Paris is in France."], "label": "hallucinated", "hallucination_type": "swapped_entity", "hallucination_spans": ["Spain"]}
                {"id": "b", "user_input": "q", "response": "Paris is in France.", "label": "Faithful"}
                {"id": "c", "user_input": "q", "response": "Née in 1901.", "label": "hallucinated", "hallucination_spans": [{"start": 7, "end": 11, "type": "date"}]}
                """);
        Dataset d = Datasets.load("rag:" + f);
        RagSample a = d.samples().get(0);
        assertEquals(Label.HALLUCINATED, a.label());
        assertEquals("swapped_entity", a.hallucinationType());
        assertEquals(new Span(12, 17, "Spain", null), a.hallucinationSpans().get(0));
        assertEquals(Label.FAITHFUL, d.samples().get(1).label());
        assertEquals(new Span(7, 11, "1901", "date"), d.samples().get(2).hallucinationSpans().get(0),
                "text is taken from the response when only offsets are given");
        assertEquals(1L, d.counts().label("faithful"));
        assertEquals(2L, d.counts().label("hallucinated"));
    }

    @Test
    void sampleErrorsAreExact() throws IOException {
        Path f = write(dir.resolve("bad.jsonl"), """
                {"id": "a", "response": "x"}
                {"id": "b", "user_input": "q", "label": "maybe", "response": "x"}
                {"id": "c", "user_input": "q", "label": "hallucinated"}
                {"id": "d", "user_input": "q", "retrieved_contexts": "one string"}
                {"id": "e", "user_input": "q", "retrieved_contexts": ["a", 2]}
                {"id": "f", "user_input": "q", "response": "x", "label": "faithful", "hallucination_type": "contradiction"}
                {"id": "g", "user_input": "q", "response": "abc", "hallucination_spans": [{"start": 1, "end": 9}]}
                {"id": ["h"], "user_input": "q"}
                """);
        Dataset d = Datasets.load("rag:" + f, skip());
        assertEquals(List.of(
                f + ":1: missing required field \"user_input\" (expected RAGAS fields: user_input, response, "
                        + "retrieved_contexts, reference, reference_contexts)",
                f + ":2: label \"maybe\" is not faithful or hallucinated (expected faithful, hallucinated, or no label)",
                f + ":3: missing required field \"response\" (expected a response on every labelled sample)",
                f + ":4: field \"retrieved_contexts\" is a string (expected a list of strings)",
                f + ":5: field \"retrieved_contexts\" has a number at index 1 (expected a list of strings)",
                f + ":6: hallucination_type \"contradiction\" on a faithful sample (expected hallucination_type only "
                        + "with label hallucinated)",
                f + ":7: span 0 [1, 9) is outside the response of 3 characters (expected 0 <= start <= end <= length)",
                f + ":8: field \"id\" is an array (expected a string or integer id)"),
                d.report().problems().stream().map(Problem::toString).toList());
        assertEquals(8, d.report().skippedRecords());
    }

    @Test
    void spanTextMismatchIsAWarning() throws IOException {
        Path f = write(dir.resolve("w.jsonl"), """
                {"user_input": "q", "response": "abcdef", "hallucination_spans": [{"start": 1, "end": 3, "text": "xy"}, "zzz"]}
                """);
        Dataset d = Datasets.load("rag:" + f);
        assertEquals(List.of(
                f + ":1: span 0 [1, 3) reads \"bc\" but its text is \"xy\"; kept as given (expected text = response[start:end])",
                f + ":1: span 1 \"zzz\" does not occur in the response; kept without offsets (expected a substring of the response)"),
                d.report().problems().stream().map(Problem::toString).toList());
        assertEquals(2, d.report().warnings());
    }

    @Test
    void csvAsRagasAndPandasWriteIt() throws IOException {
        Path f = write(dir.resolve("r.csv"), """
                user_input,retrieved_contexts,response,reference,label
                When was it built?,"['It was built in 1901.', 'Other ""text""\\n.']",It was built in 1901.,1901,faithful
                "Who, exactly?","[""Ada built it.""]","Ada,
                on two lines.",,hallucinated
                Plain?,Just one context,,,
                """);
        Dataset d = Datasets.load("rag:" + f);
        assertEquals(3, d.counts().samples());
        RagSample a = d.samples().get(0);
        assertEquals(List.of("It was built in 1901.", "Other \"text\"\n."), a.retrievedContexts(),
                "a Python list literal, as RAGAS's to_csv writes it");
        assertEquals(Label.FAITHFUL, a.label());
        RagSample b = d.samples().get(1);
        assertEquals("Who, exactly?", b.userInput());
        assertEquals(List.of("Ada built it."), b.retrievedContexts(), "a JSON array");
        assertEquals("Ada,\non two lines.", b.response());
        assertNull(b.reference(), "an empty cell is an absent field");
        assertEquals(List.of("Just one context"), d.samples().get(2).retrievedContexts());
    }

    @Test
    void csvErrorsNameTheLineTheRecordStartsOn() throws IOException {
        Path f = write(dir.resolve("e.csv"), """
                user_input,response,label
                "multi
                line",ok,faithful
                q,r,unsure
                q,r
                """);
        Dataset d = Datasets.load("rag:" + f, skip());
        assertEquals(List.of(
                f + ":4: label \"unsure\" is not faithful or hallucinated (expected faithful, hallucinated, or no label)",
                f + ":5: 2 columns (expected 3: user_input, response, label)"),
                d.report().problems().stream().map(Problem::toString).toList());
        assertEquals(1, d.counts().samples());
    }

    @Test
    void csvUnclosedQuoteStopsTheFileWithoutHoldingIt() throws IOException {
        Path f = write(dir.resolve("q.csv"), "user_input,response\nok,fine\n\"never closed,x\n" + "more text\n".repeat(10_000));
        String m = assertThrows(DatasetFormatException.class,
                () -> Datasets.load("rag:" + f, dev.plumbline.datasets.LoadOptions.DEFAULTS.withMaxLineBytes(64))).getMessage();
        assertEquals(f + ":3: CSV record longer than 64 bytes (expected a closing quote: an unclosed quote runs to the end "
                + "of the file)", m);
        Path g = write(dir.resolve("g.csv"), "user_input,response\nok,fine\n\"never closed,x\n");
        m = assertThrows(DatasetFormatException.class, () -> Datasets.load("rag:" + g)).getMessage();
        assertTrue(m.startsWith(g + ":3: malformed CSV: "), m);
        assertTrue(m.endsWith("(expected RFC 4180 CSV; the rest of the file was not read)"), m);
    }

    @Test
    void legacyRagasNamesAreRead() throws IOException {
        Path f = write(dir.resolve("old.jsonl"), """
                {"question": "q?", "answer": "a.", "contexts": ["c"], "ground_truth": "a"}
                """);
        Dataset d = Datasets.load("rag:" + f);
        RagSample s = d.samples().get(0);
        assertEquals("q?", s.userInput());
        assertEquals("a.", s.response());
        assertEquals(List.of("c"), s.retrievedContexts());
        assertEquals("a", s.reference());
        assertEquals(1, d.report().notes().size());
    }

    @Test
    void pythonListLiterals() {
        assertEquals(List.of("a", "b'c", "d\"e", "\n\t\\", "é", "😀"),
                PythonList.parse("['a', \"b'c\", 'd\"e', '\\n\\t\\\\', '\\xe9', '\\U0001f600',]"));
        assertEquals(List.of(), PythonList.parse(" [ ] "));
        assertNull(PythonList.parse("['unclosed]"));
        assertNull(PythonList.parse("[1, 2]"));
        assertNull(PythonList.parse("['a'] tail"));
    }
}
