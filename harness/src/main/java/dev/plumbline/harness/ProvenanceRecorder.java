package dev.plumbline.harness;

import dev.plumbline.reports.provenance.Provenance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Starts the provenance record of a run from what the harness knows: Plumbline's version and
 * commit ({@link BuildInfo}), this JVM, OS and machine, the evaluation thread count and the exact
 * command line. The command adds engines, datasets, judge and seeds, sets the finish time when
 * it is done, and builds.
 */
public final class ProvenanceRecorder {
    private ProvenanceRecorder() {
    }

    /**
     * A builder with the start time set to now.
     *
     * @param args the arguments after {@code plumbline}, as given
     */
    public static Provenance.Builder start(List<String> args, Clock clock) {
        List<String> command = new ArrayList<>();
        command.add("plumbline");
        command.addAll(args);
        return Provenance.builder()
                .plumbline(BuildInfo.version(), BuildInfo.commit())
                .currentHost()
                // Parallel streams (IR topics, bootstrap intervals) run on the common pool plus the caller.
                .threads("evaluation", ForkJoinPool.commonPool().getParallelism() + 1)
                .command(command)
                .startedAt(clock.instant());
    }
}
