package dev.plumbline.harness.cli;

import dev.plumbline.engines.Engines;
import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The published MTEB score of all-MiniLM-L6-v2 on SciFact (test split, trec_eval -c, top 1000:
 * nDCG@10 0.64508, Recall@100 0.92500; ../shared/datasets/REFERENCE_SCORES.md) reproduced with
 * the pure-Java encoder on the simd and native kernel backends and exact search, within the
 * issues' tolerances.
 */
@Tag("real-data")
class SciFactReproductionTest {
    private static final double PUBLISHED_NDCG_10 = 0.64508;
    private static final double PUBLISHED_RECALL_100 = 0.92500;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simd", "native"})
    void minilmReproducesThePublishedScores(String engine) {
        assumeTrue(Engines.provider(engine).availability().available(),
                () -> engine + " unavailable: " + Engines.provider(engine).availability().describe());
        Path scifact = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/scifact");
        CliRunner.Result r = CliRunner.run("retrieve", "--dataset", "beir:" + scifact, "--model", "minilm-l6",
                "--engine", engine, "--k", "1000", "--out", dir.resolve("scifact.trec").toString(), "--eval",
                "-m", "ndcg_cut.10", "-m", "recall.100");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(PUBLISHED_NDCG_10, value(r.stdout(), "ndcg_cut_10"), 0.003, r.stdout());
        assertEquals(PUBLISHED_RECALL_100, value(r.stdout(), "recall_100"), 0.005, r.stdout());
    }

    private static double value(String out, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s+\\tall\\t([0-9.]+)").matcher(out);
        assertTrue(m.find(), name + " missing from: " + out);
        return Double.parseDouble(m.group(1));
    }
}
