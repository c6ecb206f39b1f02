package dev.plumbline.engines.tokenizer;

import dev.plumbline.engines.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordPieceTokenizerTest {
    private static byte[] json;
    private static WordPieceTokenizer tokenizer;
    private static HfReference reference;

    @BeforeAll
    static synchronized void load() {
        if (reference != null) {
            return;
        }
        json = TestModels.files("minilm-l6").tokenizerJson();
        tokenizer = WordPieceTokenizer.fromJson(json, "minilm-l6");
        reference = new HfReference(json);
    }

    @AfterAll
    static synchronized void close() {
        if (reference != null) {
            reference.close();
            reference = null;
        }
    }

    /** The untruncated reference (after {@link #load}). */
    static HfReference reference() {
        return reference;
    }

    @Test
    void knownIds() {
        // Ids checked against the Hugging Face tokenizer (tokenizers 0.21): the literal [SEP] is
        // the special token, accents are stripped, CJK ideographs are single words, the emoji is
        // unknown, and İ lowercases to i + a combining dot that accent stripping removes.
        assertArrayEquals(new int[] {101, 7592, 1010, 2088, 999, 102, 15743, 7668, 1879, 1755, 100, 9960, 102},
                tokenizer.encode("Hello, world! [SEP] naïve café 東京 🙂 İstanbul", 512));
        assertArrayEquals(new int[] {101, 102}, tokenizer.encode("", 512));
        // Σ lowercases to σ even word-finally (no context rule); ZWJ (Cf) is removed, joining x and y.
        assertArrayEquals(new int[] {101, 1173, 14608, 29733, 1984, 1060, 2100, 102},
                tokenizer.encode("ΣΑΣ ﬁ x\u200dy", 512));
    }

    @Test
    void truncationKeepsTheSpecialTokens() {
        int[] full = tokenizer.encode("one two three four five six", 512);
        int[] cut = tokenizer.encode("one two three four five six", 5);
        assertEquals(8, full.length);
        assertArrayEquals(new int[] {full[0], full[1], full[2], full[3], full[7]}, cut);
        assertEquals(101, cut[0]);
        assertEquals(102, cut[4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("x", 2));
        assertTrue(e.getMessage().contains("maxTokens must exceed the 2 special tokens"), e.getMessage());
    }

    @Test
    void wordsPastTheCharacterLimitAreUnknown() {
        assertArrayEquals(new int[] {tokenizer.unkId()}, tokenizer.tokenize("a".repeat(101)));
        assertTrue(tokenizer.tokenize("a".repeat(100)).length > 1);
        // The limit counts code points, not UTF-16 units: 60 supplementary ideographs are 60 words
        // after CJK splitting, but 60 Gothic letters are one 60-code-point word.
        assertEquals(1, tokenizer.tokenize("\uD800\uDF30".repeat(60)).length);
    }

    @Test
    void agreesWithHuggingFaceOnThousandsOfVariedStrings() {
        List<String> texts = VariedText.generate(3000, 20251129L);
        assertAgrees(texts, reference, Integer.MAX_VALUE);
        try (HfReference truncating = new HfReference(json, 256)) {
            assertAgrees(texts, truncating, 256);
        }
        try (HfReference tiny = new HfReference(json, 7)) {
            assertAgrees(texts, tiny, 7);
        }
    }

    @Test
    void agreesWithHuggingFaceOnASampleOfAllCodePoints() {
        // Every 37th code point plus every one near a Unicode-8.0 difference; the full sweep is in
        // TokenizerCorpusAgreementTest (real-data suite).
        List<String> texts = new ArrayList<>();
        for (int cp = 0; cp <= 0x10FFFF; cp += 37) {
            addProbe(texts, cp);
        }
        for (int cp : new int[] {0x061D, 0x07FD, 0x166D, 0x1734, 0x1885, 0x1886, 0xA9BD, 0x111C9, 0x1171E, 0x2E43,
                0x1AC0, 0x1E000, 0x1F972, 0xE000, 0x0378, 0x2B820, 0x2B920}) {
            for (int d = -2; d <= 2; d++) {
                addProbe(texts, cp + d);
            }
        }
        assertAgrees(texts, reference, Integer.MAX_VALUE);
    }

    /** A code point alone, inside a word, after a capital and after a space. */
    static void addProbe(List<String> texts, int cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return;
        }
        String c = new String(Character.toChars(cp));
        texts.add("x" + c + "Y" + c + " a" + c);
    }

    static void assertAgrees(List<String> texts, HfReference ref, int maxTokens) {
        int[][] expected = ref.encode(texts);
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            int[] actual = tokenizer.encode(texts.get(i), maxTokens);
            if (!Arrays.equals(expected[i], actual)) {
                if (mismatches++ < 3) {
                    first.append("\n  ").append(escape(texts.get(i))).append("\n    hf:   ")
                            .append(Arrays.toString(expected[i])).append("\n    ours: ").append(Arrays.toString(actual));
                }
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + texts.size() + " texts differ (maxTokens " + maxTokens + "):"
                + first);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u{%X}", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    @Test
    void rejectsTokenizersItDoesNotImplement() {
        String bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson(bpe.getBytes(StandardCharsets.UTF_8), "x/tokenizer.json"));
        assertTrue(e.getMessage().startsWith("x/tokenizer.json: unsupported model.type 'BPE'"), e.getMessage());
        String sentencePiece = new String(json, StandardCharsets.UTF_8)
                .replace("\"type\": \"BertPreTokenizer\"", "\"type\": \"Metaspace\"")
                .replace("\"type\":\"BertPreTokenizer\"", "\"type\":\"Metaspace\"");
        e = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson(sentencePiece.getBytes(StandardCharsets.UTF_8), "t.json"));
        assertTrue(e.getMessage().contains("unsupported pre_tokenizer 'Metaspace'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson("{oops".getBytes(StandardCharsets.UTF_8), "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json: not valid JSON"), e.getMessage());
    }

    @Test
    void specialTokenIdsComeFromTheFile() {
        assertArrayEquals(new int[] {101}, tokenizer.prefixIds());
        assertArrayEquals(new int[] {102}, tokenizer.suffixIds());
        assertEquals(0, tokenizer.padId());
        assertEquals(100, tokenizer.unkId());
        assertEquals(30522, tokenizer.vocabSize());
        assertEquals("[CLS]", tokenizer.token(101));
        assertEquals("##ing", tokenizer.token(2075));
    }
}
