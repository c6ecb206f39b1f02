package dev.plumbline.spark;

import dev.plumbline.datasets.Datasets;
import dev.plumbline.harness.Main;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark runner in a real {@code local[2]} session against {@code plumbline run} on
 * {@code builtin:demo}: the same TREC run byte for byte, the same per-query IR values, IR
 * summaries and evidence, with the corpus from the loaded dataset (3 partitions), from Parquet
 * (2 partitions, no ordinal column) and from embeddings written by an earlier Spark run.
 */
class SparkRunTest {
    @TempDir
    static Path dir;
    static Path experiment;
    static Path local;

    static final String EXPERIMENT = """
            name: spark-demo
            datasets: [builtin:demo]
            retrievers:
              minilm: {type: dense, model: minilm-l6, engine: simd, index: flat}
            retrieval: {k: 20}
            metrics: {ir: [ndcg_cut.10, recall.100, map, recip_rank, num_q]}
            latency: {warmup: 1}
            cache_dir: CACHE
            output: {reports: [md]}
            """;

    @BeforeAll
    static void runLocally() throws IOException {
        experiment = dir.resolve("spark-demo.yaml");
        Files.writeString(experiment, EXPERIMENT.replace("CACHE", dir.resolve("cache").toString()));
        local = dir.resolve("local");
        assertEquals(0, Main.run("run", experiment.toString(), "--out", local.toString(), "-q"));
    }

    static int spark(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--master", "local[2]", "-q"));
        return SparkRun.run(all.toArray(String[]::new));
    }

    /** Exactly the local run's ranking figures; process figures (times, memory) are each runner's own. */
    static void assertSameRetrieval(Path expectedDir, Path actualDir, String cell) throws IOException {
        assertArrayEquals(Files.readAllBytes(expectedDir.resolve("runs/" + cell + ".trec")),
                Files.readAllBytes(actualDir.resolve("runs/" + cell + ".trec")), "the TREC run, byte for byte");
        Results expected = ResultsJson.read(expectedDir.resolve("results.json"));
        Results actual = ResultsJson.read(actualDir.resolve("results.json"));
        EngineRun e = expected.engine(cell);
        EngineRun a = actual.engine(cell);
        assertEquals(e.itemIds(), a.itemIds());
        int compared = 0;
        for (MetricValues m : e.metrics().values()) {
            if (m.name().equals("latency")) {
                continue; // per-query latency: a local run searches one query per call, Spark all at once
            }
            MetricValues other = a.metrics().get(m.name());
            assertTrue(other != null, "metric " + m.name());
            for (int i = 0; i < m.size(); i++) {
                assertEquals(Double.doubleToLongBits(m.value(i)), Double.doubleToLongBits(other.value(i)),
                        m.name() + " of " + e.itemIds().get(i));
            }
            compared++;
        }
        assertTrue(compared >= 4, "the IR measures were compared");
        for (var v : e.runValues().entrySet()) {
            if (a.runValues().containsKey(v.getKey()) && !processFigure(v.getKey())) {
                assertEquals(Double.doubleToLongBits(v.getValue()), Double.doubleToLongBits(a.runValues().get(v.getKey())),
                        "run value " + v.getKey());
            }
        }
        if (e.runValues().containsKey("num_q")) {
            assertTrue(a.runValues().containsKey("num_q"), "the summary-only measure is there");
        }
        for (int i = 0; i < e.itemIds().size(); i++) {
            assertEquals(e.evidence(i), a.evidence(i), "evidence of " + e.itemIds().get(i));
        }
    }

    static boolean processFigure(String key) {
        return key.startsWith("memory.") || key.startsWith("encode_docs.") || key.startsWith("query_encode.")
                || key.startsWith("search.");
    }

    @Test
    void theDatasetsCorpusInThreePartitionsGivesTheLocalRun() throws IOException {
        Path out = dir.resolve("spark-dataset");
        Path embeddings = dir.resolve("embeddings.parquet");
        assertEquals(0, spark(experiment.toString(), "--out", out.toString(), "--partitions", "3",
                "--embeddings-out", embeddings.toString()));
        assertSameRetrieval(local, out, "minilm");
        assertTrue(Files.exists(out.resolve("summary.md")), "the experiment's reports are written");
        Results r = ResultsJson.read(out.resolve("results.json"));
        assertEquals(3.0, r.engine("minilm").runValues().get("spark.partitions"));
        assertTrue(r.provenance().engines().getFirst().details().get("runner").startsWith("spark 4."));

        // The embeddings written above, read back instead of encoding: the same run again.
        Path again = dir.resolve("spark-embeddings");
        assertEquals(0, spark(experiment.toString(), "--out", again.toString(), "--embeddings-in", embeddings.toString()));
        assertSameRetrieval(local, again, "minilm");

        // Embeddings of another encoder (another truncation length) are refused, with the fix.
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(experiment).replace("index: flat}", "index: flat, max_seq_length: 64}"));
        Run refused = capture(() -> spark(other.toString(), "--out", dir.resolve("refused").toString(),
                "--embeddings-in", embeddings.toString()));
        assertEquals(Main.EXIT_USAGE, refused.code());
        assertTrue(refused.err().contains("--embeddings-in " + embeddings + ": made by [minilm-l6")
                && refused.err().contains("max_tokens=64"), refused.err());
    }

    @Test
    void aParquetCorpusReadByTheExecutorsGivesTheLocalRun() throws IOException {
        Path parquet = dir.resolve("corpus.parquet");
        var d = Datasets.load("builtin:demo");
        List<BeirDoc> docs = d.docs().stream().map(doc -> new BeirDoc(doc.id(), doc.title(), doc.text())).toList();
        try (SparkSession s = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate()) {
            // One file in corpus order: without an ordinal column, the read order is the ordinal.
            s.createDataset(docs, Encoders.bean(BeirDoc.class)).coalesce(1).select("_id", "title", "text")
                    .write().parquet(parquet.toString());
        }
        Path out = dir.resolve("spark-parquet");
        assertEquals(0, spark(experiment.toString(), "--out", out.toString(), "--corpus-parquet", parquet.toString(),
                "--partitions", "2"));
        assertSameRetrieval(local, out, "minilm");
    }

    @Test
    void stagesThatNeedOneProcessAreRefusedWithTheKeyPath() throws IOException {
        Path bm25 = dir.resolve("bm25.yaml");
        Files.writeString(bm25, Files.readString(experiment).replace("minilm: {type: dense, model: minilm-l6, engine: simd,"
                + " index: flat}", "lexical: {type: bm25}"));
        Run r = capture(() -> spark(bm25.toString(), "--out", dir.resolve("bm25").toString()));
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("retrievers.lexical.type: the Spark runner runs dense retrievers"), r.err());

        Path hnsw = dir.resolve("hnsw.yaml");
        Files.writeString(hnsw, Files.readString(experiment).replace("index: flat", "index: lucene-hnsw"));
        r = capture(() -> spark(hnsw.toString(), "--out", dir.resolve("hnsw").toString()));
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("the Spark runner searches exactly"), r.err());
    }

    record Run(int code, String err) {
    }

    static Run capture(java.util.function.IntSupplier call) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = call.getAsInt();
            return new Run(code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    /** BEIR's corpus columns, for writing a Parquet corpus. */
    public static class BeirDoc implements java.io.Serializable {
        private String id;
        private String title;
        private String text;

        public BeirDoc() {
        }

        BeirDoc(String id, String title, String text) {
            this.id = id;
            this.title = title;
            this.text = text;
        }

        public String get_id() {
            return id;
        }

        public void set_id(String id) {
            this.id = id;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }
}
