package dev.plumbline.ffm;

/**
 * The status codes of the native kernels ({@code enum plumbline_status} in {@code plumbline.h},
 * same numbers). Java checks arguments before every downcall, so anything but {@link #OK} means the
 * two sides disagree about a contract: it becomes an exception naming the call, never a crash.
 */
public enum NativeStatus {
    /** Success. */
    OK(0),
    /** An argument is out of range (size, NULL pointer, alignment). */
    EINVAL(1),
    /** The requested instruction-set level is not supported by this CPU. */
    EUNSUPPORTED(2);

    private final int code;

    NativeStatus(int code) {
        this.code = code;
    }

    /** The C value. */
    public int code() {
        return code;
    }

    /** The status with C value {@code code}. */
    public static NativeStatus of(int code) {
        for (NativeStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalStateException("native kernel returned unknown status " + code
                + "; the library and dev.plumbline.ffm are from different builds (rebuild with ./run-tests)");
    }

    /**
     * Throws unless {@code code} is {@link #OK}.
     *
     * @param call the C function, for the message
     */
    static void check(int code, String call) {
        if (code != OK.code) {
            NativeStatus s = of(code);
            throw new IllegalArgumentException(call + " returned " + s + ": the Java argument checks let through a call"
                    + " the C kernel rejects; report this with the call's sizes");
        }
    }
}
