package dev.plumbline.harness.generate;

/**
 * What a generator gave for one question: the answer text, or why there is none. A failed
 * answer is counted and its metrics are failed, never judged as an empty answer.
 *
 * @param text        the answer, or {@code null} when generation failed
 * @param failureKind a short label to count failures by ({@code HTTP 429}, {@code timeout}), or {@code null}
 * @param failure     one line on what failed, or {@code null}
 */
public record Answer(String text, String failureKind, String failure) {
    /** A generated answer. */
    public static Answer of(String text) {
        return new Answer(text, null, null);
    }

    /** A failed generation. */
    public static Answer failed(String kind, String message) {
        return new Answer(null, kind, message);
    }

    /** Whether there is an answer. */
    public boolean ok() {
        return text != null;
    }
}
