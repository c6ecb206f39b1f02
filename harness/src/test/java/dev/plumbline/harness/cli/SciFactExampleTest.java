package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code examples/scifact.yaml} runs as written (only its dataset path is made absolute, since
 * tests run in {@code harness/}), and its IR figures equal those {@code plumbline trec-eval}
 * prints for the run file it wrote.
 */
@Tag("real-data")
class SciFactExampleTest {
    private static final String DATASET = "beir:../shared/datasets/scifact";

    @TempDir
    Path dir;

    @Test
    void theExampleMatchesTrecEvalOnItsRunFile() throws IOException {
        Path scifact = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/scifact")
                .toAbsolutePath().normalize();
        String text = Files.readString(Path.of("../examples/scifact.yaml"));
        assertTrue(text.contains(DATASET), "examples/scifact.yaml no longer reads " + DATASET);
        Path experiment = dir.resolve("scifact.yaml");
        Files.writeString(experiment, text.replace(DATASET, "beir:" + scifact));
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("run", experiment.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.stderr());

        Dataset d = Datasets.load("beir:" + scifact, LoadOptions.DEFAULTS.withSplit("test"));
        StringBuilder qrels = new StringBuilder();
        for (TopicQrels t : d.qrels().topics().values()) {
            for (int i = 0; i < t.size(); i++) {
                qrels.append(t.qid()).append(" 0 ").append(t.docno(i)).append(' ').append(t.relevance(i)).append('\n');
            }
        }
        Path qrelsFile = dir.resolve("scifact.qrels");
        Files.writeString(qrelsFile, qrels);
        CliRunner.Result te = CliRunner.run("trec-eval", "-c", "-m", "ndcg_cut.10", "-m", "recall.100,1000", "-m",
                "recip_rank", "-m", "map", qrelsFile.toString(), out.resolve("runs/simd_minilm-l6.trec").toString());
        assertEquals(0, te.exitCode(), te.stderr());
        Results res = ResultsJson.read(out.resolve("results.json"));
        assertEquals(300, res.engine("simd/minilm-l6").itemIds().size());
        for (String m : List.of("ndcg_cut_10", "recall_100", "recall_1000", "recip_rank", "map")) {
            String expected = String.format(Locale.ROOT, "%-22s\tall\t%.4f", m, res.aggregate("simd/minilm-l6", m).mean());
            assertTrue(te.stdout().contains(expected), expected + " in\n" + te.stdout());
        }
        assertEquals(0.6451, res.aggregate("simd/minilm-l6", "ndcg_cut_10").mean(), 0.0005);
    }
}
