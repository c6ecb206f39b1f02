package dev.plumbline.engines.onnx;

/**
 * An ONNX file that cannot be read, or a graph this project cannot map to its typed weights. The
 * message names what is wrong or missing and, where there is one, the fix.
 */
public class OnnxFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and the fix where there is one */
    public OnnxFormatException(String message) {
        super(message);
    }
}
