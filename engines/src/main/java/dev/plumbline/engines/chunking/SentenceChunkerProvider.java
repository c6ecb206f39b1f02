package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.List;
import java.util.Set;

/**
 * {@code sentence}: {@code sentences} consecutive sentences per chunk (default 3), consecutive
 * chunks sharing {@code overlap} sentences (default 0); sentences as {@link TextSpans} finds them.
 */
public final class SentenceChunkerProvider implements ChunkerProvider {
    @Override
    public String name() {
        return "sentence";
    }

    @Override
    public String describe() {
        return "n sentences per chunk, with overlap";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("sentences", "overlap");
    }

    @Override
    public void check(StageConfig c) {
        ChunkerProvider.super.check(c);
        int n = c.intValue("sentences", 3, 1, 10_000);
        c.intValue("overlap", 0, 0, n - 1);
    }

    @Override
    public Chunker open(StageConfig c, ChunkerContext context) {
        int n = c.intValue("sentences", 3, 1, 10_000);
        int overlap = c.intValue("overlap", 0, 0, n - 1);
        return new Chunker() {
            @Override
            public String type() {
                return "sentence";
            }

            @Override
            public String describe() {
                return "sentence sentences=" + n + " overlap=" + overlap;
            }

            @Override
            public List<Chunk> chunk(int doc, String text) {
                List<int[]> s = TextSpans.sentences(text);
                return TextSpans.chunks(doc, text, s, TextSpans.windows(s.size(), n, n - overlap));
            }
        };
    }
}
