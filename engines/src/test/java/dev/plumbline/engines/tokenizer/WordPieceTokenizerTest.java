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
    void pairsFollowBertsTemplateAndTruncateTheLongerTextFirst() {
        int[] a = tokenizer.tokenize("the cat sat");
        int[] b = tokenizer.tokenize("on the mat by the door today");
        WordPieceTokenizer.Pair p = tokenizer.encodePair("the cat sat", "on the mat by the door today", 512);
        assertEquals(a.length + b.length + 3, p.ids().length);
        assertEquals(101, p.ids()[0]);
        assertEquals(102, p.ids()[a.length + 1]);
        assertEquals(102, p.ids()[p.ids().length - 1]);
        assertEquals(0, p.types()[a.length + 1], "the first [SEP] belongs to the first text");
        assertEquals(1, p.types()[a.length + 2]);
        assertEquals(1, p.types()[p.ids().length - 1]);
        // longest_first: 3 + 7 body tokens into 8 - 3 = 5. The longer would keep 5 - 3 = 2, less than
        // the shorter's 3, so both are cut: the shorter to 5 / 2 = 2, the longer to the other 3.
        WordPieceTokenizer.Pair cut = tokenizer.encodePair("the cat sat", "on the mat by the door today", 8);
        assertEquals(8, cut.ids().length);
        assertArrayEquals(new int[] {101, a[0], a[1], 102, b[0], b[1], b[2], 102}, cut.ids());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encodePair("a", "b", 3));
    }

    @Test
    void pairsEqualTheHuggingFaceTokenizersWithAndWithoutTruncation() {
        String[][] pairs = {{"Marie Curie was born in Warsaw.", "She moved to Paris in 1891, where she studied physics."},
            {"a much longer first text than the second one, with many more words in it than that", "short"},
            {"", "empty first"}, {"naïve café 東京", "İstanbul [SEP] x"}};
        for (int max : new int[] {-1, 9, 12, 16}) {
            try (HfReference ref = new HfReference(json, max)) {
                for (String[] p : pairs) {
                    int[][] want = ref.encodePair(p[0], p[1]);
                    WordPieceTokenizer.Pair got = tokenizer.encodePair(p[0], p[1], max < 0 ? 512 : max);
                    assertArrayEquals(want[0], got.ids(), "ids, max " + max + ": " + p[0] + " | " + p[1]);
                    assertArrayEquals(want[1], got.types(), "types, max " + max);
                }
            }
        }
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
