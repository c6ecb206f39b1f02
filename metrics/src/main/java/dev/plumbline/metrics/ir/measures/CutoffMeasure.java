package dev.plumbline.metrics.ir.measures;

import java.util.Arrays;
import java.util.List;

/**
 * A measure family evaluated at rank cutoffs, printed as {@code name_k} ({@code P_10}).
 * Cutoffs parse like trec_eval's {@code get_long_cutoffs}: comma separated, each read with
 * {@code atol} (so {@code 23.4} is 23), sorted ascending, positive and distinct.
 */
abstract class CutoffMeasure extends PerCutoffMeasure<long[]> {
    CutoffMeasure(String name, String description, long... defaults) {
        super(name, description, defaults::clone, CutoffMeasure::parseCutoffs);
    }

    @Override
    final List<String> names(long[] cutoffs) {
        return Arrays.stream(cutoffs).mapToObj(c -> name() + "_" + c).toList();
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
