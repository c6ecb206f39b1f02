package dev.plumbline.metrics.rag.local;

/**
 * One word or number of a text, with the normal forms the lexical checks compare.
 *
 * @param text          as written
 * @param norm          lower-cased, accents kept; numbers in canonical form ("1,000.50" → "1000.5")
 * @param stem          {@link Stemmer} form of {@code norm} for words, {@code norm} for numbers
 * @param number        whether it is a number (digits, or a number word such as "twelve")
 * @param capitalized   starts with an upper-case letter and is not the first word of its sentence
 * @param stopword      a function word that carries no content
 * @param negation      a negation word ("not", "never", "no", "n't", …)
 */
public record Token(String text, String norm, String stem, boolean number, boolean capitalized, boolean stopword,
                    boolean negation) {

    /** Whether the token carries content (not a stopword, or a number). */
    public boolean content() {
        return number || !stopword;
    }
}
