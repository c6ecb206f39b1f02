package dev.plumbline.engines.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Q4_0 reference: llama.cpp's block layout and rounding, and the error a 4-bit code allows. */
class Q4_0Test {

    @Test
    void blockLayoutIsLlamaCpps() {
        assertEquals(18, Q4_0.BLOCK_BYTES);
        assertEquals(18 * 12, Q4_0.bytes(384));
        assertThrows(IllegalArgumentException.class, () -> Q4_0.bytes(33));
        // One block, max-magnitude weight -4 at j = 0: d = -4 / -8 = 0.5, so x = (q - 8) * 0.5.
        float[] x = new float[32];
        x[0] = -4f;
        x[1] = 3.5f;
        x[16] = 1f;   // high nibble of byte 0
        x[31] = -0.25f; // -0.25 / 0.5 + 8.5 = 8.0 -> nibble 8, code 0 (the C cast truncates)
        byte[] q = new byte[18];
        Q4_0.quantizeRow(x, 0, 32, q, 0);
        assertEquals(0.5f, Q4_0.scale(q, 0));
        assertEquals(-8, Q4_0.code(q, 0, 0));
        assertEquals(7, Q4_0.code(q, 0, 1));
        assertEquals(2, Q4_0.code(q, 0, 16));
        assertEquals(0, Q4_0.code(q, 0, 31));
        assertEquals(10 << 4, q[2] & 0xFF, "byte 0: low nibble q_0 = 0 (code -8), high nibble q_16 = 10 (code 2)");
    }

    @Test
    void dequantizedWeightsAreWithinHalfAStepOfTheInput() {
        Random r = new Random(4);
        int n = 32 * 9;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * (1 + i / 32));
        }
        byte[] q = new byte[(int) Q4_0.bytes(n)];
        Q4_0.quantizeRow(x, 0, n, q, 0);
        float[] back = new float[n];
        Q4_0.dequantizeRow(q, 0, n, back, 0);
        for (int b = 0; b < n / 32; b++) {
            float d = Math.abs(Q4_0.scale(q, b * 18));
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b * 32 + j]));
            }
            // Codes span -8..7 steps of d with the extreme at -8: weights on the other side beyond
            // 7.5 steps clip to 7 (at most one step off), the rest round (half a step). d is
            // FP16-rounded after the codes were chosen with the float d: allow its rounding too.
            for (int j = 0; j < 32; j++) {
                double v = x[b * 32 + j];
                double step = Math.abs(v) > 7.5 * d ? d : d / 2;
                assertEquals(v, back[b * 32 + j], step + amax * 1e-3, "block " + b + " weight " + j);
            }
            assertTrue(d > 0);
        }
    }
}
