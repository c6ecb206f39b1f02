package dev.plumbline.engines.tokenizer;

/**
 * The character classes of the Hugging Face {@code BertNormalizer} and {@code BertPreTokenizer}.
 * They are defined by Rust's {@code char} predicates and the {@code unicode_categories} crate, not
 * by Java's {@link Character#isWhitespace} (which, for example, excludes U+00A0), so each one is
 * spelled out here. Categories are Unicode 8.0's ({@link Unicode8Categories}), as in the crate.
 */
final class BertChars {
    private BertChars() {
    }

    /**
     * Rust's {@code char::is_whitespace}: the Unicode {@code White_Space} property. Java's
     * {@code Character.isWhitespace} differs (it drops no-break spaces and adds U+001C–U+001F).
     */
    static boolean isWhitespace(int c) {
        return switch (c) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /**
     * The normalizer's {@code is_control}: general category Cc, Cf or Co (not Cn: unassigned code
     * points are kept), except tab, newline and carriage return, which count as whitespace.
     */
    static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        return switch (Unicode8Categories.type(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /**
     * The pre-tokenizer's punctuation: every ASCII punctuation character (which includes symbols
     * such as {@code $ + < = > ^ ` | ~}) and every code point of general category P.
     */
    static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                    || (c >= 0x7B && c <= 0x7E);
        }
        return switch (Unicode8Categories.type(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The normalizer's "Chinese character" blocks (CJK Unified Ideographs and extensions,
     * compatibility ideographs), each of which becomes its own word.
     */
    static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** General category Mn, the marks that accent stripping removes after NFD. */
    static boolean isNonSpacingMark(int c) {
        return Unicode8Categories.type(c) == Character.NON_SPACING_MARK;
    }
}
