package dev.plumbline.metrics.rag.llm;

/** A chat request that failed after all retries; the message says why (never the API key). */
public class ChatException extends Exception {
    /** @param message what failed */
    public ChatException(String message) {
        super(message);
    }
}
