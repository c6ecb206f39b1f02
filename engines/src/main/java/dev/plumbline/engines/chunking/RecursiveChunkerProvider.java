package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code recursive}: LangChain's recursive character splitter. A text longer than {@code size}
 * characters (default 1000) is split at the coarsest separator that occurs in it — paragraphs,
 * then lines, then sentences, then words, then a hard cut — each piece split again the same way
 * until it fits; consecutive pieces are then merged while the merged text fits, and a new chunk
 * starts with the previous chunk's last pieces that fit in {@code overlap} characters (default 0).
 */
public final class RecursiveChunkerProvider implements ChunkerProvider {
    @Override
    public String name() {
        return "recursive";
    }

    @Override
    public String describe() {
        return "size characters, split at paragraphs > lines > sentences > words (LangChain's recursive splitter)";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("size", "overlap");
    }

    @Override
    public void check(StageConfig c) {
        ChunkerProvider.super.check(c);
        int size = c.intValue("size", 1000, 8, 1_000_000);
        c.intValue("overlap", 0, 0, size - 1);
    }

    @Override
    public Chunker open(StageConfig c, ChunkerContext context) {
        int size = c.intValue("size", 1000, 8, 1_000_000);
        int overlap = c.intValue("overlap", 0, 0, size - 1);
        return new Recursive(size, overlap);
    }

    private record Recursive(int size, int overlap) implements Chunker {
        @Override
        public String type() {
            return "recursive";
        }

        @Override
        public String describe() {
            return "recursive size=" + size + " overlap=" + overlap;
        }

        @Override
        public List<Chunk> chunk(int doc, String text) {
            List<int[]> pieces = new ArrayList<>();
            for (int[] p : TextSpans.paragraphs(text, 0, text.length())) {
                split(text, p[0], p[1], 0, pieces);
            }
            List<int[]> groups = new ArrayList<>();
            int first = 0;
            while (first < pieces.size()) {
                int last = first;
                while (last + 1 < pieces.size() && pieces.get(last + 1)[1] - pieces.get(first)[0] <= size) {
                    last++;
                }
                groups.add(new int[] {first, last});
                if (last == pieces.size() - 1) {
                    break;
                }
                int next = last + 1;
                while (next - 1 > first && pieces.get(last)[1] - pieces.get(next - 1)[0] <= overlap) {
                    next--;
                }
                first = next;
            }
            return TextSpans.chunks(doc, text, pieces, groups);
        }

        /** Adds the pieces of {@code [from, to)}, each at most {@code size} characters. */
        private void split(String text, int from, int to, int level, List<int[]> out) {
            if (to - from <= size) {
                out.add(new int[] {from, to});
                return;
            }
            List<int[]> parts = switch (level) {
                case 0 -> TextSpans.lines(text, from, to);
                case 1 -> TextSpans.sentences(text, from, to);
                case 2 -> TextSpans.words(text, from, to);
                default -> null;
            };
            if (parts == null) {
                for (int s = from; s < to; s += size) {
                    out.add(new int[] {s, Math.min(to, s + size)});
                }
                return;
            }
            if (parts.size() <= 1) {
                split(text, from, to, level + 1, out);
                return;
            }
            for (int[] p : parts) {
                split(text, p[0], p[1], level + 1, out);
            }
        }
    }
}
