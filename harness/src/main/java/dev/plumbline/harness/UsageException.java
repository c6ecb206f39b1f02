package dev.plumbline.harness;

/** A command line that cannot be run as given; the message names the fix. Exit code 2. */
public class UsageException extends RuntimeException {
    /** @param message the problem and the fix, one line */
    public UsageException(String message) {
        super(message);
    }
}
