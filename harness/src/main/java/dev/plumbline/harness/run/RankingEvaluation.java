package dev.plumbline.harness.run;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.IrEngineRuns;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The ranking half of a retrieval cell, whoever searched: the rankings become the cell's TREC run
 * ({@code runs/CELL.trec}, a hit whose id is the query's own dropped first under BEIR's protocol,
 * then cut at k), evaluated with trec_eval semantics ({@code -c}: every judged topic), and the
 * engine run's IR measures and per-query evidence. {@link RetrievalCell} searches one query at a
 * time in this process; a distributed runner (the Spark module) searches all at once elsewhere and
 * hands its rankings here, so both write the same run file and the same IR values.
 */
public final class RankingEvaluation {
    private RankingEvaluation() {
    }

    /**
     * One query's ranking, best first.
     *
     * @param queryId its query
     * @param docnos  document ids, best first (may hold the query's own id, and more than k)
     * @param scores  their scores, same order
     */
    public record Ranking(String queryId, List<String> docnos, double[] scores) {
    }

    /**
     * @param run              the run as written
     * @param ir               its evaluation
     * @param base             the engine run with the IR measures per topic and the ranking evidence
     * @param identicalDropped hits dropped because their id was their query's
     */
    public record Evaluated(Run run, IrResults ir, EngineRun base, int identicalDropped) {
    }

    /** Hits a retriever is asked for: k, and one more when a query's own id may be among them. */
    public static int depth(Experiment x, boolean dropIdentical) {
        return dropIdentical ? x.k() + 1 : x.k();
    }

    /**
     * Writes and evaluates a cell's rankings.
     *
     * @param x             the experiment (output folder, k, measures)
     * @param cell          the cell's name (its run file's and its tag's)
     * @param qrels         the judgments
     * @param rankings      one per searched query, in the order the queries were searched
     * @param dropIdentical whether a hit whose id equals its query's is dropped
     */
    public static Evaluated evaluate(Experiment x, String cell, Qrels qrels, List<Ranking> rankings,
                                     boolean dropIdentical) {
        int dropped = 0;
        List<TrecRunWriter.Topic> topics = new ArrayList<>();
        for (Ranking r : rankings) {
            List<String> docnos = new ArrayList<>();
            List<Double> kept = new ArrayList<>();
            for (int i = 0; i < r.docnos().size() && docnos.size() < x.k(); i++) {
                String docno = r.docnos().get(i);
                if (dropIdentical && docno.equals(r.queryId())) {
                    dropped++;
                    continue;
                }
                docnos.add(docno);
                kept.add(r.scores()[i]);
            }
            topics.add(new TrecRunWriter.Topic(r.queryId(), docnos, kept.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Run run = TrecRunWriter.write(runFile(x, cell), "plumbline-" + cell.replace('/', '-'), topics);
        IrResults ir = IrEvaluator.of(qrels, x.irMeasures(), EvalParams.DEFAULTS.withAverageComplete(true)).evaluate(run);
        return new Evaluated(run, ir, IrEngineRuns.from(ir, cell, run, qrels), dropped);
    }

    /**
     * The evidence of each of {@code base}'s items: the query's text and a snippet of every
     * document shown.
     *
     * @param queryText query id to its text
     * @param fullText  document id to the text an encoder sees, {@code null} for an unknown one
     */
    public static List<Map<String, Object>> evidence(EngineRun base, Map<String, String> queryText,
                                                     Function<String, String> fullText) {
        return IntStream.range(0, base.itemIds().size())
                .mapToObj(i -> ItemEvidence.retrieval(base.evidence(i), queryText.getOrDefault(base.itemIds().get(i), ""),
                        fullText))
                .toList();
    }

    /**
     * Span recall@{@value RetrievalCell#SPAN_K} over whole documents, for datasets whose queries
     * carry answer spans ({@code builtin:demo}): per query, whether one of its top documents (a
     * query's own id skipped as in the run) contains a gold span; empty when no query has one.
     *
     * @param fullText document id to the text an encoder sees, for every document in the top ranks
     */
    public static java.util.Optional<MetricValues> wholeDocumentSpanRecall(Dataset d, EngineRun base,
                                                                         List<Ranking> rankings, boolean dropIdentical,
                                                                         Function<String, String> fullText) {
        Map<String, QueryAnswers.Answer> answers = QueryAnswers.of(d);
        if (rankings.stream().allMatch(r -> answers.get(r.queryId()) == null || answers.get(r.queryId()).spans().isEmpty())) {
            return java.util.Optional.empty();
        }
        Map<String, Double> byQuery = new java.util.LinkedHashMap<>();
        for (Ranking r : rankings) {
            List<QueryAnswers.Span> gold = answers.get(r.queryId()) == null ? List.of() : answers.get(r.queryId()).spans();
            boolean found = false;
            int seen = 0;
            for (int i = 0; i < r.docnos().size() && seen < RetrievalCell.SPAN_K && !found; i++) {
                String docno = r.docnos().get(i);
                if (dropIdentical && docno.equals(r.queryId())) {
                    continue;
                }
                seen++;
                int length = fullText.apply(docno).length();
                found = gold.stream().anyMatch(g -> g.within(docno, 0, length));
            }
            byQuery.put(r.queryId(), gold.isEmpty() ? Double.NaN : found ? 1 : 0);
        }
        return java.util.Optional.of(spanRecall(base, byQuery));
    }

    /** The span recall column of {@code base}'s items from per-query values (NaN for a query without one). */
    static MetricValues spanRecall(EngineRun base, Map<String, Double> byQuery) {
        double[] col = base.itemIds().stream().mapToDouble(qid -> byQuery.getOrDefault(qid, Double.NaN)).toArray();
        return new MetricValues(MetricInfo.score(RetrievalCell.SPAN_RECALL, "span recall@" + RetrievalCell.SPAN_K
                + ": whether one of the top " + RetrievalCell.SPAN_K + " chunks (whole documents without chunking)"
                + " contains the query's answer span; undefined for queries without one"), col, new String[col.length]);
    }

    /** Where a cell's TREC run goes: {@code runs/CELL.trec}, slashes made underscores. */
    public static Path runFile(Experiment x, String cell) {
        return x.outDir().resolve("runs").resolve(cell.replace('/', '_') + ".trec");
    }
}
