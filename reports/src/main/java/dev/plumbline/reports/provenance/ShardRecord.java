package dev.plumbline.reports.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One part of a sharded run, as the merged results document names it: which part, where its
 * partial results were read from, and the figures that belong to its process alone (times,
 * command line, peak resident set), since those are not the merged run's.
 *
 * @param index        the part, 1 … {@code count}
 * @param count        the number of parts
 * @param folder       the partial results folder as given to {@code plumbline merge}
 * @param startedAt    when the part's run started
 * @param finishedAt   when it finished
 * @param command      the part's command line
 * @param peakRssBytes the part's process peak resident set, bytes; NaN when unknown
 */
public record ShardRecord(int index, int count, String folder, Instant startedAt, Instant finishedAt,
                          List<String> command, double peakRssBytes) {
    /** Checks required parts and copies the command. */
    public ShardRecord {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        command = List.copyOf(command);
    }
}
