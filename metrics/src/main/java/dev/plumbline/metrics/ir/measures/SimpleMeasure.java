package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.IrMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;

/**
 * A measure with one value and no parameters. Parameters given anyway are ignored, as
 * trec_eval's {@code te_init_meas_s_double} ignores them.
 */
abstract class SimpleMeasure implements IrMeasure, BoundMeasure {
    private final String name;
    private final String description;

    SimpleMeasure(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final BoundMeasure bind(String params) {
        return this;
    }

    @Override
    public final List<String> names() {
        return List.of(name);
    }

    @Override
    public final void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset) {
        out[offset] = value(topic, ctx);
    }

    /** The topic's value. */
    abstract double value(RankedTopic topic, EvalContext ctx);
}
