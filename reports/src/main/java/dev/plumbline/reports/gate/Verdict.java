package dev.plumbline.reports.gate;

import java.util.List;

/**
 * One rule's outcome for one engine.
 *
 * @param rule      the rule
 * @param engine    the current engine it was checked on
 * @param status    pass, fail or skipped (not applicable, e.g. no baseline engine)
 * @param baseline  the subject's baseline value; NaN when not used
 * @param current   the subject's current value; NaN when undefined or missing
 * @param p         p-value of the significance test; NaN when not tested
 * @param pAdjusted {@code p} after Holm–Bonferroni across the gate's significance tests
 * @param message   the verdict in one readable sentence, with the numbers
 * @param notes     caveats, e.g. timings from different hardware
 */
public record Verdict(GateRule rule, String engine, Status status, double baseline, double current, double p,
                      double pAdjusted, String message, List<String> notes) {
    /** Outcome of a rule. */
    public enum Status {
        /** the bound holds */
        PASS,
        /** the bound is broken: the gate fails */
        FAIL,
        /** not applicable to this engine; does not fail the gate */
        SKIPPED
    }

    /** Copies the notes. */
    public Verdict {
        notes = List.copyOf(notes);
    }

    /** A readable test name: {@code [engine] rule text}. */
    public String name() {
        return "[" + engine + "] " + rule.text();
    }
}
