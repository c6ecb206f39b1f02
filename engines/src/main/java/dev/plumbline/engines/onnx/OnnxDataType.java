package dev.plumbline.engines.onnx;

/** The ONNX {@code TensorProto.DataType} values, with their byte widths where fixed. */
public enum OnnxDataType {
    UNDEFINED(0, 0), FLOAT(1, 4), UINT8(2, 1), INT8(3, 1), UINT16(4, 2), INT16(5, 2), INT32(6, 4), INT64(7, 8),
    STRING(8, 0), BOOL(9, 1), FLOAT16(10, 2), DOUBLE(11, 8), UINT32(12, 4), UINT64(13, 8), COMPLEX64(14, 8),
    COMPLEX128(15, 16), BFLOAT16(16, 2);

    private final int code;
    private final int bytes;

    OnnxDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The numeric code in the file. */
    public int code() {
        return code;
    }

    /** Bytes per element in {@code raw_data}; 0 for variable-width types. */
    public int bytes() {
        return bytes;
    }

    /** The type with {@code code}; codes beyond this list (float8 variants, int4 …) are an error. */
    public static OnnxDataType of(int code) {
        for (OnnxDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new OnnxFormatException("unsupported ONNX tensor data type " + code
                + " (supported: FLOAT, INT8, UINT8, INT32, INT64 and the other ONNX 1.0 types)");
    }
}
