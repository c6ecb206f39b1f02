package dev.plumbline.metrics.ir;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureSelectionTest {
    private static List<String> names(String... args) {
        return MeasureSelection.parse(List.of(args)).stream().flatMap(m -> m.names().stream()).toList();
    }

    @Test
    void measuresComeInTrecEvalOrderNotCommandLineOrder() {
        assertEquals(List.of("map", "recip_rank", "P_5", "ndcg_cut_10"), names("ndcg_cut.10", "P.5", "recip_rank", "map"));
    }

    @Test
    void firstParametersForAMeasureWin() {
        assertEquals(List.of("P_5"), names("P.5", "P.10"));
    }

    @Test
    void cutoffsAreSortedAndReadWithAtol() {
        assertEquals(List.of("ndcg_cut_10", "ndcg_cut_20", "ndcg_cut_23"), names("ndcg_cut.20,23.4,10"));
    }

    @Test
    void noMeasureMeansOfficial() {
        List<String> official = names();
        assertEquals("runid", official.get(0));
        assertTrue(official.contains("gm_map") && official.contains("P_1000"));
        assertTrue(!official.contains("ndcg"));
    }

    @Test
    void badMeasuresNameTheFix() {
        IrInputException unknown = assertThrows(IrInputException.class, () -> names("ndcg@10"));
        assertTrue(unknown.getMessage().contains("ndcg_cut.10"), unknown.getMessage());
        assertThrows(IrInputException.class, () -> names("P.0"));
        assertThrows(IrInputException.class, () -> names("P.5,5"));
        assertThrows(IrInputException.class, () -> names("P."));
    }
}
