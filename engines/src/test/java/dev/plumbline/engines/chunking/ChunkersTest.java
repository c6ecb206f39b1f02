package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import dev.plumbline.engines.retrieval.ChunkAggregation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkersTest {
    static final String TEXT = "The bridge opened in 1932. It was designed by Dr. Ana Vell, e.g. the pier and\n"
            + "the deck! Was it painted red? Yes.\n\nA second paragraph starts here. It has two sentences.\n\n"
            + "Third paragraph, one sentence only and rather long, with many words in it to fill a window.";

    static StageConfig config(String type, Map<String, String> options) {
        return Chunkers.config(type, type, "chunking[0]", options);
    }

    /** Counts a word's tokens as its letters and digits divided by four, rounded up: a stand-in tokenizer. */
    static final ChunkerContext WORDS = new ChunkerContext("test", w -> Math.max(1, (w.length() + 3) / 4), null);

    static void offsetsMapBack(String text, List<Chunk> chunks) {
        int last = -1;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertEquals(text.substring(c.start(), c.end()), c.text());
            assertEquals(i, c.index());
            assertTrue(c.start() > last, "chunks start in text order: " + chunks);
            assertTrue(!c.text().isBlank());
            last = c.start();
        }
    }

    @Test
    void everyChunkerIsRegisteredAndKeepsOffsets() {
        assertEquals(List.of("fixed", "paragraph", "recursive", "semantic", "sentence", "sliding"),
                Chunkers.providers().stream().map(ChunkerProvider::name).toList());
        ChunkerContext ctx = new ChunkerContext("test", WORDS.tokenCount(), ChunkersTest::topicVectors);
        for (ChunkerProvider p : Chunkers.providers()) {
            Chunker c = Chunkers.open(config(p.name(), Map.of()), ctx);
            List<Chunk> chunks = c.chunk(3, TEXT);
            offsetsMapBack(TEXT, chunks);
            assertTrue(chunks.stream().allMatch(ch -> ch.doc() == 3));
            assertEquals(chunks, c.chunk(3, TEXT), p.name() + " is deterministic");
            assertEquals(List.of(), c.chunk(0, "  \n "), p.name() + ": blank text has no chunks");
        }
    }

    @Test
    void sentencesSkipAbbreviationsAndInitials() {
        List<String> s = TextSpans.sentences(TEXT).stream().map(r -> TEXT.substring(r[0], r[1])).toList();
        assertEquals("The bridge opened in 1932.", s.get(0));
        assertEquals("It was designed by Dr. Ana Vell, e.g. the pier and\nthe deck!", s.get(1));
        assertEquals("Was it painted red?", s.get(2));
        assertEquals("Yes.", s.get(3));
        assertEquals(7, s.size(), s.toString());
        assertEquals(List.of("J. R. Smith won in 1990."), TextSpans.sentences("J. R. Smith won in 1990.").stream()
                .map(r -> "J. R. Smith won in 1990.".substring(r[0], r[1])).toList());
    }

    @Test
    void fixedChunksStayWithinSizeAndOverlap() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            b.append("word").append(i).append(i % 17 == 0 ? ".\n" : " ");
        }
        String text = b.toString();
        List<Chunk> chunks = Chunkers.open(config("fixed", Map.of("size", "40", "overlap", "8")), WORDS).chunk(0, text);
        offsetsMapBack(text, chunks);
        for (int i = 0; i < chunks.size(); i++) {
            String t = chunks.get(i).text();
            int tokens = TextSpans.words(t, 0, t.length()).stream()
                    .mapToInt(r -> WORDS.tokenCount().applyAsInt(t.substring(r[0], r[1]))).sum();
            assertTrue(tokens <= 40, "chunk " + i + " has " + tokens + " tokens");
            if (i > 0) {
                assertTrue(chunks.get(i).start() < chunks.get(i - 1).end(), "consecutive chunks overlap");
            }
        }
        assertEquals(text.strip().length(), chunks.getLast().end(), "the last chunk reaches the end");
        assertThrows(IllegalArgumentException.class, () -> Chunkers.open(config("fixed", Map.of()),
                ChunkerContext.TEXT_ONLY), "fixed needs a tokenizer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chunkers.check(config("fixed", Map.of("size", "40", "overlap", "40"))));
        assertEquals("chunking[0].overlap: must be an integer from 0 to 39, got '40'", e.getMessage());
    }

    @Test
    void sentenceSlidingParagraphAndRecursiveGroupAsConfigured() {
        List<Chunk> s = Chunkers.open(config("sentence", Map.of("sentences", "2", "overlap", "1")), WORDS).chunk(0, TEXT);
        assertEquals(6, s.size(), s.toString());
        assertEquals("The bridge opened in 1932. It was designed by Dr. Ana Vell, e.g. the pier and\nthe deck!",
                s.get(0).text());
        List<Chunk> p = Chunkers.open(config("paragraph", Map.of()), WORDS).chunk(0, TEXT);
        assertEquals(3, p.size());
        assertTrue(p.get(1).text().startsWith("A second paragraph"));
        List<Chunk> w = Chunkers.open(config("sliding", Map.of("window", "10", "stride", "5")), WORDS).chunk(0, TEXT);
        int words = TextSpans.words(TEXT, 0, TEXT.length()).size();
        assertEquals((int) Math.ceil((words - 10) / 5.0) + 1, w.size());
        List<Chunk> r = Chunkers.open(config("recursive", Map.of("size", "60")), WORDS).chunk(0, TEXT);
        offsetsMapBack(TEXT, r);
        assertTrue(r.stream().allMatch(c -> c.text().length() <= 60), r.toString());
        // A paragraph that fits is never split.
        assertTrue(r.stream().anyMatch(c -> c.text().startsWith("A second paragraph starts here. It has two sentences.")),
                r.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chunkers.check(config("sliding", Map.of("windw", "3"))));
        assertTrue(e.getMessage().startsWith("chunking[0].windw: a sliding chunker has no option 'windw'; it knows "
                + "aggregate, depth, stride, window"), e.getMessage());
        assertEquals("chunking[0].type: unknown chunker type 'nope'; known: fixed, paragraph, recursive, semantic,"
                + " sentence, sliding, none", assertThrows(IllegalArgumentException.class,
                () -> Chunkers.check(config("nope", Map.of()))).getMessage());
        assertEquals("chunking[0].aggregate: must be maxp, firstp or sump, got 'max'",
                assertThrows(IllegalArgumentException.class, () -> ChunkAggregation.of(config("none",
                        Map.of("aggregate", "max")))).getMessage());
    }

    /** Sentence vectors with one topic per paragraph of {@link #TEXT}: about bridges, then not. */
    static float[][] topicVectors(List<String> sentences) {
        float[][] out = new float[sentences.size()][];
        for (int i = 0; i < out.length; i++) {
            String s = sentences.get(i);
            boolean bridge = s.contains("bridge") || s.contains("deck") || s.contains("red") || s.equals("Yes.");
            out[i] = bridge ? new float[] {1, 0.1f * (i % 2)} : new float[] {0.1f * (i % 2), 1};
        }
        return out;
    }

    @Test
    void semanticSplitsWhereTheTopicChanges() {
        ChunkerContext ctx = new ChunkerContext("test", null, ChunkersTest::topicVectors);
        List<Chunk> c = Chunkers.open(config("semantic", Map.of("percentile", "80")), ctx).chunkAll(List.of(TEXT,
                "One sentence."));
        List<Chunk> first = c.stream().filter(x -> x.doc() == 0).toList();
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).text().endsWith("Yes."));
        assertEquals(1, c.stream().filter(x -> x.doc() == 1).count());
        assertEquals(2.5, SemanticChunkerProvider.percentile(new double[] {4, 1, 2, 3}, 50));
        assertEquals(3.7, SemanticChunkerProvider.percentile(new double[] {4, 1, 2, 3}, 90), 1e-12);
        List<String> texts = new ArrayList<>();
        assertEquals(List.of(), Chunkers.open(config("semantic", Map.of()), ctx).chunkAll(texts));
    }
}
