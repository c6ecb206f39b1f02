package dev.plumbline.engines.tokenizer;

import java.util.HashMap;
import java.util.Map;

/**
 * The Hugging Face {@code WordPiece} model: greedy longest-match-first over the vocabulary, pieces
 * after the first carrying the continuation prefix ({@code ##}); a word with any unmatched rest,
 * or longer than {@code maxInputCharsPerWord} code points, becomes the single unknown token.
 */
public final class WordPiece {
    private final Map<String, Integer> vocab;
    /** Continuation pieces keyed without their prefix, so lookups build no prefixed strings. */
    private final Map<String, Integer> continuations;
    private final int unkId;
    private final int maxInputCharsPerWord;
    /** Longest piece in UTF-16 units: longer substrings cannot match, so they are not tried. */
    private final int maxPieceLength;

    /**
     * @param vocab                 token to id
     * @param unkToken              the unknown token; must be in {@code vocab}
     * @param continuingPrefix      prefix of non-initial pieces, usually {@code ##}
     * @param maxInputCharsPerWord  longer words (in code points) become {@code unkToken}
     */
    public WordPiece(Map<String, Integer> vocab, String unkToken, String continuingPrefix, int maxInputCharsPerWord) {
        Integer unk = vocab.get(unkToken);
        if (unk == null) {
            throw new IllegalArgumentException("WordPiece unk_token '" + unkToken + "' is not in the vocabulary");
        }
        if (maxInputCharsPerWord <= 0) {
            throw new IllegalArgumentException("max_input_chars_per_word must be positive, got " + maxInputCharsPerWord);
        }
        this.vocab = Map.copyOf(vocab);
        this.unkId = unk;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        Map<String, Integer> cont = new HashMap<>();
        vocab.forEach((token, id) -> {
            if (token.startsWith(continuingPrefix)) {
                cont.put(token.substring(continuingPrefix.length()), id);
            }
        });
        this.continuations = Map.copyOf(cont);
        int longest = 0;
        for (String token : vocab.keySet()) {
            longest = Math.max(longest, token.length());
        }
        this.maxPieceLength = longest;
    }

    /** Id of the unknown token. */
    public int unkId() {
        return unkId;
    }

    /** Appends the ids of one pre-tokenized word to {@code out}. */
    void tokenize(String word, IntList out) {
        if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
            out.add(unkId);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < word.length()) {
            // Same result as starting at the word's end: no longer piece is in the vocabulary.
            int end = Math.min(word.length(), start + maxPieceLength);
            Integer id = null;
            while (start < end) {
                String piece = word.substring(start, end);
                id = start == 0 ? vocab.get(piece) : continuations.get(piece);
                if (id != null) {
                    break;
                }
                end -= Character.charCount(word.codePointBefore(end));
            }
            if (id == null) {
                // Drop the pieces already matched: the whole word is unknown.
                out.truncate(mark);
                out.add(unkId);
                return;
            }
            out.add(id);
            start = end;
        }
    }
}
