package dev.plumbline.engines.index;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The integer kernels are exact: every result must equal the scalar integer reference bit for bit. */
class QuantizedDotTest {
    private static final int[] DIMS = {1, 7, 33, 64, 385, 1000};

    @Test
    void int8x4EqualsTheScalarReferenceIncludingExtremeCodes() {
        SplittableRandom random = new SplittableRandom(21);
        for (int dim : DIMS) {
            int n = QuantizedDot.padded(dim);
            for (boolean extreme : new boolean[] {false, true}) {
                short[] q = new short[4 * n];
                byte[] codes = new byte[3 * n];
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < dim; i++) {
                        // Extreme: every product at ±127·128, the bound the 16-bit pair sum relies on.
                        q[j * n + i] = (short) (extreme ? (j % 2 == 0 ? 127 : -127) : random.nextInt(-127, 128));
                    }
                }
                for (int i = 0; i < dim; i++) {
                    codes[n + i] = (byte) (extreme ? -128 : random.nextInt(-128, 128));
                }
                int[] out = new int[4];
                QuantizedDot.int8x4(q, 0, n, codes, n, n, out);
                for (int j = 0; j < 4; j++) {
                    int expected = QuantizedDot.int8Reference(q, j * n, codes, n, n);
                    assertEquals(expected, out[j], "dim " + dim + " query " + j + (extreme ? " extreme" : ""));
                    assertEquals(expected, QuantizedDot.int8x1(q, j * n, codes, n, n), "x1, dim " + dim);
                }
            }
        }
    }

    @Test
    void int4x4EqualsTheScalarReferenceAndTheNibbleLayoutRoundTrips() {
        SplittableRandom random = new SplittableRandom(22);
        for (int dim : DIMS) {
            int n = QuantizedDot.padded(dim);
            short[] q = new short[4 * n];
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < dim; i++) {
                    q[j * n + i] = (short) random.nextInt(-127, 128);
                }
            }
            byte[] codes = new byte[n / 2 + n / 2];
            int[] levels = new int[dim];
            for (int i = 0; i < dim; i++) {
                levels[i] = random.nextInt(16);
                QuantizedDot.setInt4Code(codes, n / 2, i, levels[i]);
            }
            for (int i = 0; i < dim; i++) {
                assertEquals(levels[i], QuantizedDot.int4Code(codes, n / 2, i), "dim " + dim + " element " + i);
            }
            int[] out = new int[4];
            QuantizedDot.int4x4(q, 0, n, codes, n / 2, n, out);
            for (int j = 0; j < 4; j++) {
                int expected = 0;
                for (int i = 0; i < dim; i++) {
                    expected += q[j * n + i] * levels[i];
                }
                assertEquals(expected, QuantizedDot.int4Reference(q, j * n, codes, n / 2, n), "reference, dim " + dim);
                assertEquals(expected, out[j], "dim " + dim + " query " + j);
                assertEquals(expected, QuantizedDot.int4x1(q, j * n, codes, n / 2, n), "x1, dim " + dim);
            }
        }
    }

    @Test
    void hammingCountsDifferingBits() {
        long[] a = {0b1011L, -1L};
        long[] b = {0b0001L, 0L};
        assertEquals(2 + 64, QuantizedDot.hamming(a, 0, b, 0, 2));
        assertEquals(0, QuantizedDot.hamming(a, 1, a, 1, 1));
    }
}
