package dev.plumbline.engines.kernels;

/**
 * An embedding table {@code [rows × cols]} (word, position or token-type embeddings) in a
 * backend's storage, read one row at a time. FP32 backends keep the model's array
 * ({@link Floats}); the int4 backend stores Q4_0 blocks ({@link Q4_0Table}), because at int4 the
 * word table is otherwise more than half of what the model holds.
 */
public interface EmbeddingTable {
    /** Rows (vocabulary size, positions, token types). */
    int rows();

    /** Values per row (the hidden size). */
    int cols();

    /** {@code dst[off + j] = row[j]} for every column j. */
    void copyRow(int row, float[] dst, int off);

    /** {@code dst[off + j] = dst[off + j] + row[j]} for every column j. */
    void addRow(int row, float[] dst, int off);

    /** Exact bytes this table holds on the Java heap. */
    long heapBytes();

    /** @throws IllegalArgumentException when {@code values} is not {@code rows × cols} */
    private static void checkShape(float[] values, int rows, int cols) {
        if (rows < 0 || cols < 1 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("an embedding table of " + rows + " x " + cols + " needs "
                    + (long) rows * cols + " floats, got " + values.length);
        }
    }

    /** The FP32 array as it is. */
    record Floats(float[] values, int rows, int cols) implements EmbeddingTable {
        /**
         * @throws IllegalArgumentException when {@code values} is not {@code rows × cols}
         */
        public Floats {
            checkShape(values, rows, cols);
        }

        @Override
        public void copyRow(int row, float[] dst, int off) {
            System.arraycopy(values, row * cols, dst, off, cols);
        }

        @Override
        public void addRow(int row, float[] dst, int off) {
            int src = row * cols;
            for (int j = 0; j < cols; j++) {
                dst[off + j] += values[src + j];
            }
        }

        @Override
        public long heapBytes() {
            return (long) values.length * Float.BYTES;
        }
    }

    /**
     * Rows stored as Q4_0 blocks ({@link Q4_0}), each row padded with zeros to whole blocks;
     * lookups dequantize ({@code (q − 8) · d}, the reference arithmetic).
     */
    final class Q4_0Table implements EmbeddingTable {
        private final int rows;
        private final int cols;
        private final int rowBytes;
        private final byte[] blocks;

        /** Quantizes {@code values [rows × cols]} row by row. */
        public Q4_0Table(float[] values, int rows, int cols) {
            checkShape(values, rows, cols);
            this.rows = rows;
            this.cols = cols;
            int padded = Q4_0.paddedLength(cols);
            this.rowBytes = (int) Q4_0.bytes(padded);
            this.blocks = new byte[Math.multiplyExact(rows, rowBytes)];
            float[] row = new float[padded];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * cols, row, 0, cols);
                Q4_0.quantizeRow(row, 0, padded, blocks, r * rowBytes);
            }
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public void copyRow(int row, float[] dst, int off) {
            int at = row * rowBytes;
            for (int j = 0; j < cols; j++) {
                dst[off + j] = value(at, j);
            }
        }

        @Override
        public void addRow(int row, float[] dst, int off) {
            int at = row * rowBytes;
            for (int j = 0; j < cols; j++) {
                dst[off + j] += value(at, j);
            }
        }

        private float value(int rowAt, int j) {
            int block = rowAt + j / Q4_0.BLOCK * Q4_0.BLOCK_BYTES;
            return Q4_0.code(blocks, block, j % Q4_0.BLOCK) * Q4_0.scale(blocks, block);
        }

        @Override
        public long heapBytes() {
            return blocks.length;
        }
    }
}
