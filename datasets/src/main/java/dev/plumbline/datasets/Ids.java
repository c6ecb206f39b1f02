package dev.plumbline.datasets;

import dev.plumbline.datasets.io.Utf8;

import java.util.Locale;

/**
 * Which ids survive a TREC run or qrels line. Document and query ids are written into
 * {@code runs/*.trec} and read back by trec_eval's rules: fields are split on whitespace, and a
 * line whose first field starts with {@code #} is a comment. An id with a space, a tab or a line
 * break would come back as other ids and be scored silently wrong, so such ids are refused at
 * load. Control and invisible (format) characters are refused too: C tools stop at a NUL, and an
 * invisible character makes two ids that print the same differ. Text fields must be encodable as
 * UTF-8: a lone surrogate (a JSON <code>&#92;uD800</code> escape without its partner) passes a parser but
 * no writer.
 */
public final class Ids {
    private Ids() {
    }

    /**
     * Why {@code id} cannot round-trip through a TREC run or qrels line, or {@code null} when it can.
     *
     * @param kind  {@code document} or {@code query}, for the message
     * @param query whether it is a query id (the first field of a line, so it must not start with {@code #})
     */
    public static String problem(String id, String kind, boolean query) {
        if (id.isEmpty()) {
            return kind + " id is empty (expected a non-empty id)";
        }
        String surrogate = unpairedSurrogate(id, kind + " id " + show(id));
        if (surrogate != null) {
            return surrogate;
        }
        for (int i = 0, n = 1; i < id.length(); n++) {
            int cp = id.codePointAt(i);
            String what = Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? (cp == ' ' ? "a space" : "whitespace")
                    : Character.isISOControl(cp) ? "a control character"
                    : Character.getType(cp) == Character.FORMAT ? "an invisible character" : null;
            if (what != null) {
                return kind + " id " + show(id) + " has " + what + String.format(Locale.ROOT, " (U+%04X)", cp)
                        + " at character " + n + " (expected an id without whitespace, control or invisible "
                        + "characters: TREC run and qrels lines split fields on whitespace, so the id would be "
                        + "read back as another and scored wrongly; rename it)";
            }
            i += Character.charCount(cp);
        }
        if (query && id.charAt(0) == '#') {
            return kind + " id " + show(id) + " starts with # (expected a query id that does not start with #: "
                    + "trec_eval reads a run or qrels line that starts with # as a comment; rename it)";
        }
        return null;
    }

    /**
     * Why {@code text} cannot be written as UTF-8, or {@code null} when it can.
     *
     * @param what the field, for the message (e.g. {@code field "response"})
     */
    public static String unpairedSurrogate(String text, String what) {
        if (text == null) {
            return null;
        }
        int at = Utf8.firstUnpairedSurrogate(text);
        if (at < 0) {
            return null;
        }
        return what + String.format(Locale.ROOT, " has an unpaired surrogate \\u%04X", (int) text.charAt(at))
                + " at character " + (text.codePointCount(0, at) + 1) + " (expected Unicode text: a \\uD800-\\uDFFF "
                + "escape must be half of a surrogate pair, or the text cannot be written as UTF-8)";
    }

    /**
     * {@code s} in double quotes, with line breaks, control, invisible and surrogate characters
     * written as {@code \\uXXXX}, so a message stays one readable line.
     */
    public static String show(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE || cp == '\u2028' || cp == '\u2029') {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb.append('"').toString();
    }
}
