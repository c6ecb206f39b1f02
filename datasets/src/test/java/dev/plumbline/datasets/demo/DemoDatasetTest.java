package dev.plumbline.datasets.demo;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetExport;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;
import dev.plumbline.datasets.trec.TopicQrels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDatasetTest {
    /**
     * The fingerprint of {@code builtin:demo}. It changes only when the generator changes; when
     * that is intended, update it here and say so in the change (results recorded against the
     * old demo no longer compare).
     */
    static final String DEMO_FINGERPRINT = "sha256:b6bc11a62bde993c86faf0cb6a06dff2c5d15ebb87a313e4d2ee37133e7dd8fa";

    @TempDir
    Path dir;

    @Test
    void fingerprintIsStable() {
        assertEquals(DEMO_FINGERPRINT, Datasets.load("builtin:demo").fingerprint());
        assertEquals(DEMO_FINGERPRINT, Datasets.load("builtin:demo?seed=" + DemoGenerator.DEFAULT_SEED).fingerprint());
        assertNotEquals(DEMO_FINGERPRINT, Datasets.load("builtin:demo?seed=7").fingerprint());
    }

    @Test
    void sameSeedSameBytes() throws IOException {
        DatasetExport.write(Datasets.load("builtin:demo?seed=11"), dir.resolve("a"));
        DatasetExport.write(Datasets.load("builtin:demo?seed=11"), dir.resolve("b"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(4, files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("b").resolve(dir.resolve("a").relativize(f))),
                    f.toString());
        }
    }

    @Test
    void sizeAndComposition() {
        Dataset d = Datasets.load("builtin:demo");
        assertTrue(d.counts().docs() >= 250 && d.counts().docs() <= 400, "a few hundred passages: " + d.counts().docs());
        assertEquals(160 + LongDocuments.COUNT, d.counts().queries());
        assertEquals(160, d.counts().samples());
        assertEquals(80L, d.counts().label("faithful"));
        assertEquals(80L, d.counts().label("hallucinated"));
        Map<String, Long> types = new TreeMap<>();
        for (RagSample s : d.samples()) {
            if (s.hallucinationType() != null) {
                types.merge(s.hallucinationType(), 1L, Long::sum);
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        HallucinationTypes.ALL.forEach(t -> expected.put(t, 16L));
        assertEquals(expected, types);
        assertTrue(d.report().problems().isEmpty());
    }

    @Test
    void everyQueryHasGradedJudgmentsAndItsAnswerInAGradeTwoPassage() {
        Dataset d = Datasets.load("builtin:demo");
        int withGradeOne = 0;
        for (RagSample s : d.samples()) {
            String qid = s.metadata().get("query_id");
            TopicQrels t = d.qrels().topic(qid);
            assertNotNull(t, qid);
            List<String> gold = new ArrayList<>();
            boolean graded = false;
            for (int i = 0; i < t.size(); i++) {
                if (t.relevance(i) == 2) {
                    gold.add(d.doc(t.docno(i)).text());
                } else {
                    graded = true;
                    assertEquals(1, t.relevance(i));
                }
            }
            assertFalse(gold.isEmpty(), qid);
            withGradeOne += graded ? 1 : 0;
            if (!s.metadata().get("attribute").equals("person.field")) {
                String answer = s.metadata().get("answer");
                assertTrue(gold.stream().allMatch(g -> g.contains(answer.replaceFirst("^the ", ""))),
                        qid + ": " + answer + " in " + gold);
            }
            assertTrue(s.referenceContexts().get(0).length() > 0);
            assertTrue(gold.contains(s.referenceContexts().get(0)));
            assertTrue(s.retrievedContexts().contains(s.referenceContexts().get(0)), "the gold passage is retrieved");
            assertEquals(3, s.retrievedContexts().size());
        }
        assertTrue(withGradeOne > 140, "most queries also have passages about the subject without the answer: " + withGradeOne);
    }

    @Test
    void hallucinationsAreMarkedAndFaithfulAnswersAreRight() {
        Dataset d = Datasets.load("builtin:demo");
        for (RagSample s : d.samples()) {
            String answer = s.metadata().get("answer").replaceFirst("^the ", "");
            if (s.label() == Label.FAITHFUL) {
                assertTrue(s.response().contains(answer), s.id() + ": " + s.response());
                assertTrue(s.hallucinationSpans().isEmpty());
                continue;
            }
            assertEquals(1, s.hallucinationSpans().size(), s.id());
            Span span = s.hallucinationSpans().get(0);
            assertEquals(span.text(), span.in(s.response()), s.id());
            assertEquals(s.hallucinationType(), span.type());
            assertNotEquals(s.reference(), s.response(), s.id());
            String gold = s.referenceContexts().get(0);
            switch (s.hallucinationType()) {
                case HallucinationTypes.CHANGED_DATE, HallucinationTypes.CHANGED_NUMBER -> {
                    assertTrue(span.text().matches("[0-9,]+"), s.id() + ": " + span.text());
                    assertFalse(gold.contains(span.text()), s.id() + ": the changed value is not in the passage");
                }
                case HallucinationTypes.SWAPPED_ENTITY -> assertNotEquals(answer, span.text(), s.id());
                case HallucinationTypes.UNSUPPORTED_CLAIM -> {
                    assertTrue(s.response().startsWith(s.reference()), s.id());
                    assertTrue(s.retrievedContexts().stream().noneMatch(c -> c.contains(span.text())), s.id());
                }
                case HallucinationTypes.CONTRADICTION -> assertEquals(s.response(), span.text());
                default -> throw new AssertionError(s.hallucinationType());
            }
        }
    }

    @Test
    void retrievalIsNotTrivial() {
        Dataset d = Datasets.load("builtin:demo");
        Bm25 bm25 = new Bm25(d.docs());
        int top1 = 0;
        int topWrongSameTitle = 0;
        for (Query q : d.queries()) {
            TopicQrels t = d.qrels().topic(q.id());
            List<String> ranked = bm25.search(q.text());
            if (t.relevanceOf(ranked.get(0)) == 2) {
                top1++;
            } else if (t.relevanceOf(ranked.get(0)) == 1) {
                topWrongSameTitle++;
            }
        }
        double p1 = top1 / (double) d.queries().size();
        assertTrue(p1 > 0.3 && p1 < 0.9, "BM25 finds the answer passage first for " + p1 + " of the queries");
        assertTrue(topWrongSameTitle > 10, "near misses about the same subject outrank the answer: " + topWrongSameTitle);
    }

    @Test
    void exportReadsBackAsTheSameRecords() throws IOException {
        Dataset d = Datasets.load("builtin:demo");
        DatasetExport.write(d, dir);
        Dataset beir = Datasets.load("beir:" + dir);
        assertEquals(d.docs(), beir.docs());
        assertEquals(d.queries(), beir.queries());
        assertEquals(d.counts().judgments(), beir.counts().judgments());
        for (TopicQrels t : d.qrels().topics().values()) {
            for (int i = 0; i < t.size(); i++) {
                assertEquals(t.relevance(i), beir.qrels().topic(t.qid()).relevanceOf(t.docno(i)));
            }
        }
        Dataset rag = Datasets.load("rag:" + dir.resolve("samples.jsonl"));
        assertEquals(d.samples(), rag.samples());
        assertEquals("query-id\tcorpus-id\tscore", Files.readAllLines(dir.resolve("qrels/test.tsv")).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetExport.write(d, dir));
        assertEquals(dir.resolve("corpus.jsonl") + " already exists (expected a new or empty folder; remove it or choose "
                + "another)", e.getMessage());
    }

    @Test
    void otherSeedsKeepTheShape() {
        for (long seed = 1; seed <= 30; seed++) {
            DemoGenerator.Demo demo = DemoGenerator.generate(seed);
            assertEquals(160 + LongDocuments.COUNT, demo.queries().size(), "seed " + seed);
            assertEquals(80, demo.samples().stream().filter(s -> s.label() == Label.FAITHFUL).count(), "seed " + seed);
            for (RagSample s : demo.samples()) {
                for (Span span : s.hallucinationSpans()) {
                    assertEquals(span.text(), span.in(s.response()), "seed " + seed + " " + s.id());
                }
            }
        }
    }

    @Test
    void everyQueryCarriesItsAnswerAndLongDocumentsHoldTheirsPastTheTruncation() throws Exception {
        Dataset d = Datasets.load("builtin:demo");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        int spans = 0;
        int longOnes = 0;
        for (dev.plumbline.datasets.Query q : d.queries()) {
            var meta = json.readTree(q.metadata());
            assertTrue(meta.path("answer").isTextual(), q.id());
            for (var span : meta.path("answer_spans")) {
                String full = d.doc(span.get("doc").asText()).fullText();
                String text = full.substring(span.get("start").asInt(), span.get("end").asInt());
                assertTrue(!text.isBlank() && d.qrels().topic(q.id()) != null, q.id());
                spans++;
                if (span.get("doc").asText().startsWith("vol")) {
                    longOnes++;
                    // The answer sentence, whole, far past the first 256 tokens (about 1,000 characters).
                    assertTrue(text.endsWith(".") && span.get("start").asInt() > 1500, q.id() + ": " + span);
                    assertTrue(full.length() > 2500, full.length() + " characters");
                }
            }
        }
        assertEquals(LongDocuments.COUNT, longOnes);
        assertTrue(spans >= 150 + LongDocuments.COUNT, spans + " queries with an answer span");
    }

    @Test
    void unknownBuiltinName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("builtin:msmarco"));
        assertEquals("unknown built-in dataset \"builtin:msmarco\" (expected builtin:demo or builtin:demo?seed=N with an "
                + "integer N)", e.getMessage());
    }

    @Test
    void passagesAreUniqueAndTitled() {
        Dataset d = Datasets.load("builtin:demo");
        assertEquals(d.docs().size(), d.docs().stream().map(Doc::text).distinct().count(), "no two passages are equal");
        assertTrue(d.docs().stream().noneMatch(doc -> doc.title().isEmpty()));
        assertTrue(d.docs().stream().map(Doc::id).sorted(Comparator.naturalOrder()).toList()
                .equals(d.docs().stream().map(Doc::id).toList()), "ids in corpus order");
    }
}
