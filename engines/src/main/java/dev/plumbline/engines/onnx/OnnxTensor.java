package dev.plumbline.engines.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One ONNX {@code TensorProto}: an initializer or a {@code Constant} node's value. Data stays where
 * it is in the model's bytes until asked for: {@code raw_data} (little-endian) is decoded on each
 * call to {@link #floats}, {@link #int8s} or {@link #longs}; typed fields ({@code float_data},
 * {@code int32_data}, {@code int64_data}) are read into arrays when the tensor is read.
 */
public final class OnnxTensor {
    private final String name;
    private final OnnxDataType dataType;
    private final long[] dims;
    private final byte[] rawBuf;
    private final int rawOffset;
    private final int rawLength;
    private final float[] floatData;
    private final long[] int32Data;
    private final long[] int64Data;
    private final double[] doubleData;
    private final boolean external;

    OnnxTensor(String name, OnnxDataType dataType, long[] dims, byte[] rawBuf, int rawOffset, int rawLength,
               float[] floatData, long[] int32Data, long[] int64Data, double[] doubleData, boolean external) {
        this.name = name;
        this.dataType = dataType;
        this.dims = dims;
        this.rawBuf = rawBuf;
        this.rawOffset = rawOffset;
        this.rawLength = rawLength;
        this.floatData = floatData;
        this.int32Data = int32Data;
        this.int64Data = int64Data;
        this.doubleData = doubleData;
        this.external = external;
    }

    /** Tensor name ({@code ""} for a {@code Constant} node's value). */
    public String name() {
        return name;
    }

    /** Element type. */
    public OnnxDataType dataType() {
        return dataType;
    }

    /** Shape; empty for a scalar. */
    public long[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}. */
    public long dim(int i) {
        return dims[i];
    }

    /** Number of elements (1 for a scalar). */
    public int elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new OnnxFormatException("tensor '" + name + "' has " + n + " elements, more than a Java array holds");
        }
        return (int) n;
    }

    /** The shape as text, e.g. {@code [384, 1536]}. */
    public String shape() {
        return Arrays.toString(dims);
    }

    /** FP32 elements, row-major. */
    public float[] floats() {
        requireType(OnnxDataType.FLOAT);
        int n = elementCount();
        if (hasRaw()) {
            requireRawLength(n, 4);
            float[] out = new float[n];
            ByteBuffer.wrap(rawBuf, rawOffset, rawLength).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        return requireTyped(floatData, n, "float_data").clone();
    }

    /**
     * INT8 or UINT8 elements as bytes (UINT8 values above 127 read as negative bytes; mask with
     * {@code 0xFF}). Typed storage keeps them in {@code int32_data}, one per varint.
     */
    public byte[] int8s() {
        if (dataType != OnnxDataType.INT8 && dataType != OnnxDataType.UINT8) {
            throw wrongType("INT8 or UINT8");
        }
        int n = elementCount();
        if (hasRaw()) {
            requireRawLength(n, 1);
            return Arrays.copyOfRange(rawBuf, rawOffset, rawOffset + n);
        }
        long[] values = requireTyped(int32Data, n, "int32_data");
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** INT64, INT32, INT8 or UINT8 elements widened to {@code long}. */
    public long[] longs() {
        int n = elementCount();
        switch (dataType) {
            case INT64 -> {
                if (hasRaw()) {
                    requireRawLength(n, 8);
                    long[] out = new long[n];
                    ByteBuffer.wrap(rawBuf, rawOffset, rawLength).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
                    return out;
                }
                return requireTyped(int64Data, n, "int64_data").clone();
            }
            case INT32 -> {
                if (hasRaw()) {
                    requireRawLength(n, 4);
                    int[] ints = new int[n];
                    ByteBuffer.wrap(rawBuf, rawOffset, rawLength).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ints);
                    return Arrays.stream(ints).asLongStream().toArray();
                }
                // int32_data holds varint-encoded int32s; a negative one arrives sign-extended.
                long[] values = requireTyped(int32Data, n, "int32_data");
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) values[i];
                }
                return out;
            }
            case INT8, UINT8 -> {
                byte[] b = int8s();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = dataType == OnnxDataType.UINT8 ? b[i] & 0xFF : b[i];
                }
                return out;
            }
            default -> throw wrongType("an integer type");
        }
    }

    /** The value of a one-element FLOAT or DOUBLE tensor. */
    public double scalar() {
        if (elementCount() != 1) {
            throw new OnnxFormatException("tensor '" + name + "' of shape " + shape() + " is not a scalar");
        }
        if (dataType == OnnxDataType.DOUBLE) {
            if (hasRaw()) {
                requireRawLength(1, 8);
                return ByteBuffer.wrap(rawBuf, rawOffset, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
            }
            return requireTyped(doubleData, 1, "double_data")[0];
        }
        return floats()[0];
    }

    private boolean hasRaw() {
        if (external) {
            throw new OnnxFormatException("tensor '" + name + "' keeps its data in an external file; re-export the model"
                    + " with all weights inside the .onnx file (onnx.save(model, path, save_as_external_data=False))");
        }
        return rawLength >= 0;
    }

    private void requireType(OnnxDataType expected) {
        if (dataType != expected) {
            throw wrongType(expected.name());
        }
    }

    private OnnxFormatException wrongType(String expected) {
        return new OnnxFormatException("tensor '" + name + "' has type " + dataType + ", expected " + expected);
    }

    private void requireRawLength(int n, int width) {
        if ((long) n * width != rawLength) {
            throw new OnnxFormatException("tensor '" + name + "' of shape " + shape() + " and type " + dataType
                    + " needs " + (long) n * width + " bytes of raw_data, has " + rawLength);
        }
    }

    private <T> T requireTyped(T data, int n, String field) {
        int have = data == null ? 0 : java.lang.reflect.Array.getLength(data);
        if (have != n) {
            throw new OnnxFormatException("tensor '" + name + "' of shape " + shape() + " has " + have + " values in "
                    + field + ", expected " + n);
        }
        return data;
    }
}
