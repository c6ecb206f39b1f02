package dev.plumbline.harness.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long stage on stderr: a line redrawn in place with items/s and ETA when stderr is
 * a terminal, otherwise a log line at most every {@value #LOG_EVERY_SECONDS} seconds (and at the
 * end), so CI logs stay readable; nothing with {@code --quiet}.
 */
public final class Progress {
    static final int LOG_EVERY_SECONDS = 10;

    private final PrintStream err;
    private final boolean quiet;
    private final boolean terminal;

    /**
     * @param err   where progress goes
     * @param quiet print nothing
     */
    public Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = err == System.err && System.console() != null && System.console().isTerminal();
    }

    /** One line of status, unless quiet. */
    public void note(String line) {
        if (!quiet) {
            err.println("plumbline: " + line);
        }
    }

    /** Starts tracking a stage of {@code total} items. */
    public Task start(String label, long total) {
        return new Task(label, total);
    }

    /** One stage in progress. */
    public final class Task {
        private final String label;
        private final long total;
        private final long start = System.nanoTime();
        private long lastLog = start;
        private long done;

        Task(String label, long total) {
            this.label = label;
            this.total = total;
        }

        /** Sets the items done so far. */
        public void update(long doneSoFar) {
            this.done = doneSoFar;
            long now = System.nanoTime();
            if (quiet) {
                return;
            }
            if (terminal) {
                err.print("\r" + line(now) + "   ");
                err.flush();
            } else if (now - lastLog >= LOG_EVERY_SECONDS * 1_000_000_000L && done < total) {
                lastLog = now;
                err.println("plumbline: " + line(now));
            }
        }

        /**
         * Ends the stage with a summary line.
         *
         * @param skipped items that needed no work (read from a cache); left out of the rate
         */
        public void finish(long skipped) {
            if (quiet) {
                return;
            }
            long now = System.nanoTime();
            double secs = (now - start) / 1e9;
            long worked = done - skipped;
            String summary = worked == 0
                    ? String.format(Locale.ROOT, "plumbline: %s: all %d from the cache", label, done)
                    : String.format(Locale.ROOT, "plumbline: %s %d in %.1f s (%.1f/s)%s", label, worked, secs,
                    worked / Math.max(secs, 1e-9), skipped > 0 ? ", " + skipped + " more from the cache" : "");
            err.println(terminal ? "\r" + summary + "                    " : summary);
        }

        private String line(long now) {
            double secs = (now - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            double eta = rate > 0 ? (total - done) / rate : Double.NaN;
            return String.format(Locale.ROOT, "plumbline: %s %d/%d (%.1f/s, ETA %s)", label, done, total, rate,
                    Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0f s", eta));
        }
    }
}
