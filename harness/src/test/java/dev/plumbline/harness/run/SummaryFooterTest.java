package dev.plumbline.harness.run;

import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.StatisticsConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judge table's footer says what its brackets mean only when there are brackets. */
class SummaryFooterTest {
    private static String print(boolean withProblems) {
        EngineRun.Builder b = EngineRun.builder("judge-local");
        for (String m : List.of("faithfulness", "answer_relevance", "context_precision", "context_recall")) {
            b.metric(MetricInfo.score(m, m));
        }
        for (int i = 0; i < 4; i++) {
            EngineRun.ItemBuilder item = b.item("s" + i);
            item.value("answer_relevance", 0.5).value("context_precision", 0.5).value("context_recall", 0.5);
            if (withProblems && i == 1) {
                item.undefined("faithfulness");
            } else if (withProblems && i == 2) {
                item.failed("faithfulness", "judge call failed");
            } else {
                item.value("faithfulness", 0.25 * i);
            }
        }
        Provenance p = Provenance.builder().plumbline("0-test", "abc").currentHost()
                .startedAt(Instant.EPOCH).finishedAt(Instant.EPOCH).build();
        Results r = Results.of("t", "faithfulness", StatisticsConfig.DEFAULTS, p, List.of(b.build()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Summary.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutUndefinedOrFailedValuesThereAreNoBracketsAndTheFooterSaysSo() {
        List<String> lines = print(false).lines().toList();
        assertFalse(lines.get(1).contains("["), lines.get(1));
        assertEquals("(mean over all samples; none undefined or failed)", lines.getLast());
    }

    @Test
    void undefinedAndFailedValuesAreCountedInTheBracketsTheFooterExplains() {
        List<String> lines = print(true).lines().toList();
        assertTrue(lines.get(1).contains(" [2]"), "two of four faithfulness values missing: " + lines.get(1));
        assertEquals("(mean; [n] counts the samples whose value was undefined or failed, never averaged as 0)",
                lines.getLast());
    }
}
