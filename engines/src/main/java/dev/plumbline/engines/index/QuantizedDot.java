package dev.plumbline.engines.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Integer dot products of quantized codes on the Vector API, four queries against one document per
 * call (the document's codes are loaded and widened once and used four times), with plain scalar
 * references that the tests hold them to exactly.
 *
 * <p>Queries come as {@code short}s (int8 values widened once per search); document codes as bytes:
 * int8 codes are signed bytes, int4 codes are nibbles packed two per byte in groups of
 * {@link #GROUP} elements: byte j of a group holds element j in its low nibble and element
 * j + GROUP/2 in its high nibble, so one vector load unpacks into two contiguous runs (the llama.cpp
 * Q4_0 layout). Lengths are padded by the caller to a multiple of {@link #GROUP} with zero codes.
 *
 * <p>Why widen to 16 bits and not multiply bytes: the Vector API has no u8×s8 dot-product (VNNI)
 * operation, and a byte product overflows. Two 16-bit products are added before widening to 32 bits
 * (|a·c| ≤ 127·128, so a sum of two stays below 2¹⁵), halving the widening work.
 *
 * <p>Species are {@code static final} constants: passed as values the JIT does not vectorize.
 */
final class QuantizedDot {
    /** Bytes per document load: 32 on AVX-512 machines (widened into one 512-bit vector of shorts). */
    static final VectorSpecies<Byte> BYTES = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? ByteVector.SPECIES_256 : ByteVector.SPECIES_128;
    static final VectorSpecies<Short> SHORTS = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? ShortVector.SPECIES_512 : ShortVector.SPECIES_256;
    static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
    /** Elements per document load. */
    static final int LANES = BYTES.length();
    /** Padding unit of code lengths: two loads, so the int8 loop can add two products in 16 bits. */
    static final int GROUP = 2 * LANES;

    private QuantizedDot() {
    }

    /** {@code n} rounded up to a multiple of {@link #GROUP}. */
    static int padded(int n) {
        return (n + GROUP - 1) / GROUP * GROUP;
    }

    /**
     * {@code out[j] = Σ q[qOff + j·stride + i] · codes[cOff + i]} for j in 0..3 and i in [0, n), with
     * int8 codes; {@code n} a multiple of {@link #GROUP}.
     */
    static void int8x4(short[] q, int qOff, int stride, byte[] codes, int cOff, int n, int[] out) {
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = acc0;
        IntVector acc2 = acc0;
        IntVector acc3 = acc0;
        int q0 = qOff;
        int q1 = qOff + stride;
        int q2 = qOff + 2 * stride;
        int q3 = qOff + 3 * stride;
        for (int i = 0; i < n; i += GROUP) {
            ShortVector d0 = (ShortVector) ByteVector.fromArray(BYTES, codes, cOff + i)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector d1 = (ShortVector) ByteVector.fromArray(BYTES, codes, cOff + i + LANES)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            acc0 = acc0.add(widenSum(ShortVector.fromArray(SHORTS, q, q0 + i).mul(d0)
                    .add(ShortVector.fromArray(SHORTS, q, q0 + i + LANES).mul(d1))));
            acc1 = acc1.add(widenSum(ShortVector.fromArray(SHORTS, q, q1 + i).mul(d0)
                    .add(ShortVector.fromArray(SHORTS, q, q1 + i + LANES).mul(d1))));
            acc2 = acc2.add(widenSum(ShortVector.fromArray(SHORTS, q, q2 + i).mul(d0)
                    .add(ShortVector.fromArray(SHORTS, q, q2 + i + LANES).mul(d1))));
            acc3 = acc3.add(widenSum(ShortVector.fromArray(SHORTS, q, q3 + i).mul(d0)
                    .add(ShortVector.fromArray(SHORTS, q, q3 + i + LANES).mul(d1))));
        }
        // Integer addition is associative: the lane order of the reduction cannot change the result.
        out[0] = acc0.reduceLanes(VectorOperators.ADD);
        out[1] = acc1.reduceLanes(VectorOperators.ADD);
        out[2] = acc2.reduceLanes(VectorOperators.ADD);
        out[3] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /**
     * As {@link #int8x4} with int4 codes: {@code codes[cOff, cOff + n/2)} packed per {@link #GROUP}
     * elements as described on the class; code values are 0..15.
     */
    static void int4x4(short[] q, int qOff, int stride, byte[] codes, int cOff, int n, int[] out) {
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = acc0;
        IntVector acc2 = acc0;
        IntVector acc3 = acc0;
        int q0 = qOff;
        int q1 = qOff + stride;
        int q2 = qOff + 2 * stride;
        int q3 = qOff + 3 * stride;
        int c = cOff;
        for (int i = 0; i < n; i += GROUP, c += LANES) {
            ByteVector packed = ByteVector.fromArray(BYTES, codes, c);
            ShortVector lo = (ShortVector) packed.and((byte) 0x0F).convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector hi = (ShortVector) packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            acc0 = acc0.add(widenSum(ShortVector.fromArray(SHORTS, q, q0 + i).mul(lo)
                    .add(ShortVector.fromArray(SHORTS, q, q0 + i + LANES).mul(hi))));
            acc1 = acc1.add(widenSum(ShortVector.fromArray(SHORTS, q, q1 + i).mul(lo)
                    .add(ShortVector.fromArray(SHORTS, q, q1 + i + LANES).mul(hi))));
            acc2 = acc2.add(widenSum(ShortVector.fromArray(SHORTS, q, q2 + i).mul(lo)
                    .add(ShortVector.fromArray(SHORTS, q, q2 + i + LANES).mul(hi))));
            acc3 = acc3.add(widenSum(ShortVector.fromArray(SHORTS, q, q3 + i).mul(lo)
                    .add(ShortVector.fromArray(SHORTS, q, q3 + i + LANES).mul(hi))));
        }
        out[0] = acc0.reduceLanes(VectorOperators.ADD);
        out[1] = acc1.reduceLanes(VectorOperators.ADD);
        out[2] = acc2.reduceLanes(VectorOperators.ADD);
        out[3] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /** {@link #int8x4} for one query (a lone query, or the last of a batch): returns the dot product. */
    static int int8x1(short[] q, int qOff, byte[] codes, int cOff, int n) {
        IntVector acc = IntVector.zero(INTS);
        for (int i = 0; i < n; i += GROUP) {
            ShortVector d0 = (ShortVector) ByteVector.fromArray(BYTES, codes, cOff + i)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector d1 = (ShortVector) ByteVector.fromArray(BYTES, codes, cOff + i + LANES)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            acc = acc.add(widenSum(ShortVector.fromArray(SHORTS, q, qOff + i).mul(d0)
                    .add(ShortVector.fromArray(SHORTS, q, qOff + i + LANES).mul(d1))));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** {@link #int4x4} for one query: returns the dot product. */
    static int int4x1(short[] q, int qOff, byte[] codes, int cOff, int n) {
        IntVector acc = IntVector.zero(INTS);
        int c = cOff;
        for (int i = 0; i < n; i += GROUP, c += LANES) {
            ByteVector packed = ByteVector.fromArray(BYTES, codes, c);
            ShortVector lo = (ShortVector) packed.and((byte) 0x0F).convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector hi = (ShortVector) packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            acc = acc.add(widenSum(ShortVector.fromArray(SHORTS, q, qOff + i).mul(lo)
                    .add(ShortVector.fromArray(SHORTS, q, qOff + i + LANES).mul(hi))));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Adds each pair of adjacent 16-bit lanes into one 32-bit lane (what {@code vpmaddwd} does after
     * its multiply): seen as ints, the low half is sign-extended by shifting it up and back down, the
     * high half by an arithmetic shift.
     */
    private static IntVector widenSum(ShortVector v) {
        IntVector x = (IntVector) v.reinterpretShape(INTS, 0);
        return x.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .add(x.lanewise(VectorOperators.ASHR, 16));
    }

    /** Scalar reference of {@link #int8x4} for one query: {@code Σ q[qOff + i] · codes[cOff + i]}. */
    static int int8Reference(short[] q, int qOff, byte[] codes, int cOff, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += q[qOff + i] * codes[cOff + i];
        }
        return s;
    }

    /** Scalar reference of {@link #int4x4} for one query, reading the nibble layout element by element. */
    static int int4Reference(short[] q, int qOff, byte[] codes, int cOff, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += q[qOff + i] * int4Code(codes, cOff, i);
        }
        return s;
    }

    /** Code of element {@code i} in the nibble layout (0..15). */
    static int int4Code(byte[] codes, int cOff, int i) {
        int group = i / GROUP;
        int j = i % GROUP;
        int b = codes[cOff + group * LANES + (j % LANES)] & 0xFF;
        return j < LANES ? b & 0x0F : b >>> 4;
    }

    /** Stores code {@code u} (0..15) for element {@code i} in the nibble layout. */
    static void setInt4Code(byte[] codes, int cOff, int i, int u) {
        int group = i / GROUP;
        int j = i % GROUP;
        int at = cOff + group * LANES + (j % LANES);
        int b = codes[at] & 0xFF;
        b = j < LANES ? (b & 0xF0) | u : (b & 0x0F) | (u << 4);
        codes[at] = (byte) b;
    }

    /** Hamming distance of two bit codes of {@code words} longs. */
    static int hamming(long[] a, int aOff, long[] b, int bOff, int words) {
        int h = 0;
        for (int w = 0; w < words; w++) {
            h += Long.bitCount(a[aOff + w] ^ b[bOff + w]);
        }
        return h;
    }
}
