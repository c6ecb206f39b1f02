package dev.plumbline.engines;

/** An engine was asked for but cannot run here; the message carries the reason and the fix. */
public class EngineUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param engine       the engine's name
     * @param availability why it cannot run, and the fix
     */
    public EngineUnavailableException(String engine, Availability availability) {
        super("engine '" + engine + "' is " + availability.describe());
    }
}
