package dev.plumbline.metrics.ir;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void commonSpellingsGetTrecEvalsNameAsADidYouMean() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ndcg@10", "ndcg_cut.10");
        expected.put("NDCG@10", "ndcg_cut.10");
        expected.put("nDCG@10", "ndcg_cut.10");
        expected.put("ndcg10", "ndcg_cut.10");
        expected.put("ndcg_cut_10", "ndcg_cut.10");
        expected.put("recall@100", "recall.100");
        expected.put("R@100", "recall.100");
        expected.put("recall_100", "recall.100");
        expected.put("P@5", "P.5");
        expected.put("precision@10", "P.10");
        expected.put("P_5", "P.5");
        expected.put("map@100", "map_cut.100");
        expected.put("MAP", "map");
        expected.put("mrr", "recip_rank");
        expected.put("MRR", "recip_rank");
        expected.put("MRR@10", "recip_rank (trec_eval's MRR has no cutoff; -M 10 cuts every ranking at 10)");
        expected.put("success@5", "success.5");
        expected.put("R-Prec", "Rprec");
        expected.put("rprec", "Rprec");
        expected.put("NDCG", "ndcg");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), MeasureSpellings.suggest(e.getKey()), e.getKey());
        }
        for (String exact : List.of("ndcg_cut", "recip_rank", "P", "all_trec")) {
            assertNull(MeasureSpellings.suggest(exact), exact + " is already trec_eval's");
        }
        assertNull(MeasureSpellings.suggest("faithfulness"));
        assertNull(MeasureSpellings.suggest("bleu@4"));
    }

    @Test
    void unknownMeasureMessageLeadsWithTheSuggestion() {
        assertEquals("unknown measure 'ndcg@10'; use a trec_eval name: did you mean ndcg_cut.10? (every name: plumbline "
                + "trec-eval --list-measures)", assertThrows(IrInputException.class, () -> names("ndcg@10")).getMessage());
        assertEquals("unknown measure 'NDCG.5,10'; use a trec_eval name: did you mean ndcg.5,10? (every name: plumbline "
                + "trec-eval --list-measures)", assertThrows(IrInputException.class, () -> names("NDCG.5,10")).getMessage());
        assertTrue(assertThrows(IrInputException.class, () -> names("bleu")).getMessage()
                .startsWith("unknown measure 'bleu'; use a trec_eval name such as map, P.10, ndcg_cut.10"));
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
