package dev.plumbline.datasets.trec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopicQrelsTest {
    @TempDir
    Path dir;

    @Test
    void docnosSortByUnsignedUtf8BytesNotUtf16() {
        // Byte order: Z 5A < a 61 < z 7A < é C3A9 < ｚ EFBD9A < U+FFFD EFBFBD < 😀 F09F9880.
        // String.compareTo would put 😀 (surrogate D83D) before ｚ and U+FFFD.
        List<String> expected = List.of("Z", "a", "z", "é", "ｚ", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE00x");
        TopicQrels.Builder b = TopicQrels.builder("1");
        long rel = 0;
        for (String d : List.of("\uD83D\uDE00x", "ｚ", "z", "\uFFFD", "é", "a", "\uD83D\uDE00", "Z")) {
            b.add(d, rel++);
        }
        TopicQrels t = b.build();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            got.add(t.docno(i));
            assertEquals(t.relevance(i), t.relevanceOf(t.docno(i)), "the index finds " + t.docno(i));
        }
        assertEquals(expected, got);
        assertEquals(List.of(7L, 5L, 2L, 4L, 1L, 3L, 6L, 0L), rels(t), "relevance travels with its docno");
    }

    @Test
    void docnosThatAreNotUtf8SortAndMatchByTheirBytes() throws IOException {
        // 0xFF and 0xFE are never UTF-8; trec_eval compares them with strcmp like any other byte.
        Path qrels = dir.resolve("qrels.txt");
        Files.write(qrels, bytes("1 0 d\u00FF 1\n1 0 d\u00FE 2\n1 0 d\u00E9 3\n"));
        Path run = dir.resolve("run.txt");
        Files.write(run, bytes("1 Q0 d\u00FE 1 3 r\n1 Q0 d\u00FF 2 2 r\n1 Q0 d\u00E9 3 1 r\n"));
        TopicQrels t = TrecQrelsReader.read(qrels).topic("1");
        assertEquals(List.of(3L, 2L, 1L), rels(t), "d\\xE9 < d\\xFE < d\\xFF unsigned");
        TopicRun r = TrecRunReader.read(run).topic("1");
        assertEquals(2, t.relevanceOf(r, 0));
        assertEquals(1, t.relevanceOf(r, 1));
        assertEquals(3, t.relevanceOf(r, 2));
    }

    /** Latin-1 encoding: each char below 256 becomes the one byte of that value. */
    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Long> rels(TopicQrels t) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.relevance(i));
        }
        return out;
    }
}
