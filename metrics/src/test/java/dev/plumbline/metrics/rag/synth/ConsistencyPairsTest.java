package dev.plumbline.metrics.rag.synth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsistencyPairsTest {
    private static final String PASSAGE = "Marie Curie was born in Warsaw in 1867. She moved to Paris, where Pierre Curie"
            + " worked. In 1903 the Nobel Committee awarded the prize to Pierre Curie and Henri Becquerel. His"
            + " laboratory was not large.";

    private static String apply(Transform t, String sentence) {
        return t.apply(sentence, PASSAGE, new SplittableRandom(1)).orElse(null);
    }

    @Test
    void eachTransformMakesItsEdit() {
        String born = "Marie Curie was born in Warsaw in 1867.";
        Map<String, Transform> t = Transform.all().stream().collect(Collectors.toMap(Transform::name, x -> x));
        assertEquals(born, apply(t.get("copy"), born));
        String entity = apply(t.get("entity-swap"), born);
        assertNotEquals(born, entity);
        assertTrue(entity.contains("Paris") || entity.contains("Pierre Curie") || entity.contains("Nobel Committee")
                || entity.contains("Henri Becquerel"), entity);
        assertEquals("Marie Curie was born in Warsaw in 1903.", apply(t.get("number-swap"), born));
        assertEquals("Marie Curie was not born in Warsaw in 1867.", apply(t.get("negation"), born));
        assertEquals("His laboratory was large.", apply(t.get("negation"), "His laboratory was not large."));
        assertEquals("He moved to Paris, where Pierre Curie worked.",
                apply(t.get("pronoun-swap"), "She moved to Paris, where Pierre Curie worked."));
        assertEquals("Marie Curie was born in Warsaw in 1867.".replace("Marie Curie", "Warsaw").replaceFirst(
                "in Warsaw", "in Marie Curie"), apply(t.get("relation-swap"), born));
        assertEquals("She moved to Paris, where Pierre Curie worked. Marie Curie was born in Warsaw in 1867.",
                apply(t.get("sentence-order"), born), "the next sentence first");
        assertEquals("His laboratory was not large. In 1903 the Nobel Committee awarded the prize to Pierre Curie and"
                + " Henri Becquerel.", apply(t.get("sentence-order"), "His laboratory was not large."),
                "the last sentence after the one before it");
        assertEquals("Ada Lovelace moved to London.", apply(t.get("paraphrase"), "Ada Lovelace moved to London, where she lived."));
        assertEquals("Ada was big.", apply(t.get("paraphrase"), "Ada was large."));
        assertEquals("Ada (1815) was here.".replace(" (1815)", ""), apply(t.get("paraphrase"), "Ada (1815) was here."));
        assertEquals(null, apply(t.get("paraphrase"), "Ada was here."));
        assertEquals(null, apply(t.get("number-swap"), "She moved to Paris."));
        assertEquals(null, apply(t.get("relation-swap"), "She moved to Paris."));
    }

    @Test
    void pairsAreBalancedLabelledAndDeterministic() {
        List<String> passages = List.of(PASSAGE, "The river Thames flows through London. It is 346 km long.",
                "plain words only here");
        List<ConsistencyPairs.Pair> pairs = ConsistencyPairs.generate(passages, 3, 10, 7);
        assertEquals(pairs, ConsistencyPairs.generate(passages, 3, 10, 7));
        assertNotEquals(pairs, ConsistencyPairs.generate(passages, 3, 10, 8));
        long supported = pairs.stream().filter(ConsistencyPairs.Pair::supported).count();
        assertEquals(pairs.size() - supported, supported, "one unsupported edit per supported claim");
        assertTrue(pairs.size() >= 8, pairs.size() + " pairs");
        for (ConsistencyPairs.Pair p : pairs) {
            assertEquals(passages.get(p.source()), p.context());
            assertEquals(p.supported(), Transform.all().stream().filter(x -> x.name().equals(p.transform()))
                    .findFirst().orElseThrow().supported(), p.transform());
            if (p.transform().equals("copy")) {
                assertTrue(p.context().contains(p.claim()), p.claim());
            } else if (!p.supported()) {
                assertTrue(!p.context().contains(p.claim()), "an edit is not a sentence of the passage: " + p.claim());
            }
        }
        assertTrue(pairs.stream().noneMatch(p -> p.source() == 2), "a passage with nothing to edit gives no pairs");
    }
}
