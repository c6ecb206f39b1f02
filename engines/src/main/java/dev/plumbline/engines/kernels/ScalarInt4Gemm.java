package dev.plumbline.engines.kernels;

/**
 * The readable int4 reference ({@link Int4Gemm}): Q4_0 column rows kept as they are, every output
 * computed block by block in the interface's order. The fast GEMMs match its outputs bit for bit
 * before GELU; its GELU is the double-precision {@link ReferenceMath#gelu}.
 */
public final class ScalarInt4Gemm implements Int4Gemm {

    /** The Q4_0 column rows as given. */
    record Rows(byte[] q4, int k, int n) implements Int4Gemm.Packed {
        @Override
        public long heapBytes() {
            return q4.length;
        }
    }

    @Override
    public String describe() {
        return "scalar Java int4 reference";
    }

    @Override
    public Packed pack(byte[] q4, int k, int n) {
        Int4Args.pack(q4, k, n);
        return new Rows(q4.clone(), k, n);
    }

    @Override
    public void multiply(byte[] a, int m, float[] aScale, int[] aSum, Packed packed, float[] bias, float[] c,
                         boolean gelu) {
        if (!(packed instanceof Rows w)) {
            throw new IllegalArgumentException("matrix was packed by another int4 GEMM; pack it with this one");
        }
        Int4Args.multiply(a, m, aScale, aSum, w, bias, c);
        int n = w.n();
        int blocks = Q8_0.blocks(w.k());
        int kp = blocks * Q4_0.BLOCK;
        int rowBytes = blocks * Q4_0.BLOCK_BYTES;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int b = 0; b < blocks; b++) {
                    int block = j * rowBytes + b * Q4_0.BLOCK_BYTES;
                    int s = 0;
                    for (int t = 0; t < Q4_0.BLOCK; t++) {
                        int nibble = Q4_0.code(w.q4(), block, t) + 8;
                        s += nibble * a[i * kp + b * Q4_0.BLOCK + t];
                    }
                    s -= 8 * aSum[i * blocks + b];
                    acc = Math.fma((float) s, Q4_0.scale(w.q4(), block) * aScale[i * blocks + b], acc);
                }
                float v = bias == null ? acc : acc + bias[j];
                c[i * n + j] = gelu ? (float) ReferenceMath.gelu(v) : v;
            }
        }
    }

    @Override
    public void close() {
    }
}
