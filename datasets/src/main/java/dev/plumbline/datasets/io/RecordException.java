package dev.plumbline.datasets.io;

import dev.plumbline.datasets.Check;

/**
 * A problem with the record being read, without its location: the loop that reads the file adds
 * {@code file:line} and applies the error policy. A problem that leaves the rest of the file
 * unreadable (an unclosed CSV quote, a broken JSON array) is {@link #stopsFile() fatal} for that file.
 */
public class RecordException extends RuntimeException {
    private final Check check;
    private final boolean stopsFile;

    /** A problem with one record; reading goes on with the next under {@code --on-error skip}. */
    public RecordException(Check check, String message) {
        this(check, message, false);
    }

    /**
     * @param check     the check that failed
     * @param message   what is wrong and what was expected
     * @param stopsFile whether the rest of the file cannot be read
     */
    public RecordException(Check check, String message, boolean stopsFile) {
        super(message, null, false, false);
        this.check = check;
        this.stopsFile = stopsFile;
    }

    /** The check that failed. */
    public Check check() {
        return check;
    }

    /** Whether the rest of the file cannot be read. */
    public boolean stopsFile() {
        return stopsFile;
    }
}
