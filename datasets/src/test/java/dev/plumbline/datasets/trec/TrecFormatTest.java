package dev.plumbline.datasets.trec;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.plumbline.datasets.Fixtures.skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrecFormatTest {
    @TempDir
    Path dir;

    @Test
    void qrelsAndRunAreReadByTheTrecEvalReaders() throws IOException {
        Path q = Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 1\n1 0 d2 0\n2 0 d3 2\n");
        Path r = Files.writeString(dir.resolve("run.txt"), "1 Q0 d1 1 2.5 tag\n1 Q0 d9 2 1.5 tag\n3 Q0 d3 1 1.0 tag\n");
        Dataset d = Datasets.load("trec:" + q + "," + r);
        assertEquals(3, d.counts().judgments());
        assertEquals(3, d.counts().runResults());
        assertEquals("tag", d.run().runId());
        assertEquals(2, d.qrels().topic("2").relevanceOf("d3"));
        assertEquals(2, d.report().notes().size());
        Dataset qrelsOnly = Datasets.load("trec:" + q);
        assertNull(qrelsOnly.run());
        assertNotEquals(qrelsOnly.fingerprint(), d.fingerprint());
        assertEquals(qrelsOnly.fingerprint(), Datasets.load("trec:" + q).fingerprint());
    }

    @Test
    void malformedFilesFailAsTrecEvalDoes() throws IOException {
        Path q = Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 1\n1 0 d2\n");
        assertEquals(q + ":2: malformed qrels line: 3 fields (expected 4: qid iteration docno relevance)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("trec:" + q)).getMessage());
        Dataset d = Datasets.load("trec:" + q, skip());
        assertNull(d.qrels(), "trec_eval rejects the whole file, so skip leaves it out");
        assertEquals(1, d.report().errors());
    }

    @Test
    void judgingADocumentTwiceInATopicIsAnError() throws IOException {
        Path q = Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 1\n1 0 d1 0\n");
        assertEquals(q + ": topic 1 judges document d1 more than once (expected one judgment per topic and document; "
                + "trec_eval rejects the topic)",
                assertThrows(DatasetFormatException.class, () -> Datasets.load("trec:" + q)).getMessage());
    }

    @Test
    void specShape() {
        assertThrows(IllegalArgumentException.class, () -> Datasets.load("trec:a,b,c"));
        assertThrows(IllegalArgumentException.class, () -> Datasets.load("trec:a,"));
    }
}
