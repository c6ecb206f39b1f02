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
        gemm(a.length, m, w, bias == null ? NONE : bias.length, c.length);
    }

    /** Length of an optional argument that is absent ({@code null}), for the length-based checks. */
    public static final int NONE = -1;

    /**
     * {@link #gemm(float[], int, Kernels.PackedMatrix, float[], float[])} on the lengths of the
     * arguments (floats each holds; {@link #NONE} for no bias), for backends whose buffers are not
     * Java arrays.
     */
    public static void gemm(long aFloats, int m, Kernels.PackedMatrix w, long biasFloats, long cFloats) {
        if (m < 0) {
            throw new IllegalArgumentException("row count m must be >= 0, got " + m);
        }
        if ((long) m * w.k() > aFloats) {
            throw new IllegalArgumentException("a holds " + aFloats + " floats, fewer than m·k = " + m + "·" + w.k());
        }
        if ((long) m * w.n() > cFloats) {
            throw new IllegalArgumentException("c holds " + cFloats + " floats, fewer than m·n = " + m + "·" + w.n());
        }
        if (biasFloats != NONE && biasFloats < w.n()) {
            throw new IllegalArgumentException("bias holds " + biasFloats + " floats, needs n = " + w.n());
        }
    }

    /** Checks {@link Kernels#attention} arguments: shapes, one offset per length, rows in order. */
    public static void attention(float[] q, float[] k, float[] v, int[] offsets, int[] lengths, int heads, int headDim,
                          float[] out) {
        attention(Math.min(Math.min(q.length, k.length), Math.min(v.length, out.length)), offsets, lengths, heads,
                headDim);
    }

    /**
     * {@link #attention(float[], float[], float[], int[], int[], int, int, float[])} with the
     * length of the shortest of q, k, v and out.
     */
    public static void attention(long shortestFloats, int[] offsets, int[] lengths, int heads, int headDim) {
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
        if (shortestFloats < size) {
            throw new IllegalArgumentException("q, k, v and out must hold (last row + 1)·heads·headDim = "
                    + size + " floats, one holds " + shortestFloats);
        }
    }

    /** Checks {@link Kernels#addLayerNorm} arguments. */
    public static void addLayerNorm(float[] x, float[] residual, int rows, int cols, float[] gamma, float[] beta,
                             float epsilon) {
        addLayerNorm(x.length, residual == null ? NONE : residual.length, rows, cols,
                Math.min(gamma.length, beta.length), epsilon);
    }

    /**
     * {@link #addLayerNorm(float[], float[], int, int, float[], float[], float)} on lengths
     * ({@link #NONE} for no residual; the shorter of gamma and beta).
     */
    public static void addLayerNorm(long xFloats, long residualFloats, int rows, int cols, long gammaBetaFloats,
                                    float epsilon) {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("layer norm needs rows >= 0 and cols > 0, got " + rows + ", " + cols);
        }
        long size = (long) rows * cols;
        if (xFloats < size || (residualFloats != NONE && residualFloats < size)) {
            throw new IllegalArgumentException("x and residual must hold rows·cols = " + size + " floats");
        }
        if (gammaBetaFloats < cols) {
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
