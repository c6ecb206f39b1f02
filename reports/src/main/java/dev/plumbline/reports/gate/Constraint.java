package dev.plumbline.reports.gate;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a gate rule bounds. */
public enum Constraint {
    /** the current value must be at least the limit */
    MIN("min", false),
    /** the current value must be at most the limit */
    MAX("max", false),
    /** {@code baseline - current} must be at most the limit (absolute, or relative to the baseline with %) */
    MAX_DROP("max_drop", true),
    /** {@code current - baseline} must be at most the limit (absolute, or relative to the baseline with %) */
    MAX_INCREASE("max_increase", true);

    private final String keyword;
    private final boolean needsBaseline;

    Constraint(String keyword, boolean needsBaseline) {
        this.keyword = keyword;
        this.needsBaseline = needsBaseline;
    }

    /** The keyword in a rules file. */
    public String keyword() {
        return keyword;
    }

    /** Whether it compares with a baseline. */
    public boolean needsBaseline() {
        return needsBaseline;
    }

    /** The constraint for a keyword, or {@code null}. */
    public static Constraint fromKeyword(String keyword) {
        for (Constraint c : values()) {
            if (c.keyword.equals(keyword)) {
                return c;
            }
        }
        return null;
    }

    /** All keywords, for error messages. */
    public static String keywords() {
        return Arrays.stream(values()).map(Constraint::keyword).collect(Collectors.joining(", "));
    }
}
