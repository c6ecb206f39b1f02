package dev.plumbline.reports.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Thrift's compact protocol, the writing half and only what Parquet's footer and page headers
 * use: structs, i32, i64, binary (strings) and lists of i32, strings or structs. Field ids are
 * written as deltas from the previous field of the same struct.
 */
final class ThriftCompact {
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastField = new ArrayDeque<>();
    private int last;

    private void fieldHeader(int id, int type) {
        int delta = id - last;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            varint(zigzag32((short) id));
        }
        last = id;
    }

    ThriftCompact i32(int id, int v) {
        fieldHeader(id, I32);
        varint(zigzag32(v));
        return this;
    }

    ThriftCompact i64(int id, long v) {
        fieldHeader(id, I64);
        varint(zigzag64(v));
        return this;
    }

    ThriftCompact string(int id, String v) {
        fieldHeader(id, BINARY);
        bytes(v);
        return this;
    }

    /** Opens a struct field; close it with {@link #end()}. */
    ThriftCompact struct(int id) {
        fieldHeader(id, STRUCT);
        return begin();
    }

    /** Opens a struct that is a list element (no field header). */
    ThriftCompact begin() {
        lastField.push(last);
        last = 0;
        return this;
    }

    /** Closes the innermost struct. */
    ThriftCompact end() {
        out.write(0);
        last = lastField.pop();
        return this;
    }

    /** A list field header: {@code size} elements of {@code elementType} follow. */
    ThriftCompact list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write((size << 4) | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** A list element of type i32. */
    ThriftCompact i32Element(int v) {
        varint(zigzag32(v));
        return this;
    }

    /** A list element of type string. */
    ThriftCompact stringElement(String v) {
        bytes(v);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void bytes(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag32(int v) {
        return ((v << 1) ^ (v >> 31)) & 0xFFFFFFFFL;
    }

    private static long zigzag64(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
