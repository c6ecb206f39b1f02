package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.IrMeasure;
import dev.plumbline.metrics.ir.RankedTopic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measure family evaluated at fractional cutoffs ({@code iprec_at_recall}, {@code Rprec_mult}),
 * one value per cutoff printed as {@code name_%3.2f} ({@code iprec_at_recall_0.10}). Cutoffs parse
 * like trec_eval's {@code get_double_cutoffs}: comma separated, each read with {@code atof},
 * sorted ascending and distinct (no sign check, unlike the integer cutoffs).
 */
abstract class DoubleCutoffMeasure implements IrMeasure {
    private final String name;
    private final String description;
    private final double[] defaults;

    DoubleCutoffMeasure(String name, String description, double... defaults) {
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
        double[] cutoffs = params == null ? defaults.clone() : parseCutoffs(params);
        List<String> names = new ArrayList<>();
        for (double c : cutoffs) {
            names.add(printedName(name, c));
        }
        List<String> fixedNames = List.copyOf(names);
        return new BoundMeasure() {
            @Override
            public List<String> names() {
                return fixedNames;
            }

            @Override
            public void compute(RankedTopic topic, EvalContext ctx, double[] out, int offset) {
                DoubleCutoffMeasure.this.compute(topic, ctx, cutoffs, out, offset);
            }
        };
    }

    /** Computes one value per cutoff into {@code out[offset + i]}. */
    abstract void compute(RankedTopic topic, EvalContext ctx, double[] cutoffs, double[] out, int offset);

    static double[] parseCutoffs(String params) {
        double[] c = DoubleParamMeasure.parseDoubles(params);
        Arrays.sort(c);
        for (int i = 1; i < c.length; i++) {
            if (c[i] == c[i - 1]) {
                throw new IllegalArgumentException("cutoffs must be distinct, got '" + params + "'");
            }
        }
        return c;
    }

    /**
     * trec_eval's {@code append_double}: {@code snprintf(buf, strlen(name) + 10, "%s_%3.2f")}, so
     * at most 8 characters of the number survive ({@code 123456.00} prints as {@code 123456.0}).
     */
    static String printedName(String name, double cutoff) {
        String number;
        if (Double.isNaN(cutoff)) {
            number = (Double.doubleToRawLongBits(cutoff) < 0 ? "-" : "") + "nan";
        } else if (Double.isInfinite(cutoff)) {
            number = cutoff < 0 ? "-inf" : "inf";
        } else {
            // glibc rounds the exact binary value, ties to even.
            String digits = new BigDecimal(Math.abs(cutoff)).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
            number = Double.doubleToRawLongBits(cutoff) < 0 ? "-" + digits : digits;
        }
        if (number.length() < 3) {
            number = " ".repeat(3 - number.length()) + number;
        }
        String full = name + "_" + number;
        return full.length() > name.length() + 9 ? full.substring(0, name.length() + 9) : full;
    }
}
