package dev.plumbline.datasets.halueval;

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

import static dev.plumbline.datasets.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HaluEvalFormatTest {
    @TempDir
    Path dir;

    @Test
    void qaRecordsGiveAFaithfulAndAHallucinatedSample() throws IOException {
        Path f = write(dir.resolve("qa_data.json"), """
                {"knowledge": "Arthur's Magazine (1844–1846) was an American literary periodical.", "question": "Which magazine was started first?", "right_answer": "Arthur's Magazine", "hallucinated_answer": "First for Women was started first."}
                {"knowledge": "K2", "question": "Q2", "right_answer": "R2", "hallucinated_answer": "H2"}
                """);
        Dataset d = Datasets.load("halueval:" + f);
        assertEquals(4, d.counts().samples());
        RagSample right = d.samples().get(0);
        RagSample wrong = d.samples().get(1);
        assertEquals("1-faithful", right.id());
        assertEquals(Label.FAITHFUL, right.label());
        assertEquals("Arthur's Magazine", right.response());
        assertEquals("1-hallucinated", wrong.id());
        assertEquals(Label.HALLUCINATED, wrong.label());
        assertEquals("First for Women was started first.", wrong.response());
        assertEquals("Arthur's Magazine", wrong.reference());
        assertEquals(List.of("Arthur's Magazine (1844–1846) was an American literary periodical."), wrong.retrievedContexts());
        assertEquals("qa", wrong.metadata().get("halueval_task"));
    }

    @Test
    void dialogueAndSummarizationPairs() throws IOException {
        Path dlg = write(dir.resolve("dialogue_data.json"), """
                {"knowledge": "k", "dialogue_history": "[Human]: hi", "right_response": "r", "hallucinated_response": "h"}
                """);
        assertEquals("[Human]: hi", Datasets.load("halueval:" + dlg).samples().get(1).userInput());
        Path sum = write(dir.resolve("summarization_data.json"), """
                {"document": "doc", "right_summary": "r", "hallucinated_summary": "h"}
                """);
        RagSample s = Datasets.load("halueval:" + sum).samples().get(1);
        assertEquals(HaluEvalFormat.SUMMARIZE, s.userInput());
        assertEquals(List.of("doc"), s.retrievedContexts());
        assertEquals("h", s.response());
    }

    @Test
    void generalRecordsKeepTheHumanLabelAndSpans() throws IOException {
        Path f = write(dir.resolve("general_data.json"), """
                {"ID": "1", "user_query": "List colours.", "chatgpt_response": "Red, green and plaid.", "hallucination": "yes", "hallucination_spans": ["plaid", "not quoted"]}
                {"ID": "2", "user_query": "q", "chatgpt_response": "r", "hallucination": "no", "hallucination_spans": []}
                {"ID": "ID", "user_query": "q", "chatgpt_response": "r", "hallucination": "no", "hallucination_spans": []}
                {"ID": "ID", "user_query": "q", "chatgpt_response": "r", "hallucination": "no", "hallucination_spans": []}
                {"ID": "", "user_query": "q", "chatgpt_response": "r", "hallucination": "no", "hallucination_spans": []}
                """);
        Dataset d = Datasets.load("halueval:" + f);
        RagSample s = d.samples().get(0);
        assertEquals(Label.HALLUCINATED, s.label());
        assertEquals(List.of(new Span(15, 20, "plaid", null), new Span(-1, -1, "not quoted", null)), s.hallucinationSpans());
        assertEquals(List.of("1", "2", "ID", "ID#4", "#5"), d.samples().stream().map(RagSample::id).toList());
        assertEquals(List.of(
                f + ":4: duplicate ID \"ID\" (first on line 3); kept as sample \"ID#4\" (expected unique IDs)",
                f + ":5: empty ID; kept as sample \"#5\" (expected an ID on every record)",
                f + ": 1 of 2 hallucination spans do not occur verbatim in their response (first on line 1: \"not "
                        + "quoted\"); kept without offsets (expected quotes of the response)"),
                d.report().problems().stream().map(Problem::toString).toList());
        assertEquals(4L, d.counts().label("faithful"));
    }

    @Test
    void recordErrors() throws IOException {
        Path f = write(dir.resolve("bad.json"), """
                {"knowledge": "k", "question": "q", "right_answer": "r"}
                """);
        assertEquals(f + ":1: missing required field \"hallucinated_answer\" (expected knowledge, question, right_answer, "
                + "hallucinated_answer on every qa record)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("halueval:" + f)).getMessage());
        Path g = write(dir.resolve("mixed.json"), """
                {"knowledge": "k", "question": "q", "right_answer": "r", "hallucinated_answer": "h"}
                {"ID": "1", "user_query": "q", "chatgpt_response": "r", "hallucination": "maybe"}
                {"foo": 1}
                """);
        Dataset d = Datasets.load("halueval:" + g, dev.plumbline.datasets.Fixtures.skip());
        assertEquals(List.of(
                g + ":2: a general record in a file of qa records (expected knowledge, question, right_answer, "
                        + "hallucinated_answer)",
                g + ":3: not a HaluEval record: fields foo (expected QA: knowledge, question, right_answer, "
                        + "hallucinated_answer; or general: ID, user_query, chatgpt_response, hallucination)"),
                d.report().problems().stream().map(Problem::toString).toList());
        Path h = write(dir.resolve("label.json"), """
                {"ID": "1", "user_query": "q", "chatgpt_response": "r", "hallucination": "maybe"}
                """);
        assertEquals(h + ":1: hallucination \"maybe\" is not yes or no (expected yes or no)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("halueval:" + h)).getMessage());
    }
}
