package dev.plumbline.metrics.rag.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an answer into atomic claims: sentences, then independent clauses joined by ";" or by
 * ", but"/", while"/", whereas". Abbreviations ("Dr.", "e.g.") and decimals do not end a
 * sentence. A period glued to the next sentence ("the 19th century.First for Women is"), as in
 * text concatenated from several paragraphs without a space, does end one. A fragment with no
 * content word is not a claim.
 */
public final class ClaimSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co",
            "no", "fig", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "u.s", "u.k", "mt", "ft");
    private static final Pattern CLAUSE = Pattern.compile(";\\s+|,\\s+(?=(?:but|while|whereas)\\s)");

    private ClaimSplitter() {
    }

    /** The claims of a text, trimmed, in order. */
    public static List<String> split(String text) {
        List<String> claims = new ArrayList<>();
        if (text == null) {
            return claims;
        }
        for (String sentence : sentences(text)) {
            for (String clause : CLAUSE.split(sentence)) {
                String c = clause.trim();
                if (Tokenizer.tokenize(c).stream().anyMatch(Token::content)) {
                    claims.add(c);
                }
            }
        }
        return claims;
    }

    /** Sentences of a text. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n';
            if (c == '.' || c == '!' || c == '?') {
                boolean atEnd = i + 1 >= n;
                boolean spaceAfter = !atEnd && Character.isWhitespace(text.charAt(i + 1));
                end = (atEnd || spaceAfter) && !(c == '.' && isAbbreviation(text, i))
                        || c == '.' && gluedSentenceStart(text, i);
            }
            if (end) {
                add(out, text.substring(start, i + 1));
                start = i + 1;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    /**
     * A period after three or more lower-case letters and before a capitalized word
     * ("century.First"): two sentences joined without a space. Shorter runs ("Ph.D") and
     * capitals before the period ("U.S.A") are left alone.
     */
    private static boolean gluedSentenceStart(String text, int dot) {
        if (dot + 2 >= text.length() || !Character.isUpperCase(text.charAt(dot + 1))
                || !Character.isLowerCase(text.charAt(dot + 2))) {
            return false;
        }
        int letters = 0;
        for (int j = dot - 1; j >= 0 && Character.isLowerCase(text.charAt(j)); j--) {
            letters++;
        }
        return letters >= 3;
    }

    private static boolean isAbbreviation(String text, int dot) {
        int j = dot - 1;
        while (j >= 0 && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '.')) {
            j--;
        }
        String word = text.substring(j + 1, dot).toLowerCase(java.util.Locale.ROOT);
        return ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)));
    }

    private static void add(List<String> out, String s) {
        String t = s.trim();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
