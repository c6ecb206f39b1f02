package dev.plumbline.engines.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@code simd-int8} GEMM on the Java Vector API. The API has no u8×s8 dot-product instruction
 * (VNNI's {@code vpdpbusd}), so weights are widened from bytes to int lanes on load and multiplied
 * in int32: exact, and the same accumulators as {@link ScalarInt8Gemm}, but not faster than the
 * FP32 kernels; its point is a portable int8 engine whose quality matches the native one, and
 * weights held in one byte each.
 *
 * <p>Layout: panels of {@code L} columns (the int vector's lane count), k-major, zero-padded past
 * n. A tile is 4 rows × 2 panels (8 int accumulators); rows are split over the worker pool.
 */
final class SimdInt8Gemm implements Int8Gemm {
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FS = SimdTiles.S;
    private static final int L = IS.length();
    /** Bytes of one panel step: as many as int lanes, loaded as one byte vector and widened. */
    private static final VectorSpecies<Byte> BS = L == 16 ? ByteVector.SPECIES_128 : L == 8 ? ByteVector.SPECIES_64 : ByteVector.SPECIES_256;
    private static final int MR = 4;

    private final WorkerPool pool;

    /** Weights in L-column panels, {@code data[(p·k + kk)·L + lane]}. */
    record Paneled(int k, int n, byte[] data) implements Packed {
        int panels() {
            return (n + L - 1) / L;
        }

        @Override
        public long heapBytes() {
            return data.length;
        }
    }

    SimdInt8Gemm(WorkerPool pool) {
        if (FS.length() != L) {
            throw new IllegalStateException("float and int vectors differ in lanes: " + FS.length() + " vs " + L);
        }
        this.pool = pool;
    }

    @Override
    public String describe() {
        return "Vector API int32 (" + L + " lanes, weights widened from s8)";
    }

    @Override
    public Packed pack(byte[] w, int k, int n) {
        Int8Args.pack(w, k, n);
        int panels = (n + L - 1) / L;
        byte[] data = new byte[panels * k * L];
        for (int p = 0; p < panels; p++) {
            for (int kk = 0; kk < k; kk++) {
                for (int t = 0; t < L && p * L + t < n; t++) {
                    data[(p * k + kk) * L + t] = w[kk * n + p * L + t];
                }
            }
        }
        return new Paneled(k, n, data);
    }

    @Override
    public void accumulate(byte[] a, int m, int[] aZero, Packed packed, int[] acc) {
        Paneled w = own(packed);
        Int8Args.multiply(a, m, aZero, w, acc.length);
        run(m, (from, to) -> compute(a, aZero, w, from, to, acc, null, null, null, null, false));
    }

    @Override
    public void multiply(byte[] a, int m, int[] aZero, float[] aScale, Packed packed, float[] wScale, float[] bias,
                         float[] c, boolean gelu) {
        Paneled w = own(packed);
        Int8Args.multiply(a, m, aZero, w, c.length);
        Int8Args.dequantize(m, aScale, w, wScale, bias, c);
        run(m, (from, to) -> compute(a, aZero, w, from, to, null, aScale, wScale, bias, c, gelu));
    }

    /** {@link Int8Quantization#rows} on vectors: the same float operations lane by lane, so the same codes. */
    @Override
    public void quantizeRows(float[] x, int m, int k, byte[] q, int[] zero, float[] scale) {
        if ((long) m * k > x.length || (long) m * k > q.length || zero.length < m || scale.length < m) {
            throw new IllegalArgumentException("need x and q of m·k = " + (long) m * k + ", zero and scale of m = " + m);
        }
        run(m, (from, to) -> {
            for (int i = from; i < to; i++) {
                quantizeRow(x, i * k, k, q, i, zero, scale);
            }
        });
    }

    private static void quantizeRow(float[] x, int off, int k, byte[] q, int i, int[] zero, float[] scale) {
        FloatVector lo = FloatVector.zero(FS);
        FloatVector hi = lo;
        int p = 0;
        for (int full = k & -L; p < full; p += L) {
            FloatVector v = FloatVector.fromArray(FS, x, off + p);
            lo = lo.min(v);
            hi = hi.max(v);
        }
        float min = lo.reduceLanes(VectorOperators.MIN);
        float max = hi.reduceLanes(VectorOperators.MAX);
        for (int t = p; t < k; t++) {
            min = Math.min(min, x[off + t]);
            max = Math.max(max, x[off + t]);
        }
        float s = Int8Quantization.rowScale(min, max);
        float inv = 1f / s;
        int z = Int8Quantization.zeroPoint(min, inv);
        scale[i] = s;
        zero[i] = z;
        FloatVector vinv = FloatVector.broadcast(FS, inv);
        FloatVector rounder = FloatVector.broadcast(FS, Int8Quantization.ROUNDER);
        IntVector vz = IntVector.broadcast(IS, z);
        IntVector top = IntVector.broadcast(IS, 255);
        IntVector bottom = IntVector.zero(IS);
        for (p = 0; p < (k & -L); p += L) {
            FloatVector r = FloatVector.fromArray(FS, x, off + p).mul(vinv).add(rounder).sub(rounder);
            IntVector v = ((IntVector) r.convert(VectorOperators.F2I, 0)).add(vz).max(bottom).min(top);
            // Lanes hold 0..255: narrowing to bytes keeps the low 8 bits, the u8 pattern.
            ((ByteVector) v.convertShape(VectorOperators.I2B, BS, 0)).intoArray(q, off + p);
        }
        for (; p < k; p++) {
            int v = (int) Int8Quantization.round(x[off + p] * inv) + z;
            q[off + p] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    private interface Rows {
        void run(int from, int to);
    }

    /** Row tiles dealt out to the pool's threads in chunks. */
    private void run(int m, Rows body) {
        int tiles = (m + MR - 1) / MR;
        int threads = pool.threads();
        if (threads == 1 || tiles < 2 * threads) {
            body.run(0, m);
            return;
        }
        int chunks = Math.min(tiles, threads * 4);
        AtomicInteger next = new AtomicInteger();
        pool.run(part -> {
            for (int ch = next.getAndIncrement(); ch < chunks; ch = next.getAndIncrement()) {
                int t0 = (int) ((long) tiles * ch / chunks);
                int t1 = (int) ((long) tiles * (ch + 1) / chunks);
                body.run(t0 * MR, Math.min(m, t1 * MR));
            }
        });
    }

    /**
     * Rows {@code [from, to)}: into {@code acc} when it is non-null, else dequantized into {@code c}.
     */
    private static void compute(byte[] a, int[] aZero, Paneled w, int from, int to, int[] acc, float[] aScale,
                                float[] wScale, float[] bias, float[] c, boolean gelu) {
        int k = w.k();
        int n = w.n();
        int panels = w.panels();
        byte[] b = w.data();
        int[] tile = new int[MR * 2 * L];
        for (int i = from; i < to; i += MR) {
            int rows = Math.min(MR, to - i);
            for (int p = 0; p < panels; p += 2) {
                boolean two = p + 1 < panels;
                tile4x2(a, k, i, rows, aZero, b, p * k * L, two ? (p + 1) * k * L : p * k * L, tile);
                for (int r = 0; r < rows; r++) {
                    for (int h = 0; h < (two ? 2 : 1); h++) {
                        int col = (p + h) * L;
                        int at = (i + r) * n + col;
                        int t = (2 * r + h) * L;
                        if (acc != null) {
                            IntVector.fromArray(IS, tile, t).intoArray(acc, at, IS.indexInRange(col, n));
                        } else {
                            epilogue(tile, t, aScale[i + r], wScale, bias, col, n, c, at, gelu);
                        }
                    }
                }
            }
        }
    }

    /**
     * The int32 sums of rows {@code [i, i + rows)} against two panels starting at {@code b0} and
     * {@code b1}, into {@code tile[(2·r + h)·L …]}. A method of its own, small enough for C2 to
     * keep all eight accumulators in registers (inlined into the caller, the vectors were boxed and
     * the kernel ran at 4 GFLOPS).
     */
    private static void tile4x2(byte[] a, int k, int i, int rows, int[] aZero, byte[] b, int b0, int b1, int[] tile) {
        int r1 = i + Math.min(1, rows - 1);
        int r2 = i + Math.min(2, rows - 1);
        int r3 = i + Math.min(3, rows - 1);
        IntVector c00 = IntVector.zero(IS), c01 = c00, c10 = c00, c11 = c00;
        IntVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int z0 = aZero[i], z1 = aZero[r1], z2 = aZero[r2], z3 = aZero[r3];
        int a0 = i * k, a1 = r1 * k, a2 = r2 * k, a3 = r3 * k;
        for (int kk = 0; kk < k; kk++) {
            IntVector w0 = (IntVector) ByteVector.fromArray(BS, b, b0 + kk * L).convertShape(VectorOperators.B2I, IS, 0);
            IntVector w1 = (IntVector) ByteVector.fromArray(BS, b, b1 + kk * L).convertShape(VectorOperators.B2I, IS, 0);
            int x = (a[a0 + kk] & 0xFF) - z0;
            c00 = w0.mul(x).add(c00);
            c01 = w1.mul(x).add(c01);
            x = (a[a1 + kk] & 0xFF) - z1;
            c10 = w0.mul(x).add(c10);
            c11 = w1.mul(x).add(c11);
            x = (a[a2 + kk] & 0xFF) - z2;
            c20 = w0.mul(x).add(c20);
            c21 = w1.mul(x).add(c21);
            x = (a[a3 + kk] & 0xFF) - z3;
            c30 = w0.mul(x).add(c30);
            c31 = w1.mul(x).add(c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L);
        c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L);
        c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L);
        c31.intoArray(tile, 7 * L);
    }

    /** {@code c[at …] = (float) acc · (aScale · wScale[col …]) + bias[col …]}, then GELU, masked to n. */
    private static void epilogue(int[] tile, int t, float aScale, float[] wScale, float[] bias, int col, int n,
                                 float[] c, int at, boolean gelu) {
        VectorMask<Float> mf = FS.indexInRange(col, n);
        FloatVector scale = FloatVector.fromArray(FS, wScale, col, mf).mul(aScale);
        FloatVector out = ((FloatVector) IntVector.fromArray(IS, tile, t).convert(VectorOperators.I2F, 0)).mul(scale);
        if (bias != null) {
            out = out.add(FloatVector.fromArray(FS, bias, col, mf));
        }
        if (gelu) {
            out = SimdMath.gelu(out);
        }
        out.intoArray(c, at, mf);
    }

    private static Paneled own(Packed w) {
        if (!(w instanceof Paneled p)) {
            throw new IllegalArgumentException("matrix was packed by another int8 GEMM ("
                    + w.getClass().getSimpleName() + "); pack it with this one");
        }
        return p;
    }

    @Override
    public void close() {
    }
}
