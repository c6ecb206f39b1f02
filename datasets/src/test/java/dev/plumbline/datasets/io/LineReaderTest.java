package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineReaderTest {
    private static List<String> lines(byte[] data, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(data), Path.of("f"), max)) {
            while (true) {
                try {
                    if (!r.next()) {
                        break;
                    }
                    out.add(r.lineNumber() + ":" + r.text());
                } catch (RecordException e) {
                    out.add(r.lineNumber() + ":" + e.check());
                }
            }
        }
        return out;
    }

    @Test
    void crlfLfAndNoFinalNewline() throws IOException {
        assertEquals(List.of("1:a", "2:b", "3:", "4:c"), lines("a\r\nb\n\r\nc".getBytes(StandardCharsets.UTF_8), 100));
    }

    @Test
    void bomIsSkippedOnlyAtTheStart() throws IOException {
        byte[] b = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'y'};
        try (LineReader r = new LineReader(new ByteArrayInputStream(b), Path.of("f"), 100)) {
            assertTrue(r.next());
            assertEquals("x", r.text());
            assertTrue(r.hadBom());
            assertTrue(r.next());
            assertEquals("\uFEFFy", r.text(), "a BOM inside the file is content");
        }
    }

    @Test
    void byteOrderMarksCanBeReadAsContent() throws IOException {
        byte[] b = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n', (byte) 0xFF, (byte) 0xFE, 'y'};
        try (LineReader r = new LineReader(new ByteArrayInputStream(b), Path.of("f"), 100, false)) {
            assertTrue(r.next());
            assertEquals("\uFEFFx", r.text());
            assertFalse(r.hadBom());
            assertTrue(r.next());
            assertEquals(3, r.end() - r.start(), "a UTF-16 mark is no error either");
        }
        byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'y', 0};
        try (LineReader r = new LineReader(new ByteArrayInputStream(utf16), Path.of("f"), 100, false)) {
            assertTrue(r.next());
            assertEquals(4, r.end() - r.start());
        }
    }

    @Test
    void longLinesAreReportedOnceAndSkipped() throws IOException {
        String ten = "0123456789";
        String data = "ok\n" + ten.repeat(5) + "\n" + "fits-exact" + "\n" + ten + "1\n" + ten + "\r\nend";
        assertEquals(List.of("1:ok", "2:LINE_TOO_LONG", "3:fits-exact", "4:LINE_TOO_LONG", "5:0123456789", "6:end"),
                lines(data.getBytes(StandardCharsets.UTF_8), 10));
        assertEquals(List.of("1:LINE_TOO_LONG"), lines(ten.repeat(3).getBytes(StandardCharsets.UTF_8), 10),
                "an over-long last line without a newline");
    }

    @Test
    void anAbsurdLineIsReadWithBoundedMemory() throws IOException {
        // A 200 MB line, generated on the fly: the reader must skip it with its 1 KiB limit.
        long size = 200L << 20;
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : left == -1 ? '\n' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left < 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left + 1);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                if (n == left + 1) {
                    b[off + n - 1] = '\n';
                }
                left -= n;
                return n;
            }
        };
        InputStream tail = new ByteArrayInputStream("after\n".getBytes(StandardCharsets.UTF_8));
        try (LineReader r = new LineReader(new java.io.SequenceInputStream(endless, tail), Path.of("f"), 1024)) {
            RecordException e = assertThrows(RecordException.class, r::next);
            assertEquals(Check.LINE_TOO_LONG, e.check());
            assertTrue(r.buf().length <= 1026, "the buffer never grew past the limit: " + r.buf().length);
            assertTrue(r.next());
            assertEquals(2, r.lineNumber());
            assertEquals("after", r.text());
            assertFalse(r.next());
        }
    }

    @Test
    void utf16IsFatal() {
        byte[] b = {(byte) 0xFE, (byte) 0xFF, 0, 'a'};
        LineReader r = new LineReader(new ByteArrayInputStream(b), Path.of("f"), 100);
        RecordException e = assertThrows(RecordException.class, r::next);
        assertTrue(e.stopsFile());
        assertEquals(Check.INVALID_UTF8, e.check());
    }

    @Test
    void invalidUtf8IsReportedWithItsByte() throws IOException {
        byte[] b = {'a', 'b', (byte) 0xC3, 0x28, '\n'};
        try (LineReader r = new LineReader(new ByteArrayInputStream(b), Path.of("f"), 100)) {
            assertTrue(r.next());
            RecordException e = assertThrows(RecordException.class, r::requireUtf8);
            assertEquals("invalid UTF-8 at byte 3 of the line (0xC3; expected UTF-8 text)", e.getMessage());
        }
    }

    @Test
    void zipEntryNames() {
        assertTrue(ZipInput.isSafe("scifact/corpus.jsonl"));
        assertTrue(ZipInput.isSafe("a/..b/c"));
        assertFalse(ZipInput.isSafe("../x"));
        assertFalse(ZipInput.isSafe("a/../../x"));
        assertFalse(ZipInput.isSafe("a\\..\\x"));
        assertFalse(ZipInput.isSafe("/etc/passwd"));
        assertFalse(ZipInput.isSafe("C:\\x"));
        assertFalse(ZipInput.isSafe(""));
    }
}
