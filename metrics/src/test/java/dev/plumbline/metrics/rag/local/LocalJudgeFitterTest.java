package dev.plumbline.metrics.rag.local;

import dev.plumbline.metrics.rag.RagInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalJudgeFitterTest {
    private static List<LocalJudgeFitter.LabelledSample> samples() {
        String[] cities = {"Oslo", "Lima", "Quito", "Hanoi", "Accra", "Riga"};
        List<LocalJudgeFitter.LabelledSample> out = new ArrayList<>();
        for (int i = 0; i < cities.length; i++) {
            String ctx = "The Vell Institute moved to " + cities[i] + " in " + (1950 + i) + " and employs "
                    + (120 + i) + " people.";
            String q = "Where did the Vell Institute move?";
            // Faithful answers paraphrase (lower word coverage than the hallucinated ones), so word
            // coverage alone cannot separate the classes: the name and number checks must.
            out.add(new LocalJudgeFitter.LabelledSample(new RagInput("f" + i, q,
                    "In " + (1950 + i) + ", the Vell Institute relocated its offices to " + cities[i] + ".",
                    List.of(ctx), null), false, "toy"));
            out.add(new LocalJudgeFitter.LabelledSample(new RagInput("h" + i, q,
                    "The Vell Institute moved to " + cities[(i + 1) % cities.length] + " in " + (1950 + i) + ".",
                    List.of(ctx), null), true, "toy"));
            out.add(new LocalJudgeFitter.LabelledSample(new RagInput("n" + i, q,
                    "The Vell Institute moved to " + cities[i] + " in " + (1960 + i) + ".", List.of(ctx), null), true, "toy"));
        }
        return out;
    }

    @Test
    void fittingSeparatesSwappedNamesAndChangedYears() {
        LocalJudgeFitter.Fit fit = LocalJudgeFitter.fit(samples(), LocalJudge.lexical());
        assertEquals(1.0, fit.detection().balancedAccuracy(), fit.toString());
        assertEquals(18, fit.samples());
        assertTrue(fit.parameters().entityWeight() > 0 && fit.parameters().numberWeight() > 0, fit.toString());
        // The fast grid evaluation agrees with running the judge itself.
        assertEquals(fit.detection(), LocalJudgeFitter.evaluate(samples(), new LocalJudge(fit.parameters())));
    }

    @Test
    void fittingIsDeterministic() {
        assertEquals(LocalJudgeFitter.fit(samples(), LocalJudge.lexical()),
                LocalJudgeFitter.fit(samples(), LocalJudge.lexical()));
    }

    @Test
    void embeddingModeFitsTheEmbeddingWeightAndAgreesWithTheJudge() {
        LocalJudgeParameters start = new LocalJudgeParameters(0.6, 0.5, 0.5, 0.5, 0.3, 0.5, "hashing-64");
        HashingEmbedder embedder = new HashingEmbedder();
        LocalJudgeFitter.Fit fit = LocalJudgeFitter.fit(samples(), new LocalJudge(start, embedder));
        assertEquals(5 * 5 * 5 * 5 * 17, fit.gridPoints());
        assertEquals("hashing-64", fit.parameters().embeddingModel());
        assertEquals(1.0, fit.detection().balancedAccuracy(), fit.toString());
        assertEquals(fit.detection(), LocalJudgeFitter.evaluate(samples(), new LocalJudge(fit.parameters(), embedder)));
        assertEquals(fit, LocalJudgeFitter.fit(samples(), new LocalJudge(start, new HashingEmbedder())));
    }
}
