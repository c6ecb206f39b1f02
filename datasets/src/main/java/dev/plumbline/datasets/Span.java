package dev.plumbline.datasets;

import java.util.Objects;

/**
 * A hallucinated span of a response.
 *
 * <p>Offsets count Unicode code points, as Python string indices do (RAGTruth's {@code start} and
 * {@code end} are Python indices); {@link #in(String)} converts them for a Java string. A span
 * known only by its text has offsets -1.
 *
 * @param start first code point of the span in the response, or -1 when unknown
 * @param end   one past the last code point, or -1 when unknown
 * @param text  the span's text
 * @param type  the kind of hallucination (e.g. {@code Evident Conflict}, {@code changed_number}), or {@code null}
 */
public record Span(int start, int end, String text, String type) {
    /** Checks the offsets. */
    public Span {
        Objects.requireNonNull(text, "text");
        if (start < -1 || end < -1 || (start >= 0) != (end >= 0) || end < start) {
            throw new IllegalArgumentException("span offsets must be both -1 or 0 <= start <= end, got ["
                    + start + ", " + end + ")");
        }
    }

    /** Whether the offsets are known. */
    public boolean hasOffsets() {
        return start >= 0;
    }

    /**
     * The span's text as it stands in {@code response} at its code-point offsets, or {@code null}
     * when the offsets are unknown or fall outside the response.
     */
    public String in(String response) {
        if (!hasOffsets() || end > response.codePointCount(0, response.length())) {
            return null;
        }
        int from = response.offsetByCodePoints(0, start);
        int to = response.offsetByCodePoints(from, end - start);
        return response.substring(from, to);
    }

    /**
     * A span located by its text: the first occurrence of {@code text} in {@code response}, or
     * offsets -1 when it does not occur.
     */
    public static Span locate(String response, String text, String type) {
        int at = text.isEmpty() ? -1 : response.indexOf(text);
        if (at < 0) {
            return new Span(-1, -1, text, type);
        }
        int start = response.codePointCount(0, at);
        return new Span(start, start + text.codePointCount(0, text.length()), text, type);
    }
}
