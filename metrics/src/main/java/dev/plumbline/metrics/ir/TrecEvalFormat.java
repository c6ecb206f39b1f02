package dev.plumbline.metrics.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prints results byte-for-byte as trec_eval 10.0 does: {@code "%-22s\t%s\t%6.4f\n"} per value,
 * integers with {@code %ld}, text with {@code %s}; with {@code -q} one block per topic in
 * evaluation order, then the {@code all} block.
 */
public final class TrecEvalFormat {
    private TrecEvalFormat() {
    }

    /** Writes per-topic blocks (when {@code perTopic}) and the summary block. */
    public static void write(IrResults results, boolean perTopic, Appendable out) {
        write(results, perTopic, true, out);
    }

    /** Writes per-topic blocks (when {@code perTopic}) and the summary block (when {@code summary}, i.e. no {@code -n}). */
    public static void write(IrResults results, boolean perTopic, boolean summary, Appendable out) {
        try {
            StringBuilder line = new StringBuilder(64);
            if (perTopic) {
                for (int t = 0; t < results.topics().size(); t++) {
                    String qid = results.topics().get(t);
                    for (int v = 0; v < results.names().size(); v++) {
                        BoundMeasure m = results.measures().get(results.measureOf()[v]);
                        if (!m.hasPerTopicValues()) {
                            continue;
                        }
                        String text = m.format() == ValueFormat.TEXT ? results.texts()[t][v] : null;
                        appendLine(line, results.names().get(v), qid, m.format(), results.perTopic()[t][v], text);
                        out.append(line);
                    }
                }
            }
            for (int v = 0; summary && v < results.names().size(); v++) {
                BoundMeasure m = results.measures().get(results.measureOf()[v]);
                if (!m.hasSummary()) {
                    continue;
                }
                String text = m.format() == ValueFormat.TEXT ? m.summaryText(results.context()) : null;
                appendLine(line, results.names().get(v), "all", m.format(), results.summary()[v], text);
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendLine(StringBuilder line, String name, String qid, ValueFormat format, double value,
                                   String text) {
        line.setLength(0);
        line.append(name);
        for (int i = name.length(); i < 22; i++) {
            line.append(' ');
        }
        line.append('\t').append(qid).append('\t');
        switch (format) {
            case TEXT -> line.append(text);
            case INTEGER -> line.append((long) value);
            case DECIMAL -> appendFixed4(line, value);
        }
        line.append('\n');
    }

    /**
     * C's {@code %6.4f}: the exact binary value rounded half-even to 4 decimals (glibc rounds
     * the exact value, so only true ties are ties), the sign kept for negative zero, right-aligned
     * in 6 columns.
     */
    static void appendFixed4(StringBuilder out, double value) {
        String body;
        if (Double.isNaN(value)) {
            body = (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + "nan";
        } else if (Double.isInfinite(value)) {
            body = value < 0 ? "-inf" : "inf";
        } else {
            boolean negative = Double.doubleToRawLongBits(value) < 0;
            String digits = new BigDecimal(Math.abs(value)).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
            body = negative ? "-" + digits : digits;
        }
        for (int i = body.length(); i < 6; i++) {
            out.append(' ');
        }
        out.append(body);
    }
}
