package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A measure family with one value per cutoff, each printed under a name of its own
 * ({@code P_10}, {@code iprec_at_recall_0.10}): {@link CutoffMeasure} and {@link DoubleCutoffMeasure}.
 *
 * @param <C> the parsed cutoffs, an array
 */
abstract class PerCutoffMeasure<C> extends MeasureFamily<C> {
    PerCutoffMeasure(String name, String description, Supplier<C> defaults, Function<String, C> parser) {
        super(name, description, defaults, parser);
    }

    /** Each value prints under its cutoff's name ({@link #names}), so the family's printed name is not used. */
    @Override
    final BoundMeasure bind(String printedName, C cutoffs, boolean userParams) {
        List<String> names = List.copyOf(names(cutoffs));
        return new BoundMeasure() {
            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset) {
                PerCutoffMeasure.this.compute(topic, ctx, cutoffs, out, offset);
            }

            @Override
            public void clearForMissingTopic(double[] out, int offset) {
                PerCutoffMeasure.this.clearForMissingTopic(cutoffs, out, offset);
            }
        };
    }

    /** The printed names of the values, one per cutoff, in order. */
    abstract List<String> names(C cutoffs);

    /** Computes one value per cutoff into {@code out[offset + i]}. */
    abstract void compute(RankedTopic topic, EvalContext ctx, C cutoffs, double[] out, int offset);

    /** See {@link BoundMeasure#clearForMissingTopic}; default nothing. */
    void clearForMissingTopic(C cutoffs, double[] out, int offset) {
    }
}
