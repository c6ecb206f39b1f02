package dev.plumbline.metrics.ir;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.datasets.trec.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Evaluates runs against one qrels with one set of measures, with trec_eval 10.0 semantics.
 * Build it once and call {@link #evaluate} for many runs; topics are evaluated in parallel and
 * the results do not depend on the thread count.
 *
 * <p>Topic set: every qrels topic that the run retrieves for, in {@code strcmp} order. Under
 * {@code -c} qrels topics missing from the run are evaluated against trec_eval's placeholder
 * ranking (one unjudged document) and count in every average. Without {@code -c} they are
 * skipped, as trec_eval 9 did; trec_eval 10.0 aborts instead, which is the one deliberate
 * difference. Run topics without qrels are ignored.
 */
public final class IrEvaluator {
    /** trec_eval's placeholder docno for a topic missing from the run under {@code -c}. */
    static final String PLACEHOLDER_DOCNO = "ceci_nest_pas_un_docno";

    private final Qrels qrels;
    private final List<BoundMeasure> measures;
    private final EvalParams params;
    private final List<String> names = new ArrayList<>();
    private final int[] measureOf;
    private final int[] offsets;
    private final Map<String, TopicRanker.JudgedLevels> levels = new ConcurrentHashMap<>();
    private final ThreadLocal<TopicRanker> rankers = ThreadLocal.withInitial(TopicRanker::new);

    /**
     * @param qrels    the judgments
     * @param measures bound measures, in the order they are to be printed (see {@link MeasureSelection})
     * @param params   trec_eval options
     */
    public IrEvaluator(Qrels qrels, List<BoundMeasure> measures, EvalParams params) {
        this.qrels = qrels;
        this.measures = List.copyOf(measures);
        this.params = params;
        this.offsets = new int[measures.size()];
        List<Integer> owner = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            offsets[m] = names.size();
            for (String name : measures.get(m).names()) {
                names.add(name);
                owner.add(m);
            }
        }
        this.measureOf = owner.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Convenience: parses {@code -m} style measure arguments (none means {@code official}). */
    public static IrEvaluator of(Qrels qrels, List<String> measureArgs, EvalParams params) {
        return new IrEvaluator(qrels, MeasureSelection.parse(measureArgs), params);
    }

    /**
     * Evaluates one run.
     *
     * @throws IrInputException for a docno twice in one evaluated topic of the run or the qrels
     */
    public IrResults evaluate(Run run) {
        EvalContext ctx = new EvalContext(params, qrels, run.runId());
        List<TopicQrels> evaluated = new ArrayList<>();
        List<TopicRun> runs = new ArrayList<>();
        for (TopicQrels tq : qrels.topics().values()) {
            TopicRun tr = run.topic(tq.qid());
            if (tr == null) {
                if (!params.averageComplete()) {
                    continue;
                }
                tr = TopicRun.builder(tq.qid()).add(PLACEHOLDER_DOCNO, 1.0).build();
            }
            evaluated.add(tq);
            runs.add(tr);
        }
        for (TopicQrels tq : evaluated) {
            levels.computeIfAbsent(tq.qid(), q -> TopicRanker.JudgedLevels.of(tq, params.relevanceLevel()));
        }
        if (evaluated.isEmpty()) {
            throw new IrInputException("no topic of run '" + run.runId() + "' has judgments in the qrels;"
                    + " check that the run and qrels use the same topic ids (or pass -c to score missing topics as 0)");
        }
        int numTopics = evaluated.size();
        int numValues = names.size();
        double[][] values = new double[numTopics][];
        String[][] texts = new String[numTopics][];
        IntStream.range(0, numTopics).parallel().forEach(t -> {
            TopicQrels tq = evaluated.get(t);
            TopicRun tr = runs.get(t);
            boolean missing = run.topic(tq.qid()) == null;
            RankedTopic topic = rankers.get().rank(tr, tq, levels.get(tq.qid()), params, missing);
            double[] row = new double[numValues];
            String[] textRow = null;
            for (int m = 0; m < measures.size(); m++) {
                BoundMeasure bm = measures.get(m);
                bm.compute(topic, ctx, row, offsets[m]);
                if (missing) {
                    bm.clearForMissingTopic(row, offsets[m]);
                }
                if (bm.format() == ValueFormat.TEXT && bm.hasPerTopicValues()) {
                    if (textRow == null) {
                        textRow = new String[numValues];
                    }
                    textRow[offsets[m]] = bm.text(topic, ctx);
                }
            }
            values[t] = row;
            texts[t] = textRow;
        });
        double[] summary = new double[numValues];
        double[] column = new double[numTopics];
        for (int v = 0; v < numValues; v++) {
            for (int t = 0; t < numTopics; t++) {
                column[t] = values[t][v];
            }
            BoundMeasure bm = measures.get(measureOf[v]);
            summary[v] = bm.summarize(v - offsets[measureOf[v]], column, ctx);
        }
        List<String> topicIds = evaluated.stream().map(TopicQrels::qid).toList();
        return new IrResults(run.runId(), measures, List.copyOf(names), measureOf.clone(), topicIds, values, texts,
                summary, ctx);
    }
}
