package dev.plumbline.datasets.trec;

import dev.plumbline.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file line by line into a reusable byte buffer, so a 270 MB run is parsed without
 * creating a {@code String} per line. A line is {@code buf()[start(), end())} without its
 * {@code \n}; the buffer contents are valid until the next call to {@link #next()}.
 */
final class LineScanner implements AutoCloseable {
    /** Longest accepted line; longer ones are an input error rather than unbounded memory. */
    static final int MAX_LINE_BYTES = 1 << 24;

    private final Path file;
    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long lineNumber;

    LineScanner(Path file) throws IOException {
        this.file = file;
        this.in = file.toString().equals("-") ? System.in : Files.newInputStream(file);
    }

    /** Advances to the next line; {@code false} at end of input. */
    boolean next() throws IOException {
        while (true) {
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                start = pos;
                end = nl;
                pos = nl + 1;
                lineNumber++;
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    lineNumber++;
                    return true;
                }
                return false;
            }
            fill();
        }
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

    private void fill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
        } else if (remaining == buf.length) {
            if (buf.length >= MAX_LINE_BYTES) {
                throw new DatasetFormatException(file, lineNumber + 1,
                        "line longer than " + MAX_LINE_BYTES + " bytes (expected one record per line)");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
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

    byte[] buf() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    long lineNumber() {
        return lineNumber;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (in != System.in) {
            in.close();
        }
    }

    /** C {@code isspace} in the "C" locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }
}
