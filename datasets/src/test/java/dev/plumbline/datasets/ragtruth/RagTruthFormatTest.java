package dev.plumbline.datasets.ragtruth;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.Problem;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.plumbline.datasets.Fixtures.skip;
import static dev.plumbline.datasets.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RAGTruth has no copy on hand: these files follow the published format (the README of
 * ParticleMedia/RAGTruth: one sample per task type, labels with code-point offsets, split and
 * quality fields).
 */
class RagTruthFormatTest {
    @TempDir
    Path dir;

    static final String SOURCES = """
            {"source_id": "14312", "task_type": "QA", "source": "MARCO", "source_info": {"question": "how to prepare beets", "passages": "passage 1:Wash beets.\\n\\npassage 2:Bake them for 45 to 60 minutes.\\n\\n"}, "prompt": "Briefly answer the following question:\\nhow to prepare beets\\n..."}
            {"source_id": "11316", "task_type": "Summary", "source": "CNN/DM", "source_info": "The Palestinian Authority officially became the 123rd member of the International Criminal Court on Wednesday.", "prompt": "Summarize the following news within 141 words:\\nThe Palestinian Authority ...\\noutput:"}
            {"source_id": "13661", "task_type": "Data2txt", "source": "Yelp", "source_info": {"name": "Subway", "city": "Santa Barbara", "business_stars": 3.0, "attributes": {"WiFi": "no", "Music": null}}, "prompt": "Instruction:\\nWrite an objective overview ..."}
            """;
    static final String RESPONSES = """
            {"id": "1", "source_id": "14312", "model": "gpt-4-0613", "temperature": 0.7, "labels": [], "split": "test", "quality": "good", "response": "Wash the beets and bake them for 45 to 60 minutes."}
            {"id": "1472", "source_id": "11316", "model": "mistral-7B-instruct", "temperature": 0.925, "labels": [{"start": 32, "end": 42, "text": "Gaza Strip", "meta": "HIGH INTRO OF NEW INFO", "label_type": "Evident Baseless Info", "implicit_true": false, "due_to_null": false}], "split": "train", "quality": "good", "response": "The court covers the West Bank, Gaza Strip and East Jerusalem."}
            {"id": "3", "source_id": "13661", "model": "llama-2-7b-chat", "temperature": 0.5, "labels": [{"start": 0, "end": 6, "text": "Subway", "label_type": "Subtle Conflict"}, {"start": 25, "end": 31, "text": "5-star", "label_type": "Evident Conflict"}], "split": "test", "quality": "good", "response": "Subway in Santa Barbara, 5-star café."}
            {"id": "4", "source_id": "14312", "model": "llama-2-13b-chat", "temperature": 0.5, "labels": [], "split": "test", "quality": "incorrect_refusal", "response": "Unable to answer based on given passages."}
            {"id": "5", "source_id": "14312", "model": "llama-2-70b-chat", "temperature": 0.5, "labels": [], "split": "test", "quality": "truncated", "response": "Wash the"}
            """;

    @BeforeEach
    void files() throws IOException {
        write(dir.resolve("source_info.jsonl"), SOURCES);
        write(dir.resolve("response.jsonl"), RESPONSES);
    }

    @Test
    void responsesBecomeLabelledSamplesWithSpans() {
        Dataset d = Datasets.load("ragtruth:" + dir);
        assertEquals(3, d.counts().samples());
        assertEquals(1L, d.counts().label("faithful"));
        assertEquals(2L, d.counts().label("hallucinated"));
        RagSample qa = d.samples().get(0);
        assertEquals("how to prepare beets", qa.userInput());
        assertEquals(List.of("passage 1:Wash beets.\n\npassage 2:Bake them for 45 to 60 minutes.\n\n"), qa.retrievedContexts());
        assertEquals(Label.FAITHFUL, qa.label());
        assertEquals("QA", qa.metadata().get("task_type"));
        assertEquals("gpt-4-0613", qa.metadata().get("model"));
        assertEquals("0.7", qa.metadata().get("temperature"));
        RagSample summary = d.samples().get(1);
        assertEquals("1472", summary.id());
        assertEquals(Label.HALLUCINATED, summary.label());
        assertEquals(List.of(new Span(32, 42, "Gaza Strip", "Evident Baseless Info")), summary.hallucinationSpans());
        assertEquals("Gaza Strip", summary.hallucinationSpans().get(0).in(summary.response()));
        assertTrue(summary.userInput().startsWith("Summarize the following news"));
        RagSample data = d.samples().get(2);
        assertEquals(List.of("{\"name\":\"Subway\",\"city\":\"Santa Barbara\",\"business_stars\":3.0,\"attributes\":"
                + "{\"WiFi\":\"no\",\"Music\":null}}"), data.retrievedContexts());
        assertEquals(2, data.hallucinationSpans().size());
        assertEquals(List.of("2 responses with quality other than good were left out, as RAGTruth's baseline does "
                + "(1 incorrect_refusal, 1 truncated)"), d.report().notes());
        assertTrue(d.report().problems().isEmpty(), d.report().problems().toString());
    }

    @Test
    void splitOptionKeepsOneSplit() {
        Dataset train = Datasets.load("ragtruth:" + dir, LoadOptions.DEFAULTS.withSplit("train"));
        assertEquals(List.of("1472"), train.samples().stream().map(RagSample::id).toList());
        assertEquals("train", train.split());
        assertTrue(train.report().notes().contains("4 responses of other splits were left out (--split train)"));
    }

    @Test
    void codePointOffsetsCountLikePython() throws IOException {
        write(dir.resolve("response.jsonl"), """
                {"id": "9", "source_id": "14312", "labels": [{"start": 2, "end": 7, "text": "beets", "label_type": "Evident Conflict"}], "split": "test", "quality": "good", "response": "😀 beets"}
                """);
        RagSample s = Datasets.load("ragtruth:" + dir).samples().get(0);
        assertEquals("beets", s.hallucinationSpans().get(0).in(s.response()));
    }

    @Test
    void malformedResponses() throws IOException {
        write(dir.resolve("response.jsonl"), """
                {"id": "1", "source_id": "99999", "labels": [], "response": "x"}
                {"id": "2", "source_id": "14312", "response": "x"}
                {"id": "3", "source_id": "14312", "labels": [{"start": 0, "end": 40, "text": "x", "label_type": "Evident Conflict"}], "response": "short"}
                {"id": "4", "source_id": "14312", "labels": [{"start": "0", "end": 1}], "response": "short"}
                {"id": "5", "source_id": "14312", "labels": [{"start": 0, "end": 2, "text": "xx", "label_type": "Subtle Conflict"}], "response": "short"}
                """);
        Dataset d = Datasets.load("ragtruth:" + dir, skip());
        Path r = dir.resolve("response.jsonl");
        assertEquals(List.of(
                r + ":1: source_id \"99999\" is not in source_info.jsonl (expected every response's source there)",
                r + ":2: missing required field \"labels\" (expected id, source_id, labels, response on every response)",
                r + ":3: label 0 [0, 40) is outside the response of 5 characters (expected 0 <= start <= end <= length)",
                r + ":4: label 0 start is a string (expected a non-negative integer)",
                r + ":5: label 0 [0, 2) reads \"sh\" but its text is \"xx\"; kept as given (expected text = response[start:end])"),
                d.report().problems().stream().map(Problem::toString).toList());
        assertEquals(1, d.counts().samples());
    }

    @Test
    void missingFilesAndBadSources() throws IOException {
        write(dir.resolve("source_info.jsonl"), """
                {"source_id": "1", "task_type": "Poetry", "source_info": "x"}
                {"source_id": "2", "task_type": "QA", "source_info": "should be an object"}
                """);
        Dataset d = Datasets.load("ragtruth:" + dir, skip());
        Path s = dir.resolve("source_info.jsonl");
        assertEquals(s + ":1: task_type \"Poetry\" is not QA, Summary or Data2txt (expected one of them)",
                d.report().problems().get(0).toString());
        assertEquals(s + ":2: field \"source_info\" is a string (expected an object with question and passages for QA)",
                d.report().problems().get(1).toString());
        Path empty = dir.resolve("nothing");
        assertEquals(empty + ": no such folder (expected RAGTruth's folder with response.jsonl and source_info.jsonl)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("ragtruth:" + empty)).getMessage());
        java.nio.file.Files.createDirectories(empty);
        assertEquals(empty.resolve("source_info.jsonl") + ": no such file (expected RAGTruth's source_info.jsonl, one source "
                + "per line)", assertThrows(DatasetFormatException.class, () -> Datasets.load("ragtruth:" + empty)).getMessage());
    }
}
