package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads lines into one reusable byte buffer with bounded memory: a line longer than the limit
 * is reported (once, as {@link Check#LINE_TOO_LONG}) and skipped without being held, so an
 * absurd line costs the limit, not its length. A UTF-8 byte-order mark at the start is skipped;
 * a UTF-16 one is an error (unless the reader is made to read the mark as content). {@code \r\n}
 * and {@code \n} both end a line.
 *
 * <p>A line is {@code buf()[start(), end())}, valid until the next call to {@link #next()}.
 */
public final class LineReader implements Closeable {
    private final InputStream in;
    private final Path file;
    private final int maxLineBytes;
    private final boolean byteOrderMark;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long lineNumber;
    private boolean started;
    private boolean discarding;
    private boolean bom;

    /**
     * @param in           the input; closed by {@link #close()}
     * @param file         the name used in messages
     * @param maxLineBytes longest accepted line, without its line ending
     */
    public LineReader(InputStream in, Path file, int maxLineBytes) {
        this(in, file, maxLineBytes, true);
    }

    /**
     * @param in            the input; closed by {@link #close()}
     * @param file          the name used in messages
     * @param maxLineBytes  longest accepted line, without its line ending
     * @param byteOrderMark whether a leading byte-order mark is recognised (a UTF-8 one skipped, a
     *                      UTF-16 one an error); {@code false} reads it as line content, as C tools
     *                      such as trec_eval do
     */
    public LineReader(InputStream in, Path file, int maxLineBytes, boolean byteOrderMark) {
        this.in = in;
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        this.byteOrderMark = byteOrderMark;
        this.buf = new byte[Math.min(1 << 16, maxLineBytes + 1)];
    }

    /**
     * Advances to the next line.
     *
     * @return {@code false} at the end of the input
     * @throws RecordException {@link Check#LINE_TOO_LONG} for an over-long line (the next call goes
     *                         on after it), or a fatal {@link Check#INVALID_UTF8} for a UTF-16 file
     */
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            if (byteOrderMark) {
                begin();
            }
        }
        if (discarding) {
            discardRestOfLine();
        }
        int scanFrom = pos;
        while (true) {
            int nl = indexOfNewline(scanFrom, limit);
            if (nl >= 0) {
                lineNumber++;
                if (nl - pos > maxLineBytes + 1 || (nl - pos == maxLineBytes + 1 && buf[nl - 1] != '\r')) {
                    pos = nl + 1;
                    throw tooLong();
                }
                setLine(pos, nl);
                pos = nl + 1;
                return true;
            }
            if (limit - pos > maxLineBytes + 1) {
                lineNumber++;
                pos = limit;
                discarding = true;
                throw tooLong();
            }
            if (eof) {
                if (limit - pos > maxLineBytes) {
                    lineNumber++;
                    pos = limit;
                    throw tooLong();
                }
                if (pos < limit) {
                    lineNumber++;
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            scanFrom = limit - pos;
            fill();
            scanFrom += pos;
        }
    }

    private RecordException tooLong() {
        return new RecordException(Check.LINE_TOO_LONG, "line longer than " + maxLineBytes
                + " bytes (expected one record per line; the limit keeps memory bounded)");
    }

    private void begin() throws IOException {
        while (limit < 3 && !eof) {
            fill();
        }
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
            bom = true;
        } else if (limit >= 2 && ((buf[0] & 0xFF) == 0xFE && (buf[1] & 0xFF) == 0xFF
                || (buf[0] & 0xFF) == 0xFF && (buf[1] & 0xFF) == 0xFE)) {
            throw new RecordException(Check.INVALID_UTF8,
                    "file starts with a UTF-16 byte-order mark (expected UTF-8 text; convert it with iconv -f UTF-16 -t UTF-8)",
                    true);
        }
    }

    private void discardRestOfLine() throws IOException {
        while (true) {
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                pos = nl + 1;
                discarding = false;
                return;
            }
            pos = limit;
            if (eof) {
                discarding = false;
                return;
            }
            fill();
        }
    }

    private void setLine(int from, int to) {
        start = from;
        end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread bytes to the front, grows the buffer if full (up to the limit), reads more. */
    private void fill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
        } else if (remaining == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes + 2L));
        }
        pos = 0;
        limit = remaining;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** The buffer holding the current line. */
    public byte[] buf() {
        return buf;
    }

    /** Start of the current line in {@link #buf()}. */
    public int start() {
        return start;
    }

    /** End of the current line (before {@code \r\n} or {@code \n}). */
    public int end() {
        return end;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The name used in messages. */
    public Path file() {
        return file;
    }

    /** Whether the input started with a UTF-8 byte-order mark (which was skipped). */
    public boolean hadBom() {
        return bom;
    }

    /** Whether the current line holds only spaces and tabs. */
    public boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that the current line is UTF-8.
     *
     * @throws RecordException {@link Check#INVALID_UTF8} naming the first bad byte
     */
    public void requireUtf8() {
        int bad = Utf8.firstInvalid(buf, start, end);
        if (bad >= 0) {
            throw new RecordException(Check.INVALID_UTF8, String.format(java.util.Locale.ROOT,
                    "invalid UTF-8 at byte %d of the line (0x%02X; expected UTF-8 text)", bad - start + 1, buf[bad] & 0xFF));
        }
    }

    /** The current line as a string; call {@link #requireUtf8()} first. */
    public String text() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
