package dev.plumbline.engines.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceMathTest {
    /** The bound {@link ReferenceMath#erf} documents; measured 8.9e-16 against mpmath at 4,400 points. */
    private static final double ERF_TOLERANCE = 1e-15;

    @Test
    void erfMatchesHighPrecisionValues() {
        // mpmath.erf at 30 digits, rounded to 17.
        double[][] table = {
            {0.0, 0.0}, {0.25, 0.27632639016823693}, {0.5, 0.52049987781304654}, {0.75, 0.71115563365351513},
            {1.0, 0.84270079294971487}, {1.25, 0.92290012825645823}, {1.5, 0.96610514647531073},
            {1.75, 0.98667167121918244}, {2.0, 0.99532226501895273}, {2.25, 0.99853728341331885},
            {2.5, 0.99959304798255504}, {2.75, 0.99989937807788036}, {3.0, 0.99997790950300141},
            {3.25, 0.99999569722053632}, {3.5, 0.99999925690162766}, {3.75, 0.99999988627274343},
            {4.0, 0.9999999845827421}, {4.25, 0.99999999814942586}, {4.5, 0.99999999980338396},
            {4.75, 0.99999999998151495}, {5.0, 0.99999999999846254}, {5.25, 0.9999999999998869},
            {5.5, 0.99999999999999264}, {5.75, 0.99999999999999958}, {6.0, 0.99999999999999998},
            {6.5, 1.0},
        };
        for (double[] row : table) {
            assertEquals(row[1], ReferenceMath.erf(row[0]), ERF_TOLERANCE, "erf(" + row[0] + ")");
            assertEquals(-row[1], ReferenceMath.erf(-row[0]), ERF_TOLERANCE, "erf(-" + row[0] + ")");
        }
        assertEquals(1.0, ReferenceMath.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ReferenceMath.erf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(ReferenceMath.erf(Double.NaN)));
    }

    @Test
    void erfIsOdd() {
        for (double x = 0; x <= 7; x += 1e-3) {
            assertEquals(-ReferenceMath.erf(x), ReferenceMath.erf(-x), 0.0, "odd at " + x);
        }
    }

    @Test
    void geluMatchesClosedFormValues() {
        // gelu(x) = x·Φ(x); Φ(1) = 0.8413447460685429 and Φ(-1) = 0.15865525393145707.
        assertEquals(0.8413447460685429, ReferenceMath.gelu(1), 1e-15);
        assertEquals(-0.15865525393145707, ReferenceMath.gelu(-1), 1e-15);
        assertEquals(0.0, ReferenceMath.gelu(0), 0.0);
        assertEquals(10.0, ReferenceMath.gelu(10), 1e-15);
    }
}
