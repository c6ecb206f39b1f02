package dev.plumbline.spark;

import dev.plumbline.harness.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark runner on a SciFact slice (the first {@value #DOCS} abstracts of the corpus, the test
 * queries whose relevant abstracts are all among them, their qrels) against {@code plumbline run}
 * on the same slice: the same TREC run byte for byte and the same IR values, in {@code local[2]}
 * with 2 and 5 partitions.
 */
@Tag("real-data")
class SparkSciFactTest {
    static final int DOCS = 1200;

    @TempDir
    Path dir;

    @Test
    void aSciFactSliceOnSparkGivesTheLocalRun() throws IOException {
        Path scifact = Path.of(System.getProperty("plumbline.shared", "../../shared")).resolve("datasets/scifact");
        Path slice = dir.resolve("scifact-slice");
        Files.createDirectories(slice.resolve("qrels"));
        List<String> corpus = new ArrayList<>();
        for (int part = 0; corpus.size() < DOCS; part++) {
            for (String line : Files.readAllLines(scifact.resolve(String.format("corpus.part-%02d.jsonl", part)))) {
                if (!line.isBlank() && corpus.size() < DOCS) {
                    corpus.add(line);
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (String line : corpus) {
            ids.add(line.replaceFirst("^\\{\"_id\": \"([^\"]+)\".*$", "$1"));
        }
        assertEquals(DOCS, ids.size(), "document ids read from the corpus lines");
        List<String> qrels = Files.readAllLines(scifact.resolve("qrels/test.tsv"));
        Set<String> outside = new HashSet<>();
        for (String row : qrels.subList(1, qrels.size())) {
            String[] f = row.split("\t");
            if (!ids.contains(f[1])) {
                outside.add(f[0]);
            }
        }
        List<String> kept = new ArrayList<>(List.of(qrels.getFirst()));
        Set<String> queries = new HashSet<>();
        for (String row : qrels.subList(1, qrels.size())) {
            String[] f = row.split("\t");
            if (!outside.contains(f[0])) {
                kept.add(row);
                queries.add(f[0]);
            }
        }
        assertTrue(queries.size() >= 30, "enough judged queries in the slice: " + queries.size());
        Files.write(slice.resolve("corpus.jsonl"), corpus);
        Files.write(slice.resolve("qrels/test.tsv"), kept);
        Files.write(slice.resolve("queries.jsonl"), Files.readAllLines(scifact.resolve("queries.jsonl")).stream()
                .filter(l -> queries.contains(l.replaceFirst("^\\{\"_id\": \"([^\"]+)\".*$", "$1"))).toList());

        Path experiment = dir.resolve("scifact-slice.yaml");
        Files.writeString(experiment, """
                name: scifact-slice
                datasets: [beir:SLICE]
                split: test
                retrievers:
                  minilm: {type: dense, model: minilm-l6, engine: simd, index: flat}
                retrieval: {k: 100}
                metrics: {ir: [ndcg_cut.10, recall.100, recip_rank, map]}
                latency: {warmup: 1}
                cache: false
                output: {reports: [md]}
                """.replace("SLICE", slice.toString()));
        Path local = dir.resolve("local");
        assertEquals(0, Main.run("run", experiment.toString(), "--out", local.toString(), "-q"));
        for (int partitions : new int[] {2, 5}) {
            Path out = dir.resolve("spark-" + partitions);
            assertEquals(0, SparkRunTest.spark(experiment.toString(), "--out", out.toString(), "--partitions",
                    Integer.toString(partitions)));
            SparkRunTest.assertSameRetrieval(local, out, "minilm");
        }
    }
}
