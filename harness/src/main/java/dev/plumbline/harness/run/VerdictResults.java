package dev.plumbline.harness.run;

import dev.plumbline.datasets.RagSample;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.reports.provenance.JudgeIdentity;
import dev.plumbline.reports.results.EngineRun;

import java.util.List;
import java.util.Map;

/**
 * The one adapter from a judge's metric values to results: a value for {@code OK}, undefined
 * (NaN, counted) for {@code UNDEFINED}, failed with its reason for {@code FAILED}, never 0; the
 * sample's texts, claims and label as evidence ({@link ItemEvidence#judged}); the judge's identity as provenance. {@code run}'s judge cell and
 * {@code judge --out} both write through it.
 */
public final class VerdictResults {
    private VerdictResults() {
    }

    /**
     * Adds {@code metrics} of one sample to {@code item}, and its evidence.
     *
     * @param judgment the sample's judgment, or {@code null} when it is not known (its claims are then left out)
     */
    public static void add(EngineRun.ItemBuilder item, List<String> metrics, Map<String, MetricValue> values,
                           RagSample sample, Judgment judgment) {
        add(item, metrics, values, ItemEvidence.judged(sample, judgment));
    }

    /** Adds {@code metrics} of one sample to {@code item}, with evidence already built (read back from a log). */
    public static void add(EngineRun.ItemBuilder item, List<String> metrics, Map<String, MetricValue> values,
                           Map<String, Object> evidence) {
        for (String m : metrics) {
            MetricValue mv = values.get(m);
            switch (mv.status()) {
                case OK -> item.value(m, mv.value());
                case UNDEFINED -> item.undefined(m);
                case FAILED -> item.failed(m, mv.reason());
            }
        }
        item.evidence(evidence);
    }

    /** The judge's identity as results record it. */
    public static JudgeIdentity identity(Judge judge) {
        var jid = judge.identity();
        return new JudgeIdentity(jid.name(), jid.model(), jid.promptVersion(),
                Map.of("version", jid.version(), "parameters_sha256", jid.parametersHash()));
    }
}
