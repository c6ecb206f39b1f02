package dev.plumbline.reports.gate;

import java.util.List;

/**
 * All verdicts of a gate run. Exit code 0 when nothing failed, 1 otherwise.
 *
 * @param rulesFile     the rules file
 * @param baselineRunId the baseline's run id, empty without a baseline
 * @param currentRunId  the current run id
 * @param baselineFile  the baseline file, empty without a baseline
 * @param currentFile   the current results file
 * @param verdicts      one per rule and engine, in rule order
 * @param notes         caveats for the whole gate
 */
public record GateOutcome(String rulesFile, String baselineRunId, String currentRunId, String baselineFile,
                          String currentFile, List<Verdict> verdicts, List<String> notes) {
    /** The gate document schema's name. */
    public static final String SCHEMA = "plumbline.gate";
    /** The schema version written. */
    public static final int SCHEMA_VERSION = 1;
    /** Exit code of a failed gate. */
    public static final int EXIT_FAILED = 1;

    /** Copies the lists. */
    public GateOutcome {
        verdicts = List.copyOf(verdicts);
        notes = List.copyOf(notes);
    }

    /** Whether no verdict failed. */
    public boolean passed() {
        return verdicts.stream().noneMatch(v -> v.status() == Verdict.Status.FAIL);
    }

    /** 0 when passed, 1 when any rule failed. */
    public int exitCode() {
        return passed() ? 0 : EXIT_FAILED;
    }

    /** Verdicts with the given status. */
    public long count(Verdict.Status status) {
        return verdicts.stream().filter(v -> v.status() == status).count();
    }
}
