package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.index.IndexOptions;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.index.VectorIndexes;
import dev.plumbline.harness.run.CachedEncoder;
import dev.plumbline.harness.run.TrecRunWriter;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.reports.stats.RandomizationTest;
import dev.plumbline.reports.stats.SplitMix64;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The quality half of {@code bench encoder --quality}: one engine's retrieval quality on a
 * dataset (exact dot-product top 100 over the engine's own document vectors by the {@code flat}
 * index, BEIR's rule that a document with the query's id is not a hit, trec_eval semantics with
 * {@code -c}) and how far its vectors are from a reference engine's. Vectors go through the
 * embedding cache, whose key holds the engine and its numerics, so a rerun re-encodes nothing and
 * no two variants share vectors.
 */
final class EncoderQuality {
    /** The two measures of the table, by trec_eval name as printed. */
    static final String NDCG = "ndcg_cut_10";
    static final String RECALL = "recall_100";
    private static final int DEPTH = 100;
    /** Permutations of the paired randomization test (p resolves to 1e-4). */
    private static final int PERMUTATIONS = 10_000;

    /**
     * One engine's results.
     *
     * @param topics    evaluated topics in trec_eval order
     * @param ndcg      nDCG@10 per topic
     * @param recall    R@100 per topic
     * @param docs      the document vectors (for cosines to the reference)
     */
    record Scores(List<String> topics, double[] ndcg, double[] recall, float[][] docs) {
        double mean(double[] x) {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return s / x.length;
        }
    }

    /** A variant's difference to the reference: means, paired p-values, vector cosines. */
    record Delta(double ndcg, double ndcgP, double recall, double recallP, double minCosine, double meanCosine) {
    }

    private EncoderQuality() {
    }

    /** Encodes the dataset's judged queries and its corpus with {@code e} and scores the ranking. */
    static Scores score(Engine e, Dataset d, Path cacheRoot) {
        List<Query> queries = d.queries().stream().filter(q -> d.qrels().topic(q.id()) != null).toList();
        List<String> docTexts = d.docs().stream().map(Doc::fullText).toList();
        CachedEncoder.Listener quiet = (texts, nanos, done, pending) -> {
        };
        float[][] docs = CachedEncoder.encode(e, docTexts, false, cacheRoot, quiet).vectors();
        float[][] qv = CachedEncoder.encode(e, queries.stream().map(Query::text).toList(), true, cacheRoot, quiet)
                .vectors();
        // One more than the depth, for the hit dropped when a document has the query's id.
        SearchResults hits = VectorIndexes.build("flat", docs, IndexOptions.none(), 1).search(qv, DEPTH + 1, 1);
        List<TrecRunWriter.Topic> topics = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            String qid = queries.get(q).id();
            int[] top = hits.ids()[q];
            List<String> docnos = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < top.length && docnos.size() < DEPTH; i++) {
                String docno = d.docs().get(top[i]).id();
                if (!docno.equals(qid)) {
                    docnos.add(docno);
                    scores.add((double) hits.scores()[q][i]);
                }
            }
            topics.add(new TrecRunWriter.Topic(qid, docnos, scores.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Map<String, TopicRun> read;
        try {
            read = TrecRunWriter.write(new StringWriter(), "bench", topics);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        IrResults ir = IrEvaluator.of(d.qrels(), List.of("ndcg_cut.10", "recall.100"),
                EvalParams.DEFAULTS.withAverageComplete(true)).evaluate(new Run("bench", read));
        return new Scores(ir.topics(), ir.column(NDCG), ir.column(RECALL), docs);
    }

    /** {@code current} against {@code reference}: the same topics, paired. */
    static Delta delta(Scores reference, Scores current, String name) {
        if (!reference.topics().equals(current.topics())) {
            throw new IllegalStateException("the two runs evaluated different topics");
        }
        long seed = SplitMix64.derive(42, "bench-encoder", name);
        double minCos = Double.POSITIVE_INFINITY;
        double sumCos = 0;
        for (int i = 0; i < reference.docs().length; i++) {
            double c = cosine(reference.docs()[i], current.docs()[i]);
            minCos = Math.min(minCos, c);
            sumCos += c;
        }
        return new Delta(current.mean(current.ndcg()) - reference.mean(reference.ndcg()),
                RandomizationTest.pValue(reference.ndcg(), current.ndcg(), PERMUTATIONS, seed),
                current.mean(current.recall()) - reference.mean(reference.recall()),
                RandomizationTest.pValue(reference.recall(), current.recall(), PERMUTATIONS, seed + 1),
                minCos, sumCos / reference.docs().length);
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
