package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.ValueFormat;

/** {@code runid}: the run tag of the last line of the run file; summary only. */
public final class RunId extends SimpleMeasure {
    /** Creates the measure. */
    public RunId() {
        super("runid", "Runid given by the last line of the results file");
    }

    @Override
    double value(RankedTopic topic, EvalContext ctx) {
        return 0;
    }

    @Override
    public ValueFormat format() {
        return ValueFormat.TEXT;
    }

    @Override
    public boolean hasPerTopicValues() {
        return false;
    }

    @Override
    public String summaryText(EvalContext ctx) {
        return ctx.runId();
    }
}
