package dev.plumbline.engines.tokenizer;

import dev.plumbline.engines.SharedData;
import dev.plumbline.engines.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Exact agreement with the Hugging Face tokenizer on real corpora and on every code point. */
@Tag("real-data")
class TokenizerCorpusAgreementTest {
    private static List<String> texts;

    @BeforeAll
    static void load() {
        WordPieceTokenizerTest.load();
        texts = new ArrayList<>();
        for (String dataset : List.of("scifact", "arguana")) {
            texts.addAll(SharedData.corpus(dataset).values());
            texts.addAll(SharedData.queries(dataset).values());
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void close() {
        WordPieceTokenizerTest.close();
    }

    @Test
    void everyDocumentAndQueryOfSciFactAndArguAna() {
        WordPieceTokenizerTest.assertAgrees(texts, WordPieceTokenizerTest.reference(), Integer.MAX_VALUE);
        System.out.println("tokenizer agreement: " + texts.size() + " SciFact + ArguAna texts identical, untruncated");
    }

    @Test
    void everyDocumentTruncatedAsTheModelsTruncate() {
        for (int max : new int[] {256, 512}) {
            try (HfReference ref = new HfReference(TestModels.files("minilm-l6").tokenizerJson(), max)) {
                WordPieceTokenizerTest.assertAgrees(texts, ref, max);
            }
        }
    }

    @Test
    void everyCodePoint() {
        List<String> probes = new ArrayList<>();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            WordPieceTokenizerTest.addProbe(probes, cp);
            if (probes.size() == 8192 || cp == 0x10FFFF) {
                WordPieceTokenizerTest.assertAgrees(probes, WordPieceTokenizerTest.reference(), Integer.MAX_VALUE);
                probes.clear();
            }
        }
    }
}
