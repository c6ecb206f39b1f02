package dev.plumbline.engines.train;

import java.util.List;

/** A classifier {@link Trainer} can train: its trainable arrays, a loss with gradients, predictions. */
public interface TrainableModel {
    /** Every trainable array with the array its gradient accumulates in, in a fixed order. */
    List<double[][]> parameters();

    /** The loss for one labelled sequence; the gradients of every trainable array are accumulated. */
    double lossAndBackward(int[] ids, int[] types, int label);

    /** Class probabilities for one sequence (no gradients kept). */
    double[] predict(int[] ids, int[] types);

    /**
     * The trained arrays in {@link #parameters()} order as little-endian doubles, each after its
     * length, behind the number of arrays: what an adapter file holds, and what "the same seed
     * gives the same adapter" compares.
     */
    default byte[] adapterBytes() {
        List<double[][]> p = parameters();
        long bytes = 4;
        for (double[][] a : p) {
            bytes += 4 + 8L * a[0].length;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.toIntExact(bytes))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(p.size());
        for (double[][] a : p) {
            b.putInt(a[0].length);
            for (double v : a[0]) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    /**
     * Told after the values of {@link #parameters()} changed (an optimizer step, a load, a test's
     * edit), for models that keep them in another form too.
     */
    default void parametersUpdated() {
    }

    /** Clears every accumulated gradient. */
    default void zeroGrad() {
        for (double[][] p : parameters()) {
            java.util.Arrays.fill(p[1], 0);
        }
    }
}
