package dev.plumbline.engines.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The Hugging Face {@code BertPreTokenizer}: splits normalized text into words at whitespace
 * (dropped) and makes every punctuation character a word of its own.
 */
public final class BertPreTokenizer {
    private BertPreTokenizer() {
    }

    /** The words of {@code text}, in order; never contains an empty string. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1; // start of the word being read, or -1 between words
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (BertChars.isWhitespace(c)) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (BertChars.isPunctuation(c)) {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
                words.add(text.substring(i, next));
            } else if (start < 0) {
                start = i;
            }
            i = next;
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }
}
