package dev.plumbline.harness.generate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExtractiveGeneratorTest {
    private static Generator open(Map<String, String> options) {
        return Generators.open(Generators.config("extractive", "extractive", "generators[0]", options));
    }

    @Test
    void answersWithTheSentenceSharingMostQuestionWords() {
        Generator g = open(Map.of());
        List<String> contexts = List.of("The weather was mild. Prices of wool rose slightly.",
                "The keeper's log of the Harvel lighthouse records a storm tide of 143 centimetres in 1911. It rained.");
        assertEquals("The keeper's log of the Harvel lighthouse records a storm tide of 143 centimetres in 1911.",
                g.generate("What storm tide does the keeper's log of the Harvel lighthouse record?", contexts).text());
        // Deterministic, and with nothing in common it answers the top context's first sentence.
        assertEquals("The weather was mild.", g.generate("Who won the prize?", contexts).text());
        assertEquals(g.generate("storm tide", contexts), g.generate("storm tide", contexts));
        assertEquals("", g.generate("anything", List.of()).text());
    }

    @Test
    void tiesGoToTheBetterRankedContextAndMoreSentencesCanBeAsked() {
        Generator two = open(Map.of("sentences", "2"));
        List<String> contexts = List.of("The bridge opened in 1932.", "The bridge opened in 1933. It is red.");
        assertEquals("The bridge opened in 1932. The bridge opened in 1933.",
                two.generate("When did the bridge open?", contexts).text());
        assertEquals("generators[0].sentences: must be an integer from 1 to 20, got '0'",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> open(Map.of("sentences", "0"))).getMessage());
    }
}
