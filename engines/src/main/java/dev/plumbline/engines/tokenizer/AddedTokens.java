package dev.plumbline.engines.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code added_tokens} of a {@code tokenizer.json} ({@code [CLS]}, {@code [SEP]}, {@code [MASK]}
 * …). Like the Hugging Face tokenizer, an occurrence of one in the input is taken as that token,
 * never word-pieced: tokens with {@code normalized: false} are found in the raw text, the others in
 * the normalized text. Matching is leftmost-longest.
 */
final class AddedTokens {
    /** One added token. */
    record Token(String content, int id, boolean normalized) {
    }

    /** A piece of text: either an added token ({@code id >= 0}) or plain text ({@code id == -1}). */
    record Segment(String text, int id) {
        boolean isToken() {
            return id >= 0;
        }
    }

    private final List<Token> raw;
    private final List<Token> normalized;

    AddedTokens(List<Token> tokens) {
        List<Token> r = new ArrayList<>();
        List<Token> n = new ArrayList<>();
        for (Token t : tokens) {
            if (t.content().isEmpty()) {
                throw new IllegalArgumentException("added token with id " + t.id() + " has empty content");
            }
            (t.normalized() ? n : r).add(t);
        }
        this.raw = List.copyOf(r);
        this.normalized = List.copyOf(n);
    }

    /** Splits raw input at the added tokens matched before normalization. */
    List<Segment> splitRaw(String text) {
        return split(text, raw);
    }

    /** Splits normalized text at the added tokens matched after normalization. */
    List<Segment> splitNormalized(String text) {
        return split(text, normalized);
    }

    private static List<Segment> split(String text, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return List.of(new Segment(text, -1));
        }
        List<Segment> out = new ArrayList<>();
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            Token best = null;
            for (Token t : tokens) {
                if (text.startsWith(t.content(), i) && (best == null || t.content().length() > best.content().length())) {
                    best = t;
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            if (i > plainStart) {
                out.add(new Segment(text.substring(plainStart, i), -1));
            }
            out.add(new Segment(best.content(), best.id()));
            i += best.content().length();
            plainStart = i;
        }
        if (plainStart < text.length()) {
            out.add(new Segment(text.substring(plainStart), -1));
        }
        return out;
    }
}
