package dev.plumbline.datasets;

import java.util.Locale;

/** The label of a labelled RAG sample: is the response faithful to its context, or hallucinated. */
public enum Label {
    /** The response is supported by its context (or by the reference, where there is no context). */
    FAITHFUL,
    /** The response contains at least one unsupported or contradicted claim. */
    HALLUCINATED;

    /** The name used in files: {@code faithful} or {@code hallucinated}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code faithful} or {@code hallucinated}, ignoring case and surrounding blanks.
     *
     * @return the label, or {@code null} for any other text
     */
    public static Label parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "faithful" -> FAITHFUL;
            case "hallucinated" -> HALLUCINATED;
            default -> null;
        };
    }
}
