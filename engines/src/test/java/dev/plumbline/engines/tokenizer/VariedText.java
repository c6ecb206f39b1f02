package dev.plumbline.engines.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic varied test strings for tokenizer agreement: English words and punctuation,
 * accents (precomposed and combining), many scripts, CJK (including supplementary-plane
 * ideographs), emoji sequences (skin tones, ZWJ families, flags, variation selectors), every kind
 * of whitespace and control character, the special tokens themselves, words past the 100-character
 * WordPiece limit, random code points from every plane, and a few very long inputs.
 */
final class VariedText {
    private static final String[] PIECES = {
        "the", "The", "protein", "Vitamin-D", "don't", "U.S.", "e-mail", "3.14159", "1,000,000", "COVID-19", "$5",
        "a+b=c", "<tag>", "x^2", "`code`", "pipe|tilde~", "50%", "#hashtag", "@user", "naïve", "café", "Ångström",
        "Straße", "ﬁnancial", "İstanbul", "ıi", "e\u0301", "n\u0303o", "\u00c5\u030a", "ΣΟΦΙΑ", "σοφίας", "ΌΣΟΣ",
        "Москва", "ЁЖИК", "مرحبا", "שָׁלוֹם", "नमस्ते", "สวัสดี", "한국어", "안녕하세요", "カタカナ", "ひらがな", "東京",
        "中文字符", "\uD840\uDC00\uD840\uDC01", "\uD869\uDF00", "🙂", "👍🏽", "👨\u200D👩\u200D👧", "🇫🇷", "❤\uFE0F",
        "1\uFE0F\u20E3", "🥲", "🫠", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "\u200B", "\uFEFF", "\u0000",
        "\u0007", "\u001F", "\u0085", "\uFFFD", "\u00AD", "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", "[SEP", "[sep]",
        "[[MASK]]", "…", "—", "«quote»", "“smart”", "¿qué?", "¡hola!", "℃", "№", "½", "²", "Ⅻ", "ﬀ", "Ａｂｃ", "ｶﾀｶﾅ",
        "\u0610", "\u061D", "\u07FD", "\u1734", "\u166D", "\uA9BD",
    };

    private VariedText() {
    }

    /** {@code n} strings from seed {@code seed}; about one in 200 is thousands of words long. */
    static List<String> generate(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = r.nextInt(200) == 0 ? 1500 + r.nextInt(1500) : 1 + r.nextInt(24);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                switch (r.nextInt(10)) {
                    case 0 -> randomCodePoints(r, sb, 1 + r.nextInt(4));
                    case 1 -> sb.append("x".repeat(90 + r.nextInt(20))); // around the 100-char word limit
                    default -> sb.append(PIECES[r.nextInt(PIECES.length)]);
                }
                switch (r.nextInt(6)) {
                    case 0 -> { } // glue words together
                    case 1 -> sb.append(PIECES[r.nextInt(PIECES.length)].charAt(0) == '[' ? "" : ",");
                    default -> sb.append(' ');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static void randomCodePoints(Random r, StringBuilder sb, int count) {
        for (int i = 0; i < count; i++) {
            int cp;
            do {
                cp = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(0x80);
                    case 1 -> r.nextInt(0x3000);
                    case 2 -> r.nextInt(0x10000);
                    default -> r.nextInt(0x110000);
                };
            } while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
        }
    }
}
