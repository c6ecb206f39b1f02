package dev.plumbline.reports.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A flat table written as one Parquet file: named columns of UTF-8 strings or doubles, each
 * required or optional ({@code null} allowed). One row group, one data page (v1) per column,
 * PLAIN values, definition levels of optional columns RLE-encoded (bit width 1), no compression,
 * no statistics. Written in one pass into memory: meant for result exports, not for gigabytes.
 */
public final class ParquetTable {
    /** Column types. */
    public enum Type {
        /** {@code BYTE_ARRAY} annotated as a UTF-8 string. */
        STRING,
        /** {@code DOUBLE}. */
        DOUBLE
    }

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    // parquet.thrift enum values.
    private static final int TYPE_DOUBLE = 5;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int REQUIRED = 0;
    private static final int OPTIONAL = 1;
    private static final int CONVERTED_UTF8 = 0;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int CODEC_UNCOMPRESSED = 0;
    private static final int PAGE_DATA = 0;

    private record Column(String name, Type type, boolean optional, List<Object> values) {
    }

    private final List<Column> columns = new ArrayList<>();
    private int rows = -1;

    /** Adds a column; every column must have the same number of values. */
    public ParquetTable column(String name, Type type, boolean optional, List<?> values) {
        Objects.requireNonNull(name, "name");
        if (rows >= 0 && values.size() != rows) {
            throw new IllegalArgumentException("column " + name + " has " + values.size() + " values, the others " + rows);
        }
        for (Object v : values) {
            if (v == null ? !optional : type == Type.STRING ? !(v instanceof String) : !(v instanceof Double)) {
                throw new IllegalArgumentException("column " + name + ": " + (v == null ? "null in a required column"
                        : "a " + v.getClass().getSimpleName() + " in a " + type + " column"));
            }
        }
        rows = values.size();
        columns.add(new Column(name, type, optional, new ArrayList<>(values)));
        return this;
    }

    /** Writes the file. */
    public void write(OutputStream out) throws IOException {
        int n = Math.max(rows, 0);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(MAGIC);
        long[] offsets = new long[columns.size()];
        long[] sizes = new long[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            byte[] body = pageBody(col);  // refuses text UTF-8 cannot encode, before anything is written
            byte[] header = new ThriftCompact().begin()
                    .i32(1, PAGE_DATA).i32(2, body.length).i32(3, body.length)
                    .struct(5).i32(1, n).i32(2, ENCODING_PLAIN).i32(3, ENCODING_RLE).i32(4, ENCODING_RLE).end()
                    .end().toByteArray();
            offsets[c] = file.size();
            file.writeBytes(header);
            file.writeBytes(body);
            sizes[c] = header.length + (long) body.length;
        }
        byte[] footer = footer(n, offsets, sizes);
        file.writeBytes(footer);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
        file.writeBytes(MAGIC);
        file.writeTo(out);
    }

    private static byte[] pageBody(Column col) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (col.optional()) {
            byte[] levels = definitionLevels(col.values());
            body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(levels.length).array());
            body.writeBytes(levels);
        }
        for (Object v : col.values()) {
            if (v == null) {
                continue; // absent values are only in the definition levels
            }
            if (col.type() == Type.DOUBLE) {
                body.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble((Double) v).array());
            } else {
                byte[] b = utf8((String) v);
                body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
                body.writeBytes(b);
            }
        }
        return body.toByteArray();
    }

    /**
     * UTF-8 bytes of {@code s}; a lone surrogate is an error, as in every text format Plumbline
     * writes ({@code String.getBytes} would silently turn it into {@code ?}).
     */
    private static byte[] utf8(String s) throws IOException {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("text with an unpaired surrogate (a lone \\uD800-\\uDFFF), which UTF-8 cannot "
                    + "encode; fix the input that holds it", e);
        }
    }

    /** The RLE/bit-packing hybrid with bit width 1, as RLE runs only: varint(run length << 1), then one byte. */
    static byte[] definitionLevels(List<Object> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < values.size()) {
            int level = values.get(i) == null ? 0 : 1;
            int j = i;
            while (j < values.size() && (values.get(j) == null ? 0 : 1) == level) {
                j++;
            }
            long header = (long) (j - i) << 1;
            while ((header & ~0x7FL) != 0) {
                out.write((int) ((header & 0x7F) | 0x80));
                header >>>= 7;
            }
            out.write((int) header);
            out.write(level);
            i = j;
        }
        return out.toByteArray();
    }

    private byte[] footer(int n, long[] offsets, long[] sizes) {
        ThriftCompact t = new ThriftCompact().begin().i32(1, 1);
        t.list(2, ThriftCompact.STRUCT, columns.size() + 1);
        t.begin().string(4, "schema").i32(5, columns.size()).end();
        for (Column c : columns) {
            t.begin().i32(1, c.type() == Type.DOUBLE ? TYPE_DOUBLE : TYPE_BYTE_ARRAY)
                    .i32(3, c.optional() ? OPTIONAL : REQUIRED).string(4, c.name());
            if (c.type() == Type.STRING) {
                // converted_type UTF8 for old readers, logicalType STRING (an empty struct) for new ones.
                t.i32(6, CONVERTED_UTF8).struct(10).struct(1).end().end();
            }
            t.end();
        }
        t.i64(3, n);
        t.list(4, ThriftCompact.STRUCT, 1).begin();
        t.list(1, ThriftCompact.STRUCT, columns.size());
        long total = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            t.begin().i64(2, offsets[c]).struct(3)
                    .i32(1, col.type() == Type.DOUBLE ? TYPE_DOUBLE : TYPE_BYTE_ARRAY);
            t.list(2, ThriftCompact.I32, 2).i32Element(ENCODING_PLAIN).i32Element(ENCODING_RLE);
            t.list(3, ThriftCompact.BINARY, 1).stringElement(col.name());
            t.i32(4, CODEC_UNCOMPRESSED).i64(5, n).i64(6, sizes[c]).i64(7, sizes[c]).i64(9, offsets[c]).end().end();
            total += sizes[c];
        }
        t.i64(2, total).i64(3, n).end();
        t.string(6, "plumbline");
        return t.end().toByteArray();
    }
}
