package dev.plumbline.reports.results;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.IrMeasure;
import dev.plumbline.metrics.ir.IrMeasures;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.metrics.ir.ValueFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an IR evaluation ({@link IrResults}, per-topic values with trec_eval semantics) into an
 * {@link EngineRun}: one item per evaluated topic, one metric per per-topic value under
 * trec_eval's printed name ({@code ndcg_cut_10}). Values that trec_eval prints only as a summary
 * ({@code num_q}, {@code gm_map}, {@code gm_bpref}) become run-level values; text values
 * ({@code runid}, {@code relstring}) are left out.
 *
 * <p>Means of the per-topic values equal trec_eval's summaries bit for bit for every averaged
 * measure (same values, same summation order). Counts ({@code num_ret}, {@code num_rel} ...)
 * are neutral metrics whose mean is reported; trec_eval's summary of them is the sum (the
 * {@code .sum} statistic in gates).
 */
public final class IrEngineRuns {
    /** Ranked documents shown per topic in the evidence. */
    public static final int EVIDENCE_DEPTH = 10;

    private IrEngineRuns() {
    }

    /** The run without per-topic evidence. */
    public static EngineRun from(IrResults results, String engine) {
        return from(results, engine, null, null);
    }

    /**
     * The run with evidence per topic: the top {@value #EVIDENCE_DEPTH} documents in trec_eval's
     * ranking order with their relevance, and the relevant documents that are not among them.
     *
     * @param run   the scored run, or {@code null} for no evidence
     * @param qrels the judgments, or {@code null} for no evidence
     */
    public static EngineRun from(IrResults results, String engine, Run run, Qrels qrels) {
        List<MetricValues> metrics = new ArrayList<>();
        Map<String, Double> runValues = new LinkedHashMap<>();
        int topics = results.topics().size();
        for (int v = 0; v < results.names().size(); v++) {
            BoundMeasure bm = results.measures().get(results.measureOf()[v]);
            if (bm.format() == ValueFormat.TEXT) {
                continue;
            }
            String name = results.names().get(v);
            if (!bm.hasPerTopicValues()) {
                runValues.put(name, results.summary()[v]);
                continue;
            }
            double[] column = new double[topics];
            for (int t = 0; t < topics; t++) {
                column[t] = results.perTopic()[t][v];
            }
            metrics.add(new MetricValues(info(name, bm), column, new String[topics]));
        }
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (String qid : results.topics()) {
            evidence.add(run == null || qrels == null ? Map.of() : evidence(run.topic(qid), qrels.topic(qid),
                    results.context().params().relevanceLevel()));
        }
        return EngineRun.of(engine, results.topics(), metrics, runValues, evidence);
    }

    private static MetricInfo info(String printedName, BoundMeasure bm) {
        Direction direction;
        if (bm.format() == ValueFormat.INTEGER || printedName.startsWith("unj_") || printedName.startsWith("rbp_resid")) {
            // Counts and judgment-coverage diagnostics describe the run, they do not rank engines.
            direction = Direction.NEUTRAL;
        } else {
            direction = Direction.HIGHER_IS_BETTER;
        }
        return new MetricInfo(printedName, direction, "", false, describe(printedName));
    }

    /** The description of the trec_eval measure family a printed name belongs to (longest root wins). */
    static String describe(String printedName) {
        IrMeasure best = null;
        for (IrMeasure m : IrMeasures.all()) {
            boolean matches = printedName.equals(m.name()) || printedName.startsWith(m.name() + "_");
            if (matches && (best == null || m.name().length() > best.name().length())) {
                best = m;
            }
        }
        return best == null ? "" : best.description();
    }

    private static Map<String, Object> evidence(TopicRun tr, TopicQrels tq, long relevanceLevel) {
        Map<String, Object> ev = new LinkedHashMap<>();
        if (tr == null) {
            ev.put("retrieved", List.of());
            ev.put("note", "topic missing from the run (scored as 0 under -c)");
        } else {
            Integer[] order = new Integer[tr.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            // trec_eval's ranking: score descending, ties by docno descending in byte order.
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(tr.score(b), tr.score(a));
                return c != 0 ? c : tr.compareDocnos(b, a);
            });
            List<Object> top = new ArrayList<>();
            for (int r = 0; r < Math.min(EVIDENCE_DEPTH, order.length); r++) {
                int i = order[r];
                String docno = tr.docno(i);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("rank", r + 1);
                doc.put("docno", docno);
                doc.put("score", tr.score(i));
                long rel = tq == null ? TopicQrels.NOT_IN_QRELS : tq.relevanceOf(tr, i);
                doc.put("relevance", rel == TopicQrels.NOT_IN_QRELS ? "unjudged" : (Object) rel);
                top.add(doc);
            }
            ev.put("retrieved", top);
            ev.put("retrievedCount", tr.size());
        }
        if (tq != null) {
            List<Object> missed = new ArrayList<>();
            Set<String> topDocs = new LinkedHashSet<>();
            if (ev.get("retrieved") instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m) {
                        topDocs.add(String.valueOf(m.get("docno")));
                    }
                }
            }
            int relevant = 0;
            for (int i = 0; i < tq.size(); i++) {
                if (tq.relevance(i) >= relevanceLevel) {
                    relevant++;
                    if (!topDocs.contains(tq.docno(i)) && missed.size() < EVIDENCE_DEPTH) {
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("docno", tq.docno(i));
                        doc.put("relevance", tq.relevance(i));
                        missed.add(doc);
                    }
                }
            }
            ev.put("relevantJudged", relevant);
            ev.put("relevantNotInTop" + EVIDENCE_DEPTH, missed);
        }
        return ev;
    }
}
