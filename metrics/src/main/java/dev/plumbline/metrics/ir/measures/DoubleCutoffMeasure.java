package dev.plumbline.metrics.ir.measures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * A measure family evaluated at fractional cutoffs ({@code iprec_at_recall}, {@code Rprec_mult}),
 * one value per cutoff printed as {@code name_%3.2f} ({@code iprec_at_recall_0.10}). Cutoffs parse
 * like trec_eval's {@code get_double_cutoffs}: comma separated, each read with {@code atof},
 * sorted ascending and distinct (no sign check, unlike the integer cutoffs).
 */
abstract class DoubleCutoffMeasure extends PerCutoffMeasure<double[]> {
    DoubleCutoffMeasure(String name, String description, double... defaults) {
        super(name, description, defaults::clone, DoubleCutoffMeasure::parseCutoffs);
    }

    @Override
    final List<String> names(double[] cutoffs) {
        return Arrays.stream(cutoffs).mapToObj(c -> printedName(name(), c)).toList();
    }

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
