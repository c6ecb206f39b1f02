package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * A bound measure with one value under a printed name that may carry its parameters
 * ({@code utility_2,-1,0,0}, {@code ndcg_1=3,2=9}), as trec_eval's {@code te_init_meas_s_double_p_*}
 * name it.
 */
abstract class NamedValue implements BoundMeasure {
    private final List<String> names;

    NamedValue(String printedName) {
        this.names = List.of(printedName);
    }

    /** A bound measure whose one value, under {@code printedName}, is {@code value}'s. */
    static NamedValue of(String printedName, ToDoubleBiFunction<RankedTopic, EvalContext> value) {
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                return value.applyAsDouble(topic, ctx);
            }
        };
    }

    @Override
    public final List<String> names() {
        return names;
    }

    @Override
    public final void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset) {
        out[offset] = value(topic, ctx);
    }

    /** The topic's value. */
    abstract double value(RankedTopic topic, EvalContext ctx);
}
