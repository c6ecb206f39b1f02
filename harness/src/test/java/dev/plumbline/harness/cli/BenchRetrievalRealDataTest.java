package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench retrieval} on SciFact's real MiniLM embeddings: the exact index's nDCG@10 is the
 * published figure (the same protocol as {@link SciFactReproductionTest}, trec_eval -c, here at
 * depth 10), and the approximate indexes keep the recall they reach on this corpus.
 */
@Tag("real-data")
class BenchRetrievalRealDataTest {
    private static final double PUBLISHED_NDCG_10 = 0.64508;
    /** binary, oversample 10, measured 0.945 on SciFact; a broken quantizer or rescoring falls far below. */
    private static final double BINARY_RECALL_10 = 0.9;
    /** lucene-hnsw efSearch 80, measured 0.992. */
    private static final double HNSW_RECALL_10 = 0.95;

    @Test
    void scifactExactMatchesThePublishedNdcgAndApproximateIndexesKeepTheirRecall() {
        Path scifact = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/scifact");
        String binary = "binary rescore=true oversample=10";
        String hnsw = "lucene-hnsw m=16 beamWidth=100 efSearch=80";
        CliRunner.Result r = CliRunner.run("bench", "retrieval", "--dataset", "beir:" + scifact, "--model", "minilm-l6",
                "--indexes", "flat;binary oversample=10;lucene-hnsw efSearch=80", "--threads", "1",
                "--seconds", "0.05", "--rounds", "1", "--peak-gflops", "100");
        assertEquals(0, r.exitCode(), r.stderr());
        double[] flat = numbers(r.stdout(), "flat");
        // Columns after the label: build s, B/vec, codes B, R@10, R@100, nDCG@10, ...
        assertEquals(1.0, flat[3], 0.0);
        assertEquals(PUBLISHED_NDCG_10, flat[5], 0.003, r.stdout());
        assertTrue(numbers(r.stdout(), binary)[3] >= BINARY_RECALL_10, r.stdout());
        assertTrue(numbers(r.stdout(), hnsw)[3] >= HNSW_RECALL_10, r.stdout());
    }

    private static double[] numbers(String out, String label) {
        for (String line : out.split("\n")) {
            if (line.startsWith(label + " ")) {
                String[] rest = line.substring(label.length()).trim().split("\\s+");
                return Arrays.stream(rest).filter(t -> !t.equals("*")).mapToDouble(Double::parseDouble).toArray();
            }
        }
        throw new AssertionError("no row '" + label + "' in:\n" + out);
    }
}
