package dev.plumbline.engines;

/**
 * What an open engine holds in memory, as results report it. Memory the project allocates is
 * counted exactly (heap arrays, FFM arenas, direct buffers); memory a library allocates out of
 * sight (ONNX Runtime's session, a BLAS library's buffers) cannot be, so for it the engine
 * reports the process's resident-set growth across its creation and its first batch, and says so
 * by leaving the exact figures {@link #UNKNOWN}.
 *
 * @param weightBytes          model weights held, exact bytes: heap arrays plus what the kernel
 *                             backend holds off the heap; {@link #UNKNOWN} when a library holds them
 * @param scratchBytes         work buffers kept between calls (they grow to the largest batch so
 *                             far), exact bytes; {@link #UNKNOWN} when a library holds them
 * @param offHeapBytes         the part of the two above outside the Java heap (FFM arenas, direct
 *                             buffers), exact bytes; {@link #UNKNOWN} when not known
 * @param nativeRssGrowthBytes for memory allocated out of sight: growth of the process's resident
 *                             set ({@code VmRSS}) across the engine's creation and its first batch,
 *                             a measurement, not a count; {@link #UNKNOWN} when nothing is out of
 *                             sight, before the first batch, or where there is no {@code /proc}
 */
public record EngineMemory(long weightBytes, long scratchBytes, long offHeapBytes, long nativeRssGrowthBytes) {
    /** A figure that does not apply or cannot be known: reported as undefined, never as 0. */
    public static final long UNKNOWN = -1;

    /** Nothing known (an engine that does not report its memory). */
    public static final EngineMemory NOT_REPORTED = new EngineMemory(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);

    /** Rejects negative figures other than {@link #UNKNOWN}. */
    public EngineMemory {
        for (long v : new long[] {weightBytes, scratchBytes, offHeapBytes, nativeRssGrowthBytes}) {
            if (v < UNKNOWN) {
                throw new IllegalArgumentException("memory figures are bytes >= 0, or UNKNOWN (-1); got " + v);
            }
        }
    }

    /** Memory the engine allocates itself, all of it counted exactly. */
    public static EngineMemory exact(long weightBytes, long scratchBytes, long offHeapBytes) {
        return new EngineMemory(weightBytes, scratchBytes, offHeapBytes, UNKNOWN);
    }

    /** Memory a library allocates out of sight: only the measured resident-set growth. */
    public static EngineMemory outOfSight(long nativeRssGrowthBytes) {
        return new EngineMemory(UNKNOWN, UNKNOWN, UNKNOWN, nativeRssGrowthBytes);
    }

    /** {@code bytes} as a results value: NaN for {@link #UNKNOWN}. */
    public static double value(long bytes) {
        return bytes == UNKNOWN ? Double.NaN : bytes;
    }
}
