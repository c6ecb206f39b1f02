package dev.plumbline.engines;

/**
 * Whether an engine can run here, and if not, why and what to do about it.
 *
 * @param available whether the engine can be opened
 * @param reason    why not ({@code ""} when available)
 * @param fix       what the user can do ({@code ""} when available)
 */
public record Availability(boolean available, String reason, String fix) {

    /** An available engine. */
    public static Availability yes() {
        return new Availability(true, "", "");
    }

    /** An unavailable engine with the reason and the fix. */
    public static Availability no(String reason, String fix) {
        return new Availability(false, reason, fix);
    }

    /** One line: {@code available}, or {@code unavailable: REASON; fix: FIX}. */
    public String describe() {
        return available ? "available" : "unavailable: " + reason + "; fix: " + fix;
    }
}
