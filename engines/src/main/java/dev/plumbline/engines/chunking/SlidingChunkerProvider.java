package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.List;
import java.util.Set;

/**
 * {@code sliding}: windows of {@code window} words (default 128) starting every {@code stride}
 * words (default half the window), the last window ending at the document's last word. Words are
 * runs of non-white-space, so the window needs no tokenizer.
 */
public final class SlidingChunkerProvider implements ChunkerProvider {
    @Override
    public String name() {
        return "sliding";
    }

    @Override
    public String describe() {
        return "window words moving by stride words";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("window", "stride");
    }

    @Override
    public void check(StageConfig c) {
        ChunkerProvider.super.check(c);
        int window = c.intValue("window", 128, 1, 100_000);
        c.intValue("stride", Math.max(1, window / 2), 1, window);
    }

    @Override
    public Chunker open(StageConfig c, ChunkerContext context) {
        int window = c.intValue("window", 128, 1, 100_000);
        int stride = c.intValue("stride", Math.max(1, window / 2), 1, window);
        return new Chunker() {
            @Override
            public String type() {
                return "sliding";
            }

            @Override
            public String describe() {
                return "sliding window=" + window + " stride=" + stride;
            }

            @Override
            public List<Chunk> chunk(int doc, String text) {
                List<int[]> w = TextSpans.words(text, 0, text.length());
                return TextSpans.chunks(doc, text, w, TextSpans.windows(w.size(), window, stride));
            }
        };
    }
}
