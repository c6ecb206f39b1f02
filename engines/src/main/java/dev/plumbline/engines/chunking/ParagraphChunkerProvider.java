package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.List;
import java.util.Set;

/**
 * {@code paragraph}: {@code paragraphs} paragraphs per chunk (default 1), paragraphs being text
 * between blank lines. A text without blank lines (most BEIR abstracts) is one chunk.
 */
public final class ParagraphChunkerProvider implements ChunkerProvider {
    @Override
    public String name() {
        return "paragraph";
    }

    @Override
    public String describe() {
        return "paragraphs (text between blank lines)";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("paragraphs");
    }

    @Override
    public void check(StageConfig c) {
        ChunkerProvider.super.check(c);
        c.intValue("paragraphs", 1, 1, 10_000);
    }

    @Override
    public Chunker open(StageConfig c, ChunkerContext context) {
        int n = c.intValue("paragraphs", 1, 1, 10_000);
        return new Chunker() {
            @Override
            public String type() {
                return "paragraph";
            }

            @Override
            public String describe() {
                return "paragraph paragraphs=" + n;
            }

            @Override
            public List<Chunk> chunk(int doc, String text) {
                List<int[]> p = TextSpans.paragraphs(text, 0, text.length());
                return TextSpans.chunks(doc, text, p, TextSpans.windows(p.size(), n, n));
            }
        };
    }
}
