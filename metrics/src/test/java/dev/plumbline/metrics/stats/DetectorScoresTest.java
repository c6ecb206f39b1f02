package dev.plumbline.metrics.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorScoresTest {
    @Test
    void aurocCountsPairsAndTiesAsHalf() {
        // Positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5),(0.9>0.1),(0.5=0.5 -> 1/2),(0.5>0.1) = 3.5/4.
        double[] s = {0.9, 0.5, 0.5, 0.1};
        boolean[] y = {true, true, false, false};
        assertEquals(3.5 / 4, DetectorScores.auroc(s, y), 1e-15);
        assertTrue(Double.isNaN(DetectorScores.auroc(s, new boolean[] {true, true, true, true})));
    }

    @Test
    void thresholdMetricsFromTheConfusionMatrix() {
        double[] s = {0.9, 0.6, 0.4, 0.7, 0.2, 0.1};
        boolean[] y = {true, true, true, false, false, false};
        DetectorScores d = DetectorScores.of(s, y, 0.5);
        // tp = 2, fn = 1, fp = 1, tn = 2
        assertEquals(2 / 3.0, d.precision(), 1e-15);
        assertEquals(2 / 3.0, d.recall(), 1e-15);
        assertEquals(2 / 3.0, d.f1(), 1e-15);
        assertEquals((2 / 3.0 + 2 / 3.0) / 2, d.balancedAccuracy(), 1e-15);
        assertEquals(3, d.positives());
    }
}
