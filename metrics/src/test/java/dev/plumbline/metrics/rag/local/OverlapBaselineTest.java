package dev.plumbline.metrics.rag.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverlapBaselineTest {
    @Test
    void theShareOfContentWordsInNoContext() {
        List<String> contexts = List.of("Marie Curie won the Nobel Prize in Physics in 1903.", "She was born in Warsaw.");
        assertEquals(0.0, OverlapBaseline.unsupportedShare("Curie was born in Warsaw.", contexts));
        // content words: curie, born, paris (stopwords "was", "in" left out): one of three unsupported
        assertEquals(1.0 / 3, OverlapBaseline.unsupportedShare("Curie was born in Paris.", contexts), 1e-12);
        assertEquals(1.0, OverlapBaseline.unsupportedShare("Einstein lectured Princeton.", contexts));
        assertEquals(0.0, OverlapBaseline.unsupportedShare("It was.", contexts), "no content words");
        assertEquals(1.0, OverlapBaseline.unsupportedShare("Curie won 1911.", List.of()) , 1e-12);
    }
}
