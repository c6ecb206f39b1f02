package dev.plumbline.engines.kernels;

/**
 * A {@link Kernels.Buffer} that is a Java array: what every CPU backend's buffers are, so the
 * encoder's buffer calls cost them nothing (the default buffer methods of {@link Kernels} unwrap
 * the array and call the array methods).
 */
public final class HostBuffer implements Kernels.Buffer {
    private final float[] array;

    /** Wraps {@code array} without copying it. */
    public HostBuffer(float[] array) {
        this.array = array;
    }

    /** The array itself (not a copy). */
    public float[] array() {
        return array;
    }

    @Override
    public int floats() {
        return array.length;
    }

    @Override
    public long heapBytes() {
        return (long) array.length * Float.BYTES;
    }

    /**
     * The array behind {@code buffer}, or {@code null} for a {@code null} buffer (an absent bias or
     * residual).
     *
     * @param backend the backend that was asked to use the buffer, for the message
     * @throws IllegalArgumentException when the buffer belongs to a backend whose buffers are not arrays
     */
    public static float[] array(Kernels.Buffer buffer, String backend) {
        if (buffer == null) {
            return null;
        }
        if (buffer instanceof HostBuffer host) {
            return host.array;
        }
        throw new IllegalArgumentException("buffer " + buffer + " was allocated by another backend; allocate it with"
                + " the " + backend + " backend's allocate() or constant()");
    }
}
