package dev.plumbline.spark;

import dev.plumbline.datasets.Doc;
import dev.plumbline.harness.UsageException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the Spark job's corpus comes from, as a Spark {@link Dataset} of {@link DocRow}: the
 * documents of a dataset the driver loaded with the project's loaders (validated and fingerprinted
 * as a local run's are), or Parquet files that only the executors read ({@code _id}, {@code text},
 * optional {@code title} and {@code ordinal}: BEIR's columns, so a corpus far larger than the
 * driver's memory never passes through it). Also the lookups the driver makes afterwards: the ids
 * and texts of the few documents that the results show.
 */
final class SparkCorpus {
    static final Encoder<DocRow> DOC = Encoders.bean(DocRow.class);

    private SparkCorpus() {
    }

    /** The documents of {@code d} in its order, cut into {@code partitions} contiguous slices. */
    static Dataset<DocRow> of(SparkSession spark, dev.plumbline.datasets.Dataset d, int partitions) {
        List<DocRow> rows = new ArrayList<>(d.docs().size());
        for (int i = 0; i < d.docs().size(); i++) {
            Doc doc = d.docs().get(i);
            rows.add(new DocRow(i, doc.id(), doc.fullText()));
        }
        JavaRDD<DocRow> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions);
        return spark.createDataset(rdd.rdd(), DOC);
    }

    /**
     * The documents in the Parquet files at {@code path}; ordinals from an {@code ordinal} column,
     * else by position in Spark's (deterministic, file and row) read order.
     *
     * @param partitions partitions wanted, or 0 for those the files give
     */
    static Dataset<DocRow> parquet(SparkSession spark, String path, int partitions) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(path);
        } catch (RuntimeException e) {
            throw new UsageException("--corpus-parquet " + path + ": cannot read it as Parquet: " + firstLine(e));
        }
        List<String> columns = Arrays.asList(df.columns());
        for (String required : List.of("_id", "text")) {
            if (!columns.contains(required)) {
                throw new UsageException("--corpus-parquet " + path + ": no column " + required + " (has " + columns
                        + "); give BEIR's columns _id, title, text (title and ordinal optional)");
            }
        }
        boolean title = columns.contains("title");
        boolean ordinal = columns.contains("ordinal");
        Dataset<Row> rows = df.select(ordinal ? "ordinal" : "_id", "_id", title ? "title" : "text", "text");
        JavaRDD<DocRow> docs = ordinal
                ? rows.javaRDD().map(r -> row(((Number) r.get(0)).longValue(), r, title))
                : rows.javaRDD().zipWithIndex().map(t -> row(t._2(), t._1(), title));
        Dataset<DocRow> out = spark.createDataset(docs.rdd(), DOC);
        return partitions > 0 ? out.repartition(partitions) : out;
    }

    private static DocRow row(long ordinal, Row r, boolean title) {
        String id = r.getString(1);
        String text = r.isNullAt(3) ? "" : r.getString(3);
        String t = !title || r.isNullAt(2) ? "" : r.getString(2);
        return new DocRow(ordinal, id, new Doc(id, t, text).fullText());
    }

    /** The documents at {@code ordinals}, by ordinal. */
    static Map<Integer, DocRow> byOrdinal(SparkSession spark, Dataset<DocRow> corpus, Set<Long> ordinals) {
        Broadcast<Set<Long>> wanted = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ordinals);
        Map<Integer, DocRow> out = new HashMap<>();
        for (DocRow r : corpus.filter((FilterFunction<DocRow>) r -> wanted.value().contains(r.getOrdinal())).collectAsList()) {
            out.put(Math.toIntExact(r.getOrdinal()), r);
        }
        wanted.destroy();
        return out;
    }

    /** The texts of the documents with {@code ids}, by id. */
    static Map<String, String> textsById(SparkSession spark, Dataset<DocRow> corpus, Set<String> ids) {
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Broadcast<Set<String>> wanted = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ids);
        for (DocRow r : corpus.filter((FilterFunction<DocRow>) r -> wanted.value().contains(r.getId())).collectAsList()) {
            out.put(r.getId(), r.getText());
        }
        wanted.destroy();
        return out;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
