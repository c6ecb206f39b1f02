package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.RankedTopic;
import dev.plumbline.metrics.ir.ValueFormat;

/**
 * {@code relstring} ({@code m_relstring.c}): the relevance of the first N retrieved documents
 * (parameter, default 10) as a quoted string, one character per document: the digit for 0-9,
 * {@code >} above 9, {@code -} not in the qrels, {@code .} unjudged in the qrels. Per topic only,
 * no summary line. A topic missing from the run under {@code -c} prints {@code ''} (trec_eval 10
 * clears the string rather than showing its placeholder document).
 */
public final class RelString extends DoubleParamMeasure {
    /** Creates the measure with trec_eval's default length 10. */
    public RelString() {
        super("relstring", "Relevance values of the first N retrieved docs as a string", 10.0);
    }

    @Override
    BoundMeasure bind(String printedName, double[] values, boolean userParams) {
        long length = CMath.toLong(values[0]);
        return new NamedValue(printedName) {
            @Override
            double value(RankedTopic topic, EvalContext ctx) {
                return 0;
            }

            @Override
            public ValueFormat format() {
                return ValueFormat.TEXT;
            }

            @Override
            public boolean hasSummary() {
                return false;
            }

            @Override
            public String text(RankedTopic topic, EvalContext ctx) {
                if (topic.missingFromRun()) {
                    return "''";
                }
                int len = (int) Math.max(0, Math.min(length, topic.numRet()));
                StringBuilder s = new StringBuilder(len + 2).append('\'');
                long[] rels = topic.rels();
                for (int i = 0; i < len; i++) {
                    long rel = rels[i];
                    char c;
                    if (rel > 9) {
                        c = '>';
                    } else if (rel >= 0) {
                        c = (char) ('0' + rel);
                    } else if (rel == RankedTopic.NONPOOL) {
                        c = '-';
                    } else if (rel == RankedTopic.UNJUDGED) {
                        c = '.';
                    } else {
                        c = '<';
                    }
                    s.append(c);
                }
                return s.append('\'').toString();
            }
        };
    }
}
