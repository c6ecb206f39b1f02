package dev.plumbline.metrics.rag.local;

/**
 * A small suffix-stripping stemmer, enough to match "founded"/"founding"/"founds" or
 * "cities"/"city". Deliberately conservative: a wrong merge would make an unsupported claim look
 * grounded, which is the error a hallucination judge must avoid most.
 */
public final class Stemmer {
    private Stemmer() {
    }

    /** The stem of a lower-case word. */
    public static String stem(String w) {
        if (w.length() <= 3) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("ing") && w.length() > 5) {
            return undouble(w.substring(0, w.length() - 3));
        }
        if (w.endsWith("ed") && w.length() > 4) {
            return undouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("es") && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("zes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ly") && w.length() > 5) {
            return w.substring(0, w.length() - 2);
        }
        return w;
    }

    /** "stopp" → "stop", but keep "fall", "pass". */
    private static String undouble(String s) {
        int n = s.length();
        if (n >= 3 && s.charAt(n - 1) == s.charAt(n - 2) && "lsz".indexOf(s.charAt(n - 1)) < 0) {
            return s.substring(0, n - 1);
        }
        if (s.endsWith("at") || s.endsWith("iz") || s.endsWith("bl")) {
            return s + "e";
        }
        return s;
    }
}
