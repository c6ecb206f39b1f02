package dev.plumbline.datasets;

import java.util.Locale;

/** What a loader does with a malformed record. */
public enum OnError {
    /** Stop at the first malformed record with {@code file:line: what is wrong (expected …)}. The default. */
    FAIL,
    /** Skip malformed records, count them and list them in the {@link LoadReport}. */
    SKIP;

    /** Parses {@code fail} or {@code skip}. */
    public static OnError parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "fail" -> FAIL;
            case "skip" -> SKIP;
            default -> throw new IllegalArgumentException("--on-error must be fail or skip, got " + s);
        };
    }
}
