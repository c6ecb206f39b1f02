package dev.plumbline.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A corpus loads in a heap not much bigger than its text (nothing is held twice), and streams in a
 * heap far smaller than the corpus. Each load runs in a fresh JVM with a capped heap; a loader
 * that kept the raw file next to the parsed documents would run out of memory.
 */
class BoundedMemoryTest {
    private static final int DOCS = 48_000;
    private static final int TEXT = 2_000;

    @TempDir
    Path dir;

    @Test
    void corpusLargerThanTheHeapAllowsTwiceOverLoadsAndStreams() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Random r = new Random(1);
        char[] text = new char[TEXT];
        try (BufferedWriter w = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
            for (int i = 0; i < DOCS; i++) {
                for (int k = 0; k < TEXT; k++) {
                    text[k] = (char) ('a' + r.nextInt(26));
                }
                w.write("{\"_id\": \"d" + i + "\", \"title\": \"t\", \"text\": \"");
                w.write(text);
                w.write("\"}\n");
            }
        }
        Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q\", \"text\": \"x\"}\n");
        Fixtures.write(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq\td1\t1\n");
        long bytes = Files.size(corpus);
        // 96 MB of text: kept once it needs about 112 MB of heap (measured), held twice at least 192 MB.
        String kept = run("-Xmx144m", "keep");
        String streamed = run("-Xmx24m", "stream");
        long chars = (long) DOCS * TEXT;
        assertEquals(DOCS + " " + chars, kept.substring(0, kept.lastIndexOf(' ')));
        assertEquals(kept, streamed, "streaming gives the same counts and fingerprint");
        assertEquals(true, bytes > 90_000_000L, "corpus size " + bytes);
    }

    private String run(String heap, String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), heap, "-cp", System.getProperty("java.class.path"),
                LoadMain.class.getName(), "beir:" + dir, mode));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), heap + " " + mode + ": " + out);
        return out;
    }
}
