package dev.plumbline.reports.hallucination;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.results.EngineRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectionQualityTest {
    private final EngineRun judge = Fixtures.withTexts().engine("judge-local");

    @Test
    void scoresTheJudgeAgainstTheLabels() {
        DetectionQuality q = DetectionQuality.of(judge);
        assertEquals(20, q.scores().n());
        assertEquals(10, q.scores().positives());
        assertEquals(9, q.truePositives());
        assertEquals(1, q.falseNegatives(), "s04 missed");
        assertEquals(1, q.falsePositives(), "s05 a false alarm");
        assertEquals(9, q.trueNegatives());
        assertEquals(0.9, q.scores().balancedAccuracy(), 1e-12);
        // By hand (Mann-Whitney): 9 + 8 × 10 + 2 pairs of 100 ordered correctly (see Fixtures.judge).
        assertEquals(0.91, q.scores().auroc(), 1e-12);
        assertEquals(List.of("faithful", "changed_number", "swapped_entity"), List.copyOf(q.confusion().keySet()));
        assertEquals(new DetectionQuality.Confusion(10, 1), q.confusion().get("faithful"));
        assertEquals(new DetectionQuality.Confusion(5, 4), q.confusion().get("swapped_entity"), "s04 is swapped_entity");
        assertArrayEquals(new double[] {0, 0}, q.roc().getFirst());
        assertArrayEquals(new double[] {1, 1}, q.roc().getLast());
        for (int k = 1; k < q.roc().size(); k++) {
            assertTrue(q.roc().get(k)[0] >= q.roc().get(k - 1)[0] && q.roc().get(k)[1] >= q.roc().get(k - 1)[1],
                    "the ROC curve never goes back");
        }
    }

    @Test
    void misclassifiedComeFirstMostConfidentMistakeFirst() {
        List<Integer> order = DetectionQuality.drillDownOrder(judge);
        assertEquals(20, order.size());
        assertEquals("s04", judge.itemIds().get(order.get(0)), "missed hallucination, lowest score");
        assertEquals("s05", judge.itemIds().get(order.get(1)), "false alarm");
        assertTrue(DetectionQuality.misclassified(judge, order.get(0)));
        assertEquals("s01", judge.itemIds().get(order.get(2)), "then the rest in item order");
    }

    @Test
    void noLabelsNoQuality() {
        assertNull(DetectionQuality.of(Fixtures.current().engine("dense")));
    }
}
