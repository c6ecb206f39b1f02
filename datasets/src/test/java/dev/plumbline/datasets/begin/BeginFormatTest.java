package dev.plumbline.datasets.begin;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.Problem;
import dev.plumbline.datasets.RagSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.plumbline.datasets.Fixtures.skip;
import static dev.plumbline.datasets.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BeginFormatTest {
    @TempDir
    Path dir;

    private static final String HEADER = "model_name\tdata_source\tknowledge\tmessage\tresponse\tbegin_label\n";

    @Test
    void rowsBecomeSamplesAndQuotesAreNotCsvQuoting() throws IOException {
        Path f = write(dir.resolve("begin_dev_wow.tsv"), HEADER
                + "t5\twow\tcrayola began with chalk.\t\"strange\" name\tcrayola began with \"chalk\"\tFully attributable\n"
                + "gpt2\twow\tk\tm\tr\tNot fully attributable\n"
                + "doha\twow\tk\tm\tI love it\tGeneric");
        Dataset d = Datasets.load("begin:" + f);
        RagSample s = d.samples().get(0);
        assertEquals("row-1", s.id());
        assertEquals("\"strange\" name", s.userInput());
        assertEquals("crayola began with \"chalk\"", s.response());
        assertEquals(List.of("crayola began with chalk."), s.retrievedContexts());
        assertEquals(Label.FAITHFUL, s.label());
        assertEquals("t5", s.metadata().get("model_name"));
        assertEquals(Label.HALLUCINATED, d.samples().get(1).label());
        assertNull(d.samples().get(2).label(), "Generic is kept unlabelled");
        assertEquals("Generic", d.samples().get(2).metadata().get("begin_label"));
        assertEquals(1L, d.counts().label("unlabelled"));
        assertEquals(1, d.report().notes().size());
    }

    @Test
    void columnCountAndLabelErrors() throws IOException {
        Path f = write(dir.resolve("b.tsv"), HEADER + "t5\twow\tk\tm\tFully attributable\n" + "t5\twow\tk\tm\tr\tFull\n");
        Dataset d = Datasets.load("begin:" + f, skip());
        assertEquals(List.of(
                f + ":2: 5 columns (expected 6: model_name, data_source, knowledge, message, response, begin_label)",
                f + ":3: begin_label \"Full\" is not a BEGIN label (expected Fully attributable, Not fully attributable "
                        + "or Generic)"),
                d.report().problems().stream().map(Problem::toString).toList());
        Path g = write(dir.resolve("h.tsv"), "knowledge\tmessage\tresponse\n k\tm\tr\n");
        assertEquals(g + ":1: header has no column begin_label (expected a header with knowledge, message, response, "
                + "begin_label)", assertThrows(DatasetFormatException.class, () -> Datasets.load("begin:" + g)).getMessage());
    }
}
