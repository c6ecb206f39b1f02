package dev.plumbline.datasets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every format with a real file in {@code ../shared/datasets} loads it with the exact counts of
 * its {@code SOURCE.md}.
 */
@Tag("real-data")
class RealDataTest {
    private static final Path DATA = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets");

    @BeforeAll
    static void dataIsThere() {
        assertTrue(Files.isDirectory(DATA), "datasets not found at " + DATA.toAbsolutePath());
    }

    private static long records(Dataset d, String fileName) {
        return d.report().files().stream().filter(f -> f.file().getFileName().toString().equals(fileName))
                .mapToLong(LoadReport.FileSummary::records).sum();
    }

    @Test
    void scifactTest() {
        Dataset d = Datasets.load("beir:" + DATA.resolve("scifact"));
        assertEquals(5_183, d.counts().docs());
        assertEquals(300, d.counts().queries());
        assertEquals(339, d.counts().judgments());
        assertEquals(1_109, records(d, "queries.jsonl"));
        assertEquals(List.of(1_800L, 1_800L, 1_583L), Stream.of("00", "01", "02")
                .map(k -> records(d, "corpus.part-" + k + ".jsonl")).toList());
        assertTrue(d.report().problems().isEmpty(), "every qrels id is in the corpus and queries: " + d.report().problems());
        assertEquals(List.of("809 of 1109 queries have no judgments in split test and were left out, as BEIR's loader does"),
                d.report().notes());
    }

    @Test
    void scifactTrain() {
        Dataset d = Datasets.load("beir:" + DATA.resolve("scifact"), LoadOptions.DEFAULTS.withSplit("train"));
        assertEquals(5_183, d.counts().docs());
        assertEquals(809, d.counts().queries());
        assertEquals(919, d.counts().judgments());
        assertTrue(d.report().problems().isEmpty(), d.report().problems().toString());
    }

    @Test
    void scifactAsAZipHasTheSameFingerprint(@TempDir Path tmp) throws IOException {
        Path src = DATA.resolve("scifact");
        Path zip = tmp.resolve("scifact.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o);
             Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry("scifact/" + src.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        assertEquals(Datasets.load("beir:" + src).fingerprint(), Datasets.load("beir:" + zip).fingerprint());
    }

    @Test
    void arguana() {
        Dataset d = Datasets.load("beir:" + DATA.resolve("arguana"));
        assertEquals(8_674, d.counts().docs());
        assertEquals(1_406, d.counts().queries());
        assertEquals(1_406, d.counts().judgments());
        assertEquals(List.of(2_200L, 2_200L, 2_200L, 2_074L), Stream.of("00", "01", "02", "03")
                .map(k -> records(d, "corpus.part-" + k + ".jsonl")).toList());
        assertTrue(d.report().notes().get(0).startsWith("1298 query ids are also document ids"), d.report().notes().toString());
        // The BEIR qrels name 5 counter-arguments that are not in BEIR's corpus: kept, with a warning.
        assertEquals(1, d.report().warnings());
        assertTrue(d.report().problems().get(0).message().startsWith("5 of 1406 judgments name documents not in the corpus"));
        assertFalse(d.report().hasErrors());
    }

    @Test
    void haluevalGeneral() {
        Dataset d = Datasets.load("halueval:" + DATA.resolve("halueval/general_data.json"));
        assertEquals(4_507, d.counts().samples());
        assertEquals(815L, d.counts().label("hallucinated"));
        assertEquals(3_692L, d.counts().label("faithful"));
        assertEquals(802, d.samples().stream().filter(s -> s.label() == Label.HALLUCINATED)
                .filter(s -> !s.hallucinationSpans().isEmpty()).count());
        assertFalse(d.report().hasErrors());
    }

    @Test
    void haluevalQaOneAndMultiTurn() {
        Dataset one = Datasets.load("halueval:" + DATA.resolve("halueval/qa_one-turn_data.json"));
        Dataset multi = Datasets.load("halueval:" + DATA.resolve("halueval/qa_multi-turn_data.json"));
        for (Dataset d : List.of(one, multi)) {
            assertEquals(1_000, d.counts().samples(), "500 records, two samples each");
            assertEquals(500L, d.counts().label("faithful"));
            assertEquals(500L, d.counts().label("hallucinated"));
            assertTrue(d.report().problems().isEmpty(), d.report().problems().toString());
        }
        for (int i = 0; i < 1_000; i += 2) {
            RagSample a = one.samples().get(i);
            RagSample b = multi.samples().get(i);
            assertEquals(a.userInput(), b.userInput(), "same questions record by record");
            assertEquals(a.retrievedContexts(), b.retrievedContexts());
            assertEquals(a.response(), b.response(), "same right answers");
        }
    }

    @Test
    void begin() {
        check("begin/wow/begin_dev_wow.tsv", 430, 180, 250, 0);
        check("begin/wow/begin_test_wow.tsv", 3_607, 1_392, 2_209, 6);
        check("begin/cmu-dog/begin_dev_cmu.tsv", 416, 59, 278, 79);
        check("begin/topicalchat/begin_dev_tc.tsv", 383, 74, 307, 2);
    }

    private static void check(String file, long rows, long fully, long notFully, long generic) {
        Dataset d = Datasets.load("begin:" + DATA.resolve(file));
        assertEquals(rows, d.counts().samples(), file);
        assertEquals(fully, d.counts().label("faithful"), file);
        assertEquals(notFully, d.counts().label("hallucinated"), file);
        assertEquals(generic, d.counts().label("unlabelled"), file);
        assertTrue(d.report().problems().isEmpty(), d.report().problems().toString());
    }

    @Test
    void truthfulqa() {
        Dataset d = Datasets.load("truthfulqa:" + DATA.resolve("truthfulqa/TruthfulQA.csv"));
        assertEquals(817, records(d, "TruthfulQA.csv"));
        assertEquals(437, questionsOfType(d, "Adversarial"));
        assertEquals(380, questionsOfType(d, "Non-Adversarial"));
        // One sample per listed answer (blank list items dropped): 2,589 true, 3,298 false.
        assertEquals(2_589L, d.counts().label("faithful"));
        assertEquals(3_298L, d.counts().label("hallucinated"));
        assertTrue(d.report().problems().isEmpty(), d.report().problems().toString());
        Dataset later = Datasets.load("truthfulqa:" + DATA.resolve("truthfulqa/TruthfulQA-2025.csv"));
        assertEquals(790, records(later, "TruthfulQA-2025.csv"));
        assertTrue(later.report().problems().isEmpty(), later.report().problems().toString());
    }

    private static long questionsOfType(Dataset d, String type) {
        return d.samples().stream().filter(s -> type.equals(s.metadata().get("type")))
                .map(s -> s.id().substring(0, s.id().indexOf('-'))).distinct().count();
    }

    @Test
    void everyRealDatasetValidates() {
        for (String spec : List.of("beir:" + DATA.resolve("scifact"), "beir:" + DATA.resolve("arguana"),
                "halueval:" + DATA.resolve("halueval/general_data.json"),
                "begin:" + DATA.resolve("begin/wow/begin_test_wow.tsv"))) {
            assertTrue(Datasets.validate(spec, LoadOptions.DEFAULTS).valid(), spec);
        }
    }
}
