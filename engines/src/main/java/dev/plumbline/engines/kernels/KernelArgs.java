package dev.plumbline.engines.kernels;

/**
 * Argument checks shared by every backend, so all of them reject the same calls with the same
 * message: each names the constraint that was broken. Public for backends in other modules, which
 * must check before every native call (a bad length must be an exception, never a crash).
 */
public final class KernelArgs {
    private KernelArgs() {
    }

    /** Checks {@link Kernels#pack} arguments. */
    public static void pack(float[] w, int k, int n) {
        if (k <= 0 || n <= 0) {
            throw new IllegalArgumentException("weight shape must be positive, got k=" + k + ", n=" + n);
        }
        if ((long) k * n > w.length) {
            throw new IllegalArgumentException("weight array holds " + w.length + " floats, fewer than k·n = "
                    + k + "·" + n);
        }
    }

    /** Checks {@link Kernels#gemm} arguments against the packed shape. */
    public static void gemm(float[] a, int m, Kernels.PackedMatrix w, float[] bias, float[] c) {
        if (m < 0) {
            throw new IllegalArgumentException("row count m must be >= 0, got " + m);
        }
        if ((long) m * w.k() > a.length) {
            throw new IllegalArgumentException("a holds " + a.length + " floats, fewer than m·k = " + m + "·" + w.k());
        }
        if ((long) m * w.n() > c.length) {
            throw new IllegalArgumentException("c holds " + c.length + " floats, fewer than m·n = " + m + "·" + w.n());
        }
        if (bias != null && bias.length < w.n()) {
            throw new IllegalArgumentException("bias holds " + bias.length + " floats, needs n = " + w.n());
        }
    }

    /** Checks {@link Kernels#attention} arguments: shapes, one offset per length, rows in order. */
    public static void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        if (heads <= 0 || headDim <= 0) {
            throw new IllegalArgumentException("attention needs heads and headDim > 0, got " + heads + ", "
                    + headDim);
        }
        if (offsets.length != lengths.length) {
            throw new IllegalArgumentException("offsets has " + offsets.length + " entries and lengths "
                    + lengths.length + "; give one offset and one length per sequence");
        }
        long end = 0;
        for (int s = 0; s < offsets.length; s++) {
            if (lengths[s] < 1) {
                throw new IllegalArgumentException("lengths[" + s + "] = " + lengths[s] + " must be >= 1");
            }
            if (offsets[s] < end) {
                throw new IllegalArgumentException("offsets[" + s + "] = " + offsets[s] + " must be >= " + end
                        + " (sequences in row order, not overlapping)");
            }
            end = (long) offsets[s] + lengths[s];
        }
        long size = end * heads * headDim;
        for (float[] x : new float[][] {q, k, v, out}) {
            if (x.length < size) {
                throw new IllegalArgumentException("q, k, v and out must hold (last row + 1)·heads·headDim = "
                        + size + " floats, one holds " + x.length);
            }
        }
    }

    /** Checks {@link Kernels#addLayerNorm} arguments. */
    public static void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("layer norm needs rows >= 0 and cols > 0, got " + rows + ", " + cols);
        }
        long size = (long) rows * cols;
        if (x.length < size || (residual != null && residual.length < size)) {
            throw new IllegalArgumentException("x and residual must hold rows·cols = " + size + " floats");
        }
        if (gamma.length < cols || beta.length < cols) {
            throw new IllegalArgumentException("gamma and beta must hold cols = " + cols + " floats");
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
    }

    /** Checks {@link Kernels#gelu} arguments. */
    public static void gelu(float[] x, int n) {
        if (n < 0 || n > x.length) {
            throw new IllegalArgumentException("n must be in [0, x.length = " + x.length + "], got " + n);
        }
    }

    /** The backend's own packed type, or an error that says where the matrix came from. */
    public static <T extends Kernels.PackedMatrix> T own(Kernels.PackedMatrix w, Class<T> type, String backend) {
        if (!type.isInstance(w)) {
            throw new IllegalArgumentException("matrix was packed by another backend; pack it with the "
                    + backend + " backend's pack()");
        }
        return type.cast(w);
    }
}
