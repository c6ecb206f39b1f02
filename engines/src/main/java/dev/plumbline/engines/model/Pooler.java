package dev.plumbline.engines.model;

/**
 * Pooling and L2 normalization of an encoder's last hidden states: the readable reference every
 * engine uses (or is tested against). Accumulates in {@code double} so the result does not depend
 * on summation order to FP32 precision.
 */
public final class Pooler {
    private Pooler() {
    }

    /**
     * Pools each sequence of a right-padded batch.
     *
     * @param hidden     {@code [batch × seq × width]} last hidden states, row-major
     * @param batch      sequences in the batch
     * @param seq        padded sequence length
     * @param width      hidden size
     * @param lengths    real tokens per sequence (the attention mask is 1 on the first {@code lengths[b]})
     * @param pooling    mean over real tokens, or the first token
     * @param normalize  whether to scale each vector to unit L2 norm
     * @return {@code batch} vectors of {@code width}
     */
    public static float[][] pool(float[] hidden, int batch, int seq, int width, int[] lengths, Pooling pooling,
                                 boolean normalize) {
        if ((long) batch * seq * width != hidden.length || lengths.length != batch) {
            throw new IllegalArgumentException("hidden states of length " + hidden.length + " do not match batch "
                    + batch + " × seq " + seq + " × width " + width + " with " + lengths.length + " lengths");
        }
        float[][] out = new float[batch][];
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 1 || lengths[b] > seq) {
                throw new IllegalArgumentException("sequence " + b + " has length " + lengths[b] + ", expected 1.." + seq);
            }
            int base = b * seq * width;
            float[] v = switch (pooling) {
                case CLS -> java.util.Arrays.copyOfRange(hidden, base, base + width);
                case MEAN -> mean(hidden, base, lengths[b], width);
            };
            out[b] = normalize ? normalize(v) : v;
        }
        return out;
    }

    private static float[] mean(float[] hidden, int base, int length, int width) {
        double[] sum = new double[width];
        for (int t = 0; t < length; t++) {
            int row = base + t * width;
            for (int j = 0; j < width; j++) {
                sum[j] += hidden[row + j];
            }
        }
        float[] v = new float[width];
        for (int j = 0; j < width; j++) {
            v[j] = (float) (sum[j] / length);
        }
        return v;
    }

    /**
     * Scales {@code v} in place to unit L2 norm and returns it. As in PyTorch's
     * {@code F.normalize}, the norm is clamped below at 1e-12, so a zero vector stays zero.
     */
    public static float[] normalize(float[] v) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        double scale = 1.0 / Math.max(Math.sqrt(sq), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * scale);
        }
        return v;
    }
}
