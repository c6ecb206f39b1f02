package dev.plumbline.engines.kernels;

/** Row layouts of sequences for {@link Kernels#attention} tests. */
final class AttentionLayouts {
    private AttentionLayouts() {
    }

    /**
     * Sequence s at rows {@code [offsets[s], offsets[s] + lengths[s])} of a {@code rows}-row matrix.
     *
     * @param name what the layout is, for failure messages
     */
    record Layout(String name, int[] offsets, int[] lengths, int rows) {
    }

    /** Back to back, no gaps: what the encoder runs. */
    static Layout packed(int[] lengths) {
        return gapped("packed", lengths, new int[lengths.length + 1]);
    }

    /** Right-padded to {@code seq} rows each: {@code offsets[s] = s·seq}. */
    static Layout padded(int[] lengths, int seq) {
        int[] offsets = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            offsets[s] = s * seq;
        }
        return new Layout("padded to " + seq, offsets, lengths.clone(), lengths.length * seq);
    }

    /** {@code gaps[s]} unused rows before sequence s, and {@code gaps[n]} after the last. */
    static Layout gapped(String name, int[] lengths, int[] gaps) {
        int[] offsets = new int[lengths.length];
        int row = 0;
        for (int s = 0; s < lengths.length; s++) {
            row += gaps[s];
            offsets[s] = row;
            row += lengths[s];
        }
        return new Layout(name, offsets, lengths.clone(), row + gaps[lengths.length]);
    }
}
