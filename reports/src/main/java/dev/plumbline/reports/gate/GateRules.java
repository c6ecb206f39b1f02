package dev.plumbline.reports.gate;

import java.util.List;

/**
 * The rules of one rules file.
 *
 * @param file  where they were read from, for messages
 * @param rules in file order
 */
public record GateRules(String file, List<GateRule> rules) {
    /** Copies the list. */
    public GateRules {
        rules = List.copyOf(rules);
    }

    /** Whether any rule compares with a baseline. */
    public boolean needBaseline() {
        return rules.stream().anyMatch(r -> r.constraint().needsBaseline());
    }
}
