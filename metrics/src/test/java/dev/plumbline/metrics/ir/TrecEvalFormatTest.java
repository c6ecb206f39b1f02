package dev.plumbline.metrics.ir;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrecEvalFormatTest {
    private static String f(double v) {
        StringBuilder sb = new StringBuilder();
        TrecEvalFormat.appendFixed4(sb, v);
        return sb.toString();
    }

    @Test
    void roundsTheExactBinaryValueLikeGlibc() {
        assertEquals("0.3333", f(1 / 3.0));
        assertEquals("0.6667", f(2 / 3.0));
        // 0.00005 is stored just above 5e-5, so it rounds up; 0.03125 is an exact tie -> even.
        assertEquals("0.0001", f(0.00005));
        assertEquals("0.0312", f(0.03125));
        assertEquals("0.0938", f(0.09375));
        assertEquals("1.0000", f(1));
        assertEquals("-32.4167", f(-32.416666666666664));
        assertEquals("-0.0000", f(-0.0));
        assertEquals("-0.0000", f(-0.00001));
        assertEquals("   nan", f(Double.NaN));
        assertEquals("   inf", f(Double.POSITIVE_INFINITY));
    }

    @Test
    void linesPadNamesTo22ColumnsAndPrintSummaryAfterTopics() {
        IrResults r = IrEvaluator.of(Fixtures.qrels(), java.util.List.of("num_ret", "P.5"), EvalParams.DEFAULTS)
                .evaluate(Fixtures.run());
        StringBuilder out = new StringBuilder();
        TrecEvalFormat.write(r, true, out);
        String[] lines = out.toString().split("\n");
        assertEquals("num_ret               \tq1\t6", lines[0]);
        assertEquals("P_5                   \tq1\t0.6000", lines[1]);
        assertEquals("num_ret               \tall\t12", lines[6]);
        assertEquals("P_5                   \tall\t0.2667", lines[7]);
        assertEquals(8, lines.length);
    }
}
