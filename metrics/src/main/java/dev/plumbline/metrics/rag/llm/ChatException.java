package dev.plumbline.metrics.rag.llm;

/**
 * A chat request that failed after all retries. The message is one line saying why (never the
 * API key); {@link #kind()} is a short label to count failures by, and {@link #status()} the HTTP
 * status of the last reply, so a report says "HTTP 503", not just "failed".
 */
public class ChatException extends Exception {
    /** Kind of a request that ran past the timeout (headers and body together). */
    public static final String TIMEOUT = "timeout";
    /** Kind of a connection the endpoint refused. */
    public static final String REFUSED = "connection refused";
    /** Kind of any other connection or transfer failure. */
    public static final String CONNECTION = "connection failed";
    /** Kind of a reply body larger than the configured cap. */
    public static final String TOO_LARGE = "reply too large";
    /** Kind of a 200 reply that is not a chat-completions JSON object. */
    public static final String MALFORMED = "malformed reply";
    /** Kind of a request abandoned because the thread was interrupted. */
    public static final String INTERRUPTED = "interrupted";

    private final String kind;
    private final int status;

    /**
     * @param kind    short label: {@code "HTTP 503"} or one of this class's constants
     * @param status  HTTP status of the last reply, or 0 when none arrived
     * @param message one line: what failed and, where there is one, the fix
     */
    public ChatException(String kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    /** A failure that carries no HTTP status. */
    public ChatException(String kind, String message) {
        this(kind, 0, message);
    }

    /** Short label to count failures by, e.g. {@code "HTTP 429"} or {@code "timeout"}. */
    public String kind() {
        return kind;
    }

    /** HTTP status of the last reply, or 0 when no reply arrived. */
    public int status() {
        return status;
    }
}
