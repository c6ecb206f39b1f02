package dev.plumbline.metrics.rag.local;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits text into {@link Token}s for the lexical grounding checks. Numbers are normalized so
 * "1,200", "1200" and "1200.0" compare equal, and number words up to twenty and the tens
 * ("twelve", "forty") read as digits.
 */
public final class Tokenizer {
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "else", "of", "in", "on", "at", "to", "for", "from",
            "by", "with", "as", "into", "onto", "about", "over", "under", "after", "before", "between", "during",
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had",
            "having", "it", "its", "this", "that", "these", "those", "there", "here", "he", "she", "they", "them",
            "his", "her", "their", "theirs", "him", "we", "us", "our", "you", "your", "i", "me", "my", "mine",
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "so", "such", "than", "too",
            "very", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "also", "just",
            "only", "both", "each", "any", "some", "all", "more", "most", "other", "same", "own", "s", "'s", "up",
            "out", "off", "again", "further", "once", "yes", "because", "while", "until", "through", "per", "via",
            "etc", "e.g", "i.e", "one's", "known", "called", "named");
    private static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "n't", "without", "cannot", "nowhere");
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"),
            Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("sixty", "60"),
            Map.entry("seventy", "70"), Map.entry("eighty", "80"), Map.entry("ninety", "90"),
            Map.entry("hundred", "100"), Map.entry("thousand", "1000"), Map.entry("million", "1000000"));

    private Tokenizer() {
    }

    /** Tokens of a text in order. */
    public static List<Token> tokenize(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2019', '\'');
        List<Token> out = new ArrayList<>();
        int i = 0;
        boolean sentenceStart = true;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isDigit(t.charAt(j))
                        || ((t.charAt(j) == ',' || t.charAt(j) == '.') && j + 1 < n && Character.isDigit(t.charAt(j + 1))))) {
                    j++;
                }
                String raw = t.substring(i, j);
                String norm = canonicalNumber(raw);
                out.add(new Token(raw, norm, norm, true, false, false, false));
                sentenceStart = false;
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '-'
                        || (t.charAt(j) == '\'' && j + 1 < n && Character.isLetter(t.charAt(j + 1))))) {
                    j++;
                }
                String raw = t.substring(i, j);
                addWord(out, raw, sentenceStart);
                sentenceStart = false;
                i = j;
            } else {
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"') {
                    sentenceStart = true;
                }
                i++;
            }
        }
        return out;
    }

    private static void addWord(List<Token> out, String raw, boolean sentenceStart) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.endsWith("n't")) {
            String base = lower.substring(0, lower.length() - 3);
            if (!base.isEmpty()) {
                out.add(word(raw.substring(0, base.length()), base, false));
            }
            out.add(word("n't", "n't", false));
            return;
        }
        if (lower.endsWith("'s")) {
            lower = lower.substring(0, lower.length() - 2);
            raw = raw.substring(0, raw.length() - 2);
        }
        String number = NUMBER_WORDS.get(lower);
        if (number != null) {
            out.add(new Token(raw, number, number, true, false, false, false));
            return;
        }
        boolean capitalized = !sentenceStart && Character.isUpperCase(raw.charAt(0));
        out.add(word(raw, lower, capitalized));
    }

    private static Token word(String raw, String lower, boolean capitalized) {
        boolean stop = STOPWORDS.contains(lower);
        return new Token(raw, lower, Stemmer.stem(lower), false, capitalized && !stop, stop, NEGATIONS.contains(lower));
    }

    /** "1,200.50" → "1200.5"; "007" → "7". Commas are read as thousands separators. */
    static String canonicalNumber(String raw) {
        String s = raw.replace(",", "");
        int dot = s.indexOf('.');
        if (dot >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        s = s.replaceFirst("^0+(?=\\d)", "");
        return s;
    }
}
