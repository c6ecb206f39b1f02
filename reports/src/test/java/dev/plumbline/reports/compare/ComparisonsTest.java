package dev.plumbline.reports.compare;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.results.Results;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonsTest {
    static MetricComparison metric(Comparison c, String engine, String metric) {
        return c.engines().stream().filter(e -> e.currentEngine().equals(engine)).findFirst().orElseThrow()
                .metrics().stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aRunComparedWithItselfShowsNoChange() {
        Results r = Fixtures.baseline();
        Comparison c = Comparisons.compare(r, r, "a", "a", 0.05);
        for (EngineComparison e : c.engines()) {
            for (MetricComparison m : e.metrics()) {
                assertEquals(0.0, m.difference(), m.metric());
                assertFalse(m.significant(), m.metric());
            }
        }
    }

    @Test
    void aRealDropIsSignificantlyWorseWithAnIntervalBelowZero() {
        Comparison c = Comparisons.compare(Fixtures.baseline(), Fixtures.current(), "b", "c", 0.05);
        MetricComparison m = metric(c, "bm25", "ndcg_cut_10");
        assertEquals("worse", m.verdict());
        assertTrue(m.ciHigh() < 0, m.toString());
        assertTrue(m.pAdjusted() >= m.p());
        assertEquals(30, m.paired());
        assertEquals(m.currentMean() - m.baselineMean(), m.difference(), 0.0);
    }

    @Test
    void undefinedAndFailedItemsAreLeftOutOfThePairsAndCounted() {
        Comparison c = Comparisons.compare(Fixtures.baseline(), Fixtures.current(), "b", "c", 0.05);
        MetricComparison m = metric(c, "dense", "faithfulness");
        assertEquals(28, m.paired());
        assertEquals(2, m.notDefined());
    }

    @Test
    void neutralMetricsAreNotTestedAndDoNotCountInTheFamily() {
        Comparison c = Comparisons.compare(Fixtures.baseline(), Fixtures.current(), "b", "c", 0.05);
        MetricComparison numRet = metric(c, "bm25", "num_ret");
        assertTrue(Double.isNaN(numRet.p()));
        assertEquals("not tested", numRet.verdict());
        assertEquals(4, c.engines().getFirst().tested());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("p-values: paired randomization test")));
    }

    @Test
    void comparisonIsDeterministic() {
        Comparison a = Comparisons.compare(Fixtures.baseline(), Fixtures.current(), "b", "c", 0.05);
        Comparison b = Comparisons.compare(Fixtures.baseline(), Fixtures.current(), "b", "c", 0.05);
        assertEquals(a, b);
    }

    @Test
    void badAlphaIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Comparisons.compare(Fixtures.baseline(), Fixtures.current(), "b", "c", 1.5));
    }
}
