package dev.plumbline.engines.onnx;

/**
 * One node attribute ({@code AttributeProto}). Only the fields its {@code type} names are set;
 * graph-valued attributes are not read (BERT graphs have none).
 *
 * @param name   attribute name, e.g. {@code epsilon}, {@code axis}, {@code value}
 * @param type   ONNX {@code AttributeType}: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS …
 * @param f      FLOAT value
 * @param i      INT value
 * @param s      STRING value (UTF-8 decoded), or {@code null}
 * @param t      TENSOR value, or {@code null}
 * @param floats FLOATS values (empty when absent)
 * @param ints   INTS values (empty when absent)
 */
public record OnnxAttribute(String name, int type, float f, long i, String s, OnnxTensor t, float[] floats, long[] ints) {
    /** ONNX attribute type FLOAT. */
    public static final int FLOAT = 1;
    /** ONNX attribute type INT. */
    public static final int INT = 2;
    /** ONNX attribute type TENSOR. */
    public static final int TENSOR = 4;
}
