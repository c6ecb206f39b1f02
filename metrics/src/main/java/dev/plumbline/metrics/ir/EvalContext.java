package dev.plumbline.metrics.ir;

import dev.plumbline.datasets.trec.Qrels;

/**
 * What a measure may read besides the topic: the options, the whole qrels (a few summaries,
 * such as num_rel under {@code -c}, look at every topic) and the run id.
 *
 * @param params evaluation options
 * @param qrels  all judgments
 * @param runId  the run's tag
 */
public record EvalContext(EvalParams params, Qrels qrels, String runId) {
}
