package dev.plumbline.engines.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where sentences, paragraphs, lines and words sit in a text, as {@code [start, end)} character
 * ranges with the surrounding white space left out. Rules, not a model, so every machine splits
 * alike: a sentence ends at {@code .}, {@code !} or {@code ?} (with closing quotes or brackets)
 * followed by white space and then an upper-case letter, a digit or an opening quote/bracket, unless
 * the word before the stop is a common abbreviation ({@code e.g.}, {@code et al.}, {@code Fig.}) or
 * a single letter (an initial).
 */
public final class TextSpans {
    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "al", "fig", "figs", "eq", "eqs", "vs",
            "dr", "mr", "mrs", "ms", "prof", "st", "no", "approx", "ca", "cf", "resp", "ref", "refs", "vol", "inc",
            "ltd", "jr", "sr", "etc", "u.s", "u.k");

    private TextSpans() {
    }

    /** The sentences of {@code text}. */
    public static List<int[]> sentences(String text) {
        return sentences(text, 0, text.length());
    }

    /** The sentences of {@code text} within {@code [from, to)}. */
    public static List<int[]> sentences(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && !abbreviation(text, from, i, c)) {
                int end = i + 1;
                while (end < to && "\"')]”’".indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                int next = end;
                while (next < to && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next == to || next > end && startsSentence(text.charAt(next))) {
                    add(text, start, end, out);
                    start = next;
                    i = next;
                    continue;
                }
            }
            i++;
        }
        add(text, start, to, out);
        return out;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"'([“‘".indexOf(c) >= 0;
    }

    /** Whether the stop at {@code dot} ends an abbreviation or an initial rather than a sentence. */
    private static boolean abbreviation(String text, int from, int dot, char c) {
        if (c != '.') {
            return false;
        }
        int w = dot;
        while (w > from && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word);
    }

    /** Paragraphs: text between blank lines (a line break, optional white space, a line break). */
    public static List<int[]> paragraphs(String text, int from, int to) {
        return splitOn(text, from, to, java.util.regex.Pattern.compile("\\R[ \\t\\x0B\\f]*\\R\\s*"));
    }

    /** Lines: text between line breaks. */
    public static List<int[]> lines(String text, int from, int to) {
        return splitOn(text, from, to, java.util.regex.Pattern.compile("\\R\\s*"));
    }

    /** Words: runs of characters other than white space. */
    public static List<int[]> words(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            while (i < to && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > s) {
                out.add(new int[] {s, i});
            }
        }
        return out;
    }

    private static List<int[]> splitOn(String text, int from, int to, java.util.regex.Pattern separator) {
        List<int[]> out = new ArrayList<>();
        java.util.regex.Matcher m = separator.matcher(text).region(from, to);
        int start = from;
        while (m.find()) {
            add(text, start, m.start(), out);
            start = m.end();
        }
        add(text, start, to, out);
        return out;
    }

    /** Adds {@code [start, end)} without its leading and trailing white space, if anything is left. */
    private static void add(String text, int start, int end, List<int[]> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
    }

    /** Chunks over groups of spans: {@code groups} holds {first, last} span indices (inclusive). */
    static List<Chunk> chunks(int doc, String text, List<int[]> spans, List<int[]> groups) {
        List<Chunk> out = new ArrayList<>(groups.size());
        for (int[] g : groups) {
            int s = spans.get(g[0])[0];
            int e = spans.get(g[1])[1];
            out.add(new Chunk(doc, out.size(), s, e, text.substring(s, e)));
        }
        return out;
    }

    /**
     * Windows of {@code size} units moving by {@code stride}, the last one ending at the last unit:
     * {first, last} index pairs over {@code n} units.
     */
    static List<int[]> windows(int n, int size, int stride) {
        List<int[]> out = new ArrayList<>();
        for (int first = 0; first < n; first += stride) {
            int last = Math.min(n, first + size) - 1;
            out.add(new int[] {first, last});
            if (last == n - 1) {
                break;
            }
        }
        return out;
    }
}
