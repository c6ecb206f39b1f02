package dev.plumbline.engines.tokenizer;

import java.text.Normalizer;

/**
 * The Hugging Face {@code BertNormalizer}, step for step and in the same order: clean text (drop
 * NUL, U+FFFD and control characters, turn whitespace into spaces), put spaces around CJK
 * ideographs, strip accents (NFD, then drop non-spacing marks), lowercase.
 *
 * @param cleanText          drop control characters and map whitespace to {@code ' '}
 * @param handleChineseChars surround CJK ideographs with spaces so each is its own word
 * @param stripAccents       NFD and drop marks; {@code tokenizer.json}'s {@code null} means "as lowercase"
 * @param lowercase          lowercase each code point (full mapping, no context rules)
 */
public record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

    /** Normalizes {@code text}; the result may be longer (spaces, decompositions) or shorter. */
    public String normalize(String text) {
        String s = text;
        if (cleanText) {
            s = cleanText(s);
        }
        if (handleChineseChars) {
            s = spaceChineseChars(s);
        }
        if (stripAccents) {
            s = stripAccents(s);
        }
        if (lowercase) {
            s = lowercase(s);
        }
        return s;
    }

    private static String cleanText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || BertChars.isControl(c)) {
                continue;
            }
            if (BertChars.isWhitespace(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static String spaceChineseChars(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (BertChars.isChineseChar(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(' ').appendCodePoint(c).append(' ');
            } else if (out != null) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out == null ? s : out.toString();
    }

    private static String stripAccents(String s) {
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); ) {
            int c = nfd.codePointAt(i);
            i += Character.charCount(c);
            if (!BertChars.isNonSpacingMark(c)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Rust's {@code char::to_lowercase} applied code point by code point: the full mapping, so
     * U+0130 (İ) becomes "i̇", but no context-sensitive rule, so a word-final Σ becomes σ, not ς
     * as {@link String#toLowerCase} would make it.
     */
    private static String lowercase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0x130) {
                // The one unconditional multi-character lowercase mapping in SpecialCasing.txt.
                out.append('i').append('\u0307');
            } else {
                out.appendCodePoint(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
