package dev.plumbline.spark;

import dev.plumbline.datasets.Query;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.retrieval.DenseRetrieverProvider;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.Progress;
import dev.plumbline.harness.run.RankingEvaluation;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One dataset × dense retriever cell on Spark: the corpus encoded in {@code mapPartitions} by one
 * engine per executor task slot (model bytes broadcast once), the queries encoded on the driver and
 * broadcast, every partition's exact top-k of every query, merged in a tree into the global top-k
 * ({@link PartialTopK}), then written and evaluated by the same {@link RankingEvaluation} a local
 * run uses. The IR values, TREC run and evidence are therefore the local run's; the process
 * figures are Spark's own (wall times of the encode and search stages, no per-query latency: the
 * queries are searched all at once).
 */
final class SparkRetrievalCell {
    private static final Encoder<VectorRow> VECTOR = Encoders.bean(VectorRow.class);
    /** The Parquet column that names the encoder a file's vectors came from. */
    static final String ENCODER_COLUMN = "encoder";

    /**
     * How a cell runs.
     *
     * @param partitions     corpus partitions (0: as the source gives them)
     * @param embeddingsIn   Parquet embeddings to read instead of encoding, or {@code null}
     * @param embeddingsOut  where to write the corpus embeddings as Parquet, or {@code null}
     */
    record Settings(int partitions, String embeddingsIn, String embeddingsOut) {
    }

    private SparkRetrievalCell() {
    }

    /** Refuses a retriever this runner cannot run, naming its key path. */
    static void check(RetrieverConfig c) {
        if (!c.type().equals("dense")) {
            throw new UsageException(c.keyPath("type") + ": the Spark runner runs dense retrievers (exact search over"
                    + " a corpus in partitions); run " + c.type() + " with plumbline run");
        }
        if (!c.indexName().equals("flat")) {
            throw new UsageException(c.keyPath("index") + ": the Spark runner searches exactly (index flat in every"
                    + " partition, merged top-k); got " + c.indexName());
        }
        try {
            DenseRetrieverProvider.modelSpec(c);
            DenseRetrieverProvider.engine(c);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static EngineRun run(SparkSession spark, Experiment x, dev.plumbline.datasets.Dataset d, Dataset<DocRow> corpus,
                         RetrieverConfig c, String cell, boolean dropIdentical, Settings s,
                         Provenance.Builder provenance, Progress progress) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelSpec spec = DenseRetrieverProvider.modelSpec(c);
        EngineProvider provider = DenseRetrieverProvider.engine(c);
        // One task, one core, unless the experiment or spark.task.cpus says otherwise: the engine's
        // threads are the task's cores, so a machine's cores are shared out by Spark's scheduler.
        int threads = c.intValue("threads", Integer.parseInt(spark.conf().get("spark.task.cpus", "1")), 1, 1024);
        int batch = c.intValue("batch_size", 32, 1, 4096);
        ModelFiles files = spec.load();
        ModelShipment shipment = ModelShipment.of(spec, files, provider.name(), threads, batch);
        List<Query> queries = d.queries().stream().filter(q -> d.qrels().topic(q.id()) != null).toList();
        progress.note(cell + ": " + queries.size() + " judged queries on Spark " + spark.version() + " ("
                + spark.sparkContext().master() + ")");
        Map<String, Double> values = new LinkedHashMap<>();
        try (Engine driverEngine = provider.open(spec, new EngineOptions(threads, batch))) {
            String encoder = spec.name() + " model_sha256=" + files.onnxSha256() + " max_tokens=" + spec.maxTokens()
                    + " engine=" + provider.name() + " numerics=" + driverEngine.numerics();
            long t0 = System.nanoTime();
            LongAccumulator engineNanos = spark.sparkContext().longAccumulator("encode_docs.engine_ns");
            Dataset<VectorRow> vectors;
            if (s.embeddingsIn() != null) {
                vectors = readEmbeddings(spark, s.embeddingsIn(), encoder, s.partitions());
            } else {
                Broadcast<ModelShipment> model = jsc.broadcast(shipment);
                vectors = corpus.mapPartitions((MapPartitionsFunction<DocRow, VectorRow>) docs ->
                        PartitionWork.encode(docs, model.value(), engineNanos), VECTOR);
            }
            vectors = vectors.persist(StorageLevel.MEMORY_AND_DISK());
            long documents = vectors.count();
            double encodeWallS = (System.nanoTime() - t0) / 1e9;
            if (documents == 0) {
                throw new UsageException(cell + ": the corpus is empty");
            }
            int partitions = vectors.javaRDD().getNumPartitions();
            progress.note(cell + ": " + documents + " documents " + (s.embeddingsIn() != null ? "read" : "encoded")
                    + " in " + String.format(java.util.Locale.ROOT, "%.1f", encodeWallS) + " s over "
                    + partitions + " partitions");
            if (s.embeddingsOut() != null) {
                vectors.withColumn(ENCODER_COLUMN, functions.lit(encoder)).write().mode(SaveMode.ErrorIfExists)
                        .parquet(s.embeddingsOut());
            }

            long q0 = System.nanoTime();
            float[][] queryVectors = driverEngine.encode(queries.stream().map(Query::text).toList(), true);
            double queryEncodeS = (System.nanoTime() - q0) / 1e9;
            int k = (int) Math.min(RankingEvaluation.depth(x, dropIdentical), documents);
            long s0 = System.nanoTime();
            SearchResults top = search(jsc, vectors, queryVectors, k, threads);
            double searchS = (System.nanoTime() - s0) / 1e9;

            // Only the documents the results show come back to the driver: the hits, then the
            // relevant ones the evidence lists as missed.
            Set<Long> hitOrdinals = new HashSet<>();
            for (int[] ids : top.ids()) {
                for (int id : ids) {
                    hitOrdinals.add((long) id);
                }
            }
            Map<Integer, DocRow> hits = SparkCorpus.byOrdinal(spark, corpus, hitOrdinals);
            List<RankingEvaluation.Ranking> rankings = new ArrayList<>();
            Map<String, String> texts = new LinkedHashMap<>();
            for (int q = 0; q < queries.size(); q++) {
                List<String> docnos = new ArrayList<>();
                double[] scores = new double[top.ids()[q].length];
                for (int r = 0; r < scores.length; r++) {
                    DocRow doc = hits.get(top.ids()[q][r]);
                    docnos.add(doc.getId());
                    texts.put(doc.getId(), doc.getText());
                    scores[r] = top.scores()[q][r];
                }
                rankings.add(new RankingEvaluation.Ranking(queries.get(q).id(), docnos, scores));
            }
            RankingEvaluation.Evaluated evaluated = RankingEvaluation.evaluate(x, cell, d.qrels(), rankings, dropIdentical);
            EngineRun base = evaluated.base();
            Set<String> missing = new HashSet<>();
            for (int i = 0; i < base.itemIds().size(); i++) {
                collectDocnos(base.evidence(i), texts, missing);
            }
            texts.putAll(SparkCorpus.textsById(spark, corpus, missing));
            Map<String, String> queryText = new LinkedHashMap<>();
            queries.forEach(q -> queryText.put(q.id(), q.text()));
            List<Map<String, Object>> evidence = RankingEvaluation.evidence(base, queryText, texts::get);
            vectors.unpersist();

            values.putAll(base.runValues());
            values.put("encode_docs.documents", (double) documents);
            values.put("encode_docs.wall_s", encodeWallS);
            values.put("encode_docs.engine_s", s.embeddingsIn() != null ? Double.NaN : engineNanos.value() / 1e9);
            values.put("encode_docs.items_per_s", s.embeddingsIn() != null ? Double.NaN : documents / encodeWallS);
            // Every query searched once, all in one distributed pass (what a retrieval cell counts as
            // its query calls; there is no per-query latency to go with them).
            values.put("query.calls", (double) queries.size());
            values.put("query_encode.total_s", queryEncodeS);
            values.put("search.wall_s", searchS);
            values.put("spark.partitions", (double) partitions);
            values.put("retrieval.identical_ids_dropped", dropIdentical ? evaluated.identicalDropped() : Double.NaN);
            values.put("memory.index_bytes", (double) documents * driverEngine.dimension() * Float.BYTES);

            var id = driverEngine.identity();
            Map<String, String> details = details(spark, x, d, c, spec, provider, id, threads, batch, dropIdentical, s);
            provenance.engine(new EngineIdentity(cell, driverEngine.kernelBackend(), "", "", spec.source().describe(),
                    id.modelSha256(), details));
            List<MetricValues> metrics = new ArrayList<>(base.metrics().values());
            RankingEvaluation.wholeDocumentSpanRecall(d, base, rankings, dropIdentical, texts::get).ifPresent(metrics::add);
            return EngineRun.of(cell, base.itemIds(), metrics, values, evidence);
        }
    }

    /** Every query's exact top {@code k} over all partitions: each partition's, merged in a tree. */
    private static SearchResults search(JavaSparkContext jsc, Dataset<VectorRow> vectors, float[][] queryVectors, int k,
                                        int threads) {
        if (queryVectors.length == 0) {
            return new SearchResults(new int[0][], new float[0][]);
        }
        Broadcast<float[][]> queries = jsc.broadcast(queryVectors);
        try {
            return vectors.javaRDD()
                    .mapPartitions(rows -> PartitionWork.search(rows, queries.value(), k, threads))
                    .treeReduce((a, b) -> PartialTopK.merge(a, b, k), 2)
                    .results();
        } finally {
            queries.destroy();
        }
    }

    /** The cell's identity details: a local dense cell's keys, and how Spark ran it. */
    private static Map<String, String> details(SparkSession spark, Experiment x, dev.plumbline.datasets.Dataset d,
                                               RetrieverConfig c, ModelSpec spec, EngineProvider provider,
                                               dev.plumbline.engines.EngineIdentity id, int threads, int batch,
                                               boolean dropIdentical, Settings s) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("retriever", "dense " + spec.name() + " on " + provider.name() + ", index flat in every Spark"
                + " partition, merged top-k");
        details.put("engine", id.engine() + " " + id.version() + " (" + id.backend() + ")");
        details.put("model", spec.name());
        details.put("tokenizer_sha256", id.tokenizerSha256());
        details.put("threads", Integer.toString(threads));
        details.put("batch_size", Integer.toString(batch));
        details.put("max_seq_length", Integer.toString(spec.maxTokens()));
        details.put("index", "flat (exact inner product)");
        details.put("k", Integer.toString(x.k()));
        details.put("ignore_identical_ids", Boolean.toString(dropIdentical));
        details.put("dataset", d.spec());
        details.put("configuration", c.name());
        details.put("cell.retriever", c.name());
        details.put("cell.chunker", "none");
        details.put("cell.reranker", "none");
        details.put("runner", "spark " + spark.version() + " " + spark.sparkContext().master());
        details.put("embeddings", s.embeddingsIn() != null ? "read from " + s.embeddingsIn() : "encoded");
        return details;
    }

    /** Adds to {@code missing} every document id in {@code evidence} whose text is not in {@code known}. */
    private static void collectDocnos(Object evidence, Map<String, String> known, Set<String> missing) {
        if (evidence instanceof Map<?, ?> m) {
            if (m.get("docno") instanceof String docno && !known.containsKey(docno)) {
                missing.add(docno);
            }
            m.values().forEach(v -> collectDocnos(v, known, missing));
        } else if (evidence instanceof List<?> l) {
            l.forEach(v -> collectDocnos(v, known, missing));
        }
    }

    /**
     * Embeddings written by an earlier run ({@code --embeddings-out}), refused unless the same
     * encoder made them: vectors of another model, length or engine would give another run.
     */
    private static Dataset<VectorRow> readEmbeddings(SparkSession spark, String path, String encoder, int partitions) {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df;
        try {
            df = spark.read().parquet(path);
        } catch (RuntimeException e) {
            throw new UsageException("--embeddings-in " + path + ": cannot read it as Parquet: " + SparkCorpus.firstLine(e));
        }
        if (!List.of(df.columns()).contains(ENCODER_COLUMN)) {
            throw new UsageException("--embeddings-in " + path + ": no " + ENCODER_COLUMN + " column; give embeddings"
                    + " that plumbline-spark wrote with --embeddings-out");
        }
        List<String> made = df.select(ENCODER_COLUMN).distinct().as(Encoders.STRING()).collectAsList();
        if (!made.equals(List.of(encoder))) {
            throw new UsageException("--embeddings-in " + path + ": made by " + made + ", but this retriever encodes with ["
                    + encoder + "]; drop --embeddings-in to encode afresh, or give matching embeddings");
        }
        Dataset<VectorRow> v = df.drop(ENCODER_COLUMN).as(VECTOR);
        return partitions > 0 ? v.repartition(partitions) : v;
    }
}
