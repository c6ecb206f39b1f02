package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anserini's BM25 "flat" figure on BEIR SciFact (test split, trec_eval -c, top 1000: nDCG@10
 * 0.6789, Recall@100 0.9253; ../shared/datasets/REFERENCE_SCORES.md) reproduced with Lucene's
 * BM25 (k1 0.9, b 0.4) over Anserini's default English analysis, within 0.005.
 */
@Tag("real-data")
class Bm25SciFactReproductionTest {
    private static final double ANSERINI_NDCG_10 = 0.6789;
    private static final double ANSERINI_RECALL_100 = 0.9253;

    @TempDir
    Path dir;

    @Test
    void bm25ReproducesAnserinisFlatFigures() {
        Path scifact = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/scifact");
        CliRunner.Result r = CliRunner.run("retrieve", "--dataset", "beir:" + scifact, "--retriever", "bm25",
                "--k", "1000", "--out", dir.resolve("bm25.trec").toString(), "--eval",
                "-m", "ndcg_cut.10", "-m", "recall.100");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(ANSERINI_NDCG_10, value(r.stdout(), "ndcg_cut_10"), 0.005, r.stdout());
        assertEquals(ANSERINI_RECALL_100, value(r.stdout(), "recall_100"), 0.005, r.stdout());
    }

    private static double value(String out, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s+\\tall\\t([0-9.]+)").matcher(out);
        assertTrue(m.find(), name + " missing from: " + out);
        return Double.parseDouble(m.group(1));
    }
}
