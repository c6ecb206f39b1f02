package dev.plumbline.engines.onnx;

import java.nio.charset.StandardCharsets;

/**
 * A reader of the protobuf wire format over a byte range, enough for ONNX: varints, 32/64-bit
 * fixed values and length-delimited fields (strings, bytes, sub-messages, packed arrays). Reading a
 * sub-message returns a reader over the same array, so no bytes are copied.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int limit;

    ProtoReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new OnnxFormatException("field range " + offset + "+" + length + " outside " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    boolean hasMore() {
        return pos < limit;
    }

    /** Position in the underlying array (for error messages and raw-data offsets). */
    int position() {
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    /** Reads a field key; {@code tag >>> 3} is the field number and {@code tag & 7} the wire type. */
    int readTag() {
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE) {
            throw new OnnxFormatException("invalid field key " + tag + " at byte " + pos);
        }
        return (int) tag;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new OnnxFormatException("truncated varint at byte " + pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new OnnxFormatException("varint longer than 10 bytes at byte " + pos);
    }

    int readFixed32() {
        require(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long readFixed64() {
        long lo = readFixed32() & 0xFFFFFFFFL;
        long hi = readFixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /** Length of the next length-delimited field; the reader stays before its content. */
    int readLength() {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw new OnnxFormatException("length " + len + " at byte " + pos + " runs past the end of its message ("
                    + (limit - pos) + " bytes left): the file is truncated or not an ONNX model");
        }
        return (int) len;
    }

    /** Reads a length-delimited field as a sub-message reader and skips past it. */
    ProtoReader readMessage() {
        int len = readLength();
        ProtoReader sub = new ProtoReader(buf, pos, len);
        pos += len;
        return sub;
    }

    String readString() {
        int len = readLength();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** Skips the value of a field with wire type {@code wireType}. */
    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                require(8);
                pos += 8;
            }
            case LENGTH_DELIMITED -> {
                // Not `pos += readLength()`: Java reads pos before the call moves it past the
                // length's own bytes, so the skip would land that many bytes short.
                int len = readLength();
                pos += len;
            }
            case FIXED32 -> {
                require(4);
                pos += 4;
            }
            default -> throw new OnnxFormatException("unsupported wire type " + wireType + " at byte " + pos
                    + " (groups are not used by ONNX)");
        }
    }

    /** Skips {@code n} bytes of a field whose length was read with {@link #readLength}. */
    void skipBytes(int n) {
        require(n);
        pos += n;
    }

    /** Appends a repeated varint field's values, packed (wire type 2) or not, to {@code out}. */
    void readVarints(int wireType, LongList out) {
        if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = readMessage();
            while (packed.hasMore()) {
                out.add(packed.readVarint());
            }
        } else if (wireType == VARINT) {
            out.add(readVarint());
        } else {
            throw new OnnxFormatException("expected a varint field, got wire type " + wireType + " at byte " + pos);
        }
    }

    private void require(int n) {
        if (limit - pos < n) {
            throw new OnnxFormatException("truncated fixed-width value at byte " + pos);
        }
    }

    /** A growable {@code long[]}. */
    static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
