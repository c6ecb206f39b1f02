package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * {@code fixed}: chunks of at most {@code size} tokens of the model's tokenizer (default 128),
 * consecutive chunks sharing about {@code overlap} tokens (default 16). Chunks end between words
 * (white-space separated, counted with the tokenizer one word at a time), so their offsets fall on
 * character boundaries a reader recognizes; a word longer than {@code size} tokens is a chunk of
 * its own, which the encoder then truncates.
 */
public final class FixedChunkerProvider implements ChunkerProvider {
    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public String describe() {
        return "size tokens of the model's tokenizer, with overlap (between words)";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("size", "overlap");
    }

    @Override
    public void check(StageConfig c) {
        ChunkerProvider.super.check(c);
        int size = c.intValue("size", 128, 4, 8192);
        c.intValue("overlap", Math.min(16, size / 2), 0, size - 1);
    }

    @Override
    public Chunker open(StageConfig c, ChunkerContext context) {
        if (context.tokenCount() == null) {
            throw new IllegalArgumentException(c.keyPath() + ": the fixed chunker counts tokens of the retriever's"
                    + " model, and this retriever has none; use sentence, sliding or recursive");
        }
        int size = c.intValue("size", 128, 4, 8192);
        int overlap = c.intValue("overlap", Math.min(16, size / 2), 0, size - 1);
        return new Fixed(size, overlap, context.tokenCount(), context.tokenizerName());
    }

    private record Fixed(int size, int overlap, ToIntFunction<String> tokens, String tokenizer) implements Chunker {
        @Override
        public String type() {
            return "fixed";
        }

        @Override
        public String describe() {
            return "fixed size=" + size + " overlap=" + overlap + " tokenizer=" + tokenizer;
        }

        @Override
        public List<Chunk> chunk(int doc, String text) {
            List<int[]> words = TextSpans.words(text, 0, text.length());
            int n = words.size();
            int[] tok = new int[n];
            for (int i = 0; i < n; i++) {
                tok[i] = tokens.applyAsInt(text.substring(words.get(i)[0], words.get(i)[1]));
            }
            List<int[]> groups = new ArrayList<>();
            int i = 0;
            while (i < n) {
                int j = i;
                int sum = 0;
                while (j < n && (j == i || sum + tok[j] <= size)) {
                    sum += tok[j++];
                }
                groups.add(new int[] {i, j - 1});
                if (j == n) {
                    break;
                }
                // The next chunk starts far enough back to repeat about `overlap` tokens, and always moves on.
                int next = j;
                int shared = 0;
                while (next - 1 > i && shared + tok[next - 1] <= overlap) {
                    shared += tok[--next];
                }
                i = next;
            }
            return TextSpans.chunks(doc, text, words, groups);
        }
    }
}
