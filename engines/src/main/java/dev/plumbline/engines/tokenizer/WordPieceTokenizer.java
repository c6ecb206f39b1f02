package dev.plumbline.engines.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT WordPiece tokenizer driven by a Hugging Face {@code tokenizer.json}, producing exactly the
 * ids the Hugging Face tokenizer produces for a single sequence: added tokens, {@code BertNormalizer},
 * {@code BertPreTokenizer}, {@code WordPiece}, then the post-processor's special tokens
 * ({@code [CLS]} … {@code [SEP]}).
 *
 * <p>The file's {@code truncation} and {@code padding} sections are ignored on purpose: exports
 * often carry an arbitrary length there (128 for the MiniLM export), while the model's own limit
 * comes from the model registry and is passed to {@link #encode}. Padding belongs to batching
 * ({@link TokenBatch}). Instances are immutable and thread-safe.
 */
public final class WordPieceTokenizer {
    private final BertNormalizer normalizer;
    private final WordPiece wordPiece;
    private final AddedTokens addedTokens;
    private final int[] prefixIds;
    private final int[] suffixIds;
    private final int padId;
    private final String[] tokens;

    private WordPieceTokenizer(BertNormalizer normalizer, WordPiece wordPiece, AddedTokens addedTokens,
                               int[] prefixIds, int[] suffixIds, int padId, String[] tokens) {
        this.normalizer = normalizer;
        this.wordPiece = wordPiece;
        this.addedTokens = addedTokens;
        this.prefixIds = prefixIds;
        this.suffixIds = suffixIds;
        this.padId = padId;
        this.tokens = tokens;
    }

    /** Reads a {@code tokenizer.json} file. */
    public static WordPieceTokenizer fromJson(Path file) throws IOException {
        return fromJson(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses {@code tokenizer.json} content.
     *
     * @param json   the file's bytes (UTF-8)
     * @param source where it came from, for error messages
     * @throws IllegalArgumentException naming {@code source} and the unsupported or missing part
     */
    public static WordPieceTokenizer fromJson(byte[] json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a tokenizer.json object");
        }
        return new Parser(root, source).parse();
    }

    /**
     * Token ids of {@code text} with the special tokens, truncated to {@code maxTokens} in total
     * (the text's tokens are cut at the end, the special tokens are kept), as the Hugging Face
     * tokenizer does with {@code truncation=True, max_length=maxTokens}.
     *
     * @throws IllegalArgumentException if {@code maxTokens} leaves no room for the special tokens
     */
    public int[] encode(String text, int maxTokens) {
        int specials = prefixIds.length + suffixIds.length;
        if (maxTokens <= specials) {
            throw new IllegalArgumentException("maxTokens must exceed the " + specials + " special tokens, got " + maxTokens);
        }
        IntList body = tokenizeInto(text);
        int keep = Math.min(body.size(), maxTokens - specials);
        int[] ids = new int[prefixIds.length + keep + suffixIds.length];
        System.arraycopy(prefixIds, 0, ids, 0, prefixIds.length);
        for (int i = 0; i < keep; i++) {
            ids[prefixIds.length + i] = body.get(i);
        }
        System.arraycopy(suffixIds, 0, ids, prefixIds.length + keep, suffixIds.length);
        return ids;
    }

    /**
     * A pair as BERT's template joins it, {@code [CLS] a [SEP] b [SEP]} (token type 0 through the
     * first {@code [SEP]}, 1 after it), truncated to {@code maxTokens} in total the way the Hugging
     * Face tokenizer's default {@code longest_first} strategy does (tokens cut from the ends).
     *
     * @throws IllegalArgumentException if {@code maxTokens} leaves no room for the three special tokens
     */
    public Pair encodePair(String a, String b, int maxTokens) {
        if (prefixIds.length != 1 || suffixIds.length != 1) {
            throw new IllegalArgumentException("pairs need BERT's template ([CLS] a [SEP] b [SEP]); this tokenizer has "
                    + prefixIds.length + " prefix and " + suffixIds.length + " suffix ids");
        }
        if (maxTokens <= 3) {
            throw new IllegalArgumentException("maxTokens must exceed the 3 special tokens of a pair, got " + maxTokens);
        }
        IntList first = tokenizeInto(a);
        IntList second = tokenizeInto(b);
        int keepA = first.size();
        int keepB = second.size();
        int target = maxTokens - 3;
        if (keepA + keepB > target) {
            // The tokenizers crate's LongestFirst: the longer text is cut to what the shorter leaves
            // (never below the shorter's length); if both must be cut, the shorter gets target / 2
            // and the longer the rest (the second text counts as the longer on a tie).
            boolean firstLonger = keepA > keepB;
            int shorter = Math.min(keepA, keepB);
            int longer = shorter > target ? shorter : Math.max(shorter, target - shorter);
            if (shorter + longer > target) {
                shorter = target / 2;
                longer = shorter + target % 2;
            }
            keepA = firstLonger ? longer : shorter;
            keepB = firstLonger ? shorter : longer;
        }
        int[] ids = new int[keepA + keepB + 3];
        int[] types = new int[ids.length];
        int at = 0;
        ids[at++] = prefixIds[0];
        for (int i = 0; i < keepA; i++) {
            ids[at++] = first.get(i);
        }
        ids[at++] = suffixIds[0];
        for (int i = 0; i < keepB; i++) {
            types[at] = 1;
            ids[at++] = second.get(i);
        }
        types[at] = 1;
        ids[at] = suffixIds[0];
        return new Pair(ids, types);
    }

    /** Token ids of a pair and their token types (0 for the first text and its delimiters, 1 for the second). */
    public record Pair(int[] ids, int[] types) {
    }

    /** Token ids of {@code text} without special tokens and without truncation. */
    public int[] tokenize(String text) {
        return tokenizeInto(text).toArray();
    }

    private IntList tokenizeInto(String text) {
        IntList out = new IntList();
        for (AddedTokens.Segment raw : addedTokens.splitRaw(text)) {
            if (raw.isToken()) {
                out.add(raw.id());
                continue;
            }
            for (AddedTokens.Segment seg : addedTokens.splitNormalized(normalizer.normalize(raw.text()))) {
                if (seg.isToken()) {
                    out.add(seg.id());
                    continue;
                }
                for (String word : BertPreTokenizer.split(seg.text())) {
                    wordPiece.tokenize(word, out);
                }
            }
        }
        return out;
    }

    /** The normalizer configured by the file. */
    public BertNormalizer normalizer() {
        return normalizer;
    }

    /** Number of ids (the highest id plus one). */
    public int vocabSize() {
        return tokens.length;
    }

    /** The token string of {@code id}, or {@code null} for an id no token has. */
    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    /** Id of the padding token ({@code [PAD]}, or the file's {@code padding.pad_id}). */
    public int padId() {
        return padId;
    }

    /** Id of the unknown token. */
    public int unkId() {
        return wordPiece.unkId();
    }

    /** Ids the post-processor puts before the text (usually {@code [CLS]}). */
    public int[] prefixIds() {
        return prefixIds.clone();
    }

    /** Ids the post-processor puts after the text (usually {@code [SEP]}). */
    public int[] suffixIds() {
        return suffixIds.clone();
    }

    /** Reads the parts of a tokenizer.json this class supports, with one error per unsupported part. */
    private static final class Parser {
        private final JsonNode root;
        private final String source;
        private Map<String, Integer> vocab;

        Parser(JsonNode root, String source) {
            this.root = root;
            this.source = source;
        }

        WordPieceTokenizer parse() {
            JsonNode model = required(root, "model");
            String modelType = model.path("type").asText("WordPiece");
            if (!modelType.equals("WordPiece")) {
                throw unsupported("model.type '" + modelType + "'", "WordPiece");
            }
            vocab = new HashMap<>();
            JsonNode vocabNode = required(model, "vocab");
            if (!vocabNode.isObject()) {
                throw new IllegalArgumentException(source + ": model.vocab must be an object of token to id");
            }
            vocabNode.properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
            List<AddedTokens.Token> added = new ArrayList<>();
            for (JsonNode t : root.path("added_tokens")) {
                if (t.path("single_word").asBoolean(false) || t.path("lstrip").asBoolean(false)
                        || t.path("rstrip").asBoolean(false)) {
                    throw unsupported("added token '" + t.path("content").asText() + "' with single_word/lstrip/rstrip",
                            "added tokens without those options");
                }
                added.add(new AddedTokens.Token(t.path("content").asText(), t.path("id").asInt(),
                        t.path("normalized").asBoolean(false)));
            }
            WordPiece wp = new WordPiece(vocab, model.path("unk_token").asText("[UNK]"),
                    model.path("continuing_subword_prefix").asText("##"),
                    model.path("max_input_chars_per_word").asInt(100));

            String[] tokens = tokenTable(added);
            int[][] template = postProcessor();
            int padId = root.path("padding").path("pad_id").isInt()
                    ? root.path("padding").path("pad_id").asInt()
                    : vocab.getOrDefault("[PAD]", 0);
            return new WordPieceTokenizer(normalizer(), wp, new AddedTokens(added), template[0], template[1], padId,
                    tokens);
        }

        private BertNormalizer normalizer() {
            JsonNode n = root.path("normalizer");
            if (n.isMissingNode() || n.isNull()) {
                return new BertNormalizer(false, false, false, false);
            }
            String type = n.path("type").asText();
            if (!type.equals("BertNormalizer")) {
                throw unsupported("normalizer '" + type + "'", "BertNormalizer or none");
            }
            boolean lowercase = n.path("lowercase").asBoolean(true);
            JsonNode strip = n.path("strip_accents");
            boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase; // null follows lowercase
            return new BertNormalizer(n.path("clean_text").asBoolean(true), n.path("handle_chinese_chars").asBoolean(true),
                    stripAccents, lowercase);
        }

        /** Special-token ids before and after the text, from the post-processor. */
        private int[][] postProcessor() {
            JsonNode pre = root.path("pre_tokenizer");
            if (!pre.path("type").asText().equals("BertPreTokenizer")) {
                throw unsupported("pre_tokenizer '" + pre.path("type").asText("(none)") + "'", "BertPreTokenizer");
            }
            JsonNode p = root.path("post_processor");
            String type = p.path("type").asText("(none)");
            switch (type) {
                case "BertProcessing" -> {
                    return new int[][] {{p.path("cls").path(1).asInt()}, {p.path("sep").path(1).asInt()}};
                }
                case "TemplateProcessing" -> {
                    List<Integer> before = new ArrayList<>();
                    List<Integer> after = new ArrayList<>();
                    boolean seenSequence = false;
                    for (JsonNode piece : p.path("single")) {
                        if (piece.has("Sequence")) {
                            seenSequence = true;
                        } else if (piece.has("SpecialToken")) {
                            String name = piece.path("SpecialToken").path("id").asText();
                            JsonNode ids = p.path("special_tokens").path(name).path("ids");
                            if (!ids.isArray() || ids.isEmpty()) {
                                throw new IllegalArgumentException(source + ": post_processor special token '" + name
                                        + "' has no ids in special_tokens");
                            }
                            for (JsonNode id : ids) {
                                (seenSequence ? after : before).add(id.asInt());
                            }
                        }
                    }
                    if (!seenSequence) {
                        throw new IllegalArgumentException(source + ": post_processor.single has no Sequence entry");
                    }
                    return new int[][] {toArray(before), toArray(after)};
                }
                default -> throw unsupported("post_processor '" + type + "'", "TemplateProcessing or BertProcessing");
            }
        }

        private String[] tokenTable(List<AddedTokens.Token> added) {
            int size = 0;
            for (int id : vocab.values()) {
                size = Math.max(size, id + 1);
            }
            for (AddedTokens.Token t : added) {
                size = Math.max(size, t.id() + 1);
            }
            String[] tokens = new String[size];
            vocab.forEach((token, id) -> tokens[id] = token);
            for (AddedTokens.Token t : added) {
                tokens[t.id()] = t.content();
            }
            return tokens;
        }

        private JsonNode required(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(source + ": missing '" + field + "'");
            }
            return v;
        }

        private IllegalArgumentException unsupported(String what, String supported) {
            return new IllegalArgumentException(source + ": unsupported " + what + "; this tokenizer supports "
                    + supported + " (a BERT WordPiece tokenizer.json)");
        }

        private static int[] toArray(List<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
