package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.IrMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measure family evaluated at rank cutoffs, printed as {@code name_k} ({@code P_10}).
 * Cutoffs parse like trec_eval's {@code get_long_cutoffs}: comma separated, each read with
 * {@code atol} (so {@code 23.4} is 23), sorted ascending, positive and distinct.
 */
abstract class CutoffMeasure implements IrMeasure {
    private final String name;
    private final String description;
    private final long[] defaults;

    CutoffMeasure(String name, String description, long... defaults) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
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
        long[] cutoffs = params == null ? defaults.clone() : parseCutoffs(params);
        List<String> names = new ArrayList<>();
        for (long c : cutoffs) {
            names.add(name + "_" + c);
        }
        List<String> fixedNames = List.copyOf(names);
        return new BoundMeasure() {
            @Override
            public List<String> names() {
                return fixedNames;
            }

            @Override
            public void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset) {
                CutoffMeasure.this.compute(topic, ctx, cutoffs, out, offset);
            }

            @Override
            public void clearForMissingTopic(double[] out, int offset) {
                CutoffMeasure.this.clearForMissingTopic(cutoffs, out, offset);
            }
        };
    }

    /** Computes one value per cutoff into {@code out[offset + i]}. */
    abstract void compute(RankedTopic topic, EvalContext ctx, long[] cutoffs, double[] out, int offset);

    /** See {@link BoundMeasure#clearForMissingTopic}; default nothing. */
    void clearForMissingTopic(long[] cutoffs, double[] out, int offset) {
    }

    static long[] parseCutoffs(String params) {
        String[] parts = params.split(",", -1);
        long[] c = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            c[i] = dev.plumbline.datasets.trec.CNumbers.atol(parts[i]);
        }
        Arrays.sort(c);
        if (c[0] <= 0) {
            throw new IllegalArgumentException("cutoffs must be positive integers, got '" + params + "'");
        }
        for (int i = 1; i < c.length; i++) {
            if (c[i] == c[i - 1]) {
                throw new IllegalArgumentException("cutoffs must be distinct, got '" + params + "'");
            }
        }
        return c;
    }
}
