package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * A measure with one value and no parameters. Parameters given anyway are ignored, as
 * trec_eval's {@code te_init_meas_s_double} ignores them.
 */
abstract class SimpleMeasure extends MeasureFamily<Void> implements BoundMeasure {
    SimpleMeasure(String name, String description) {
        super(name, description, () -> null, params -> null);
    }

    /** Itself, under the bare name, whatever parameters were given. */
    @Override
    final BoundMeasure bind(String printedName, Void values, boolean userParams) {
        return this;
    }

    @Override
    public final List<String> names() {
        return List.of(name());
    }

    @Override
    public final void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset) {
        out[offset] = value(topic, ctx);
    }

    /** The topic's value. */
    abstract double value(RankedTopic topic, EvalContext ctx);
}
