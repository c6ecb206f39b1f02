package dev.plumbline.datasets.trec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CNumbersTest {
    @Test
    void atofTakesTheLongestNumericPrefixLikeGlibc() {
        assertEquals(0.0, CNumbers.atof("abc"));
        assertEquals(1.0, CNumbers.atof("1x"));
        assertEquals(0.001, CNumbers.atof("1e-3"));
        assertEquals(20.0, CNumbers.atof("2E1"));
        assertEquals(1.5, CNumbers.atof("1.5e"));
        assertEquals(-0.25, CNumbers.atof("-.25"));
        assertEquals(3.0, CNumbers.atof("+3."));
        assertEquals(Double.POSITIVE_INFINITY, CNumbers.atof("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, CNumbers.atof("-Infinity"));
        assertEquals(Double.NaN, CNumbers.atof("nan"));
        assertEquals(12.0, CNumbers.atof("0x1.8p3"));
        assertEquals(26.0, CNumbers.atof("0x1A"));
        assertEquals(-0.0, CNumbers.atof("-0.000"));
    }

    @Test
    void atofIsCorrectlyRoundedOnBothPaths() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String s = switch (i % 4) {
                case 0 -> String.format(Locale.ROOT, "%.6f", random.nextDouble() * 100);
                case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
                case 2 -> random.nextLong() + "." + Math.abs(random.nextLong());
                default -> String.format(Locale.ROOT, "%.17e", (random.nextDouble() - 0.5) * 1e5);
            };
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertEquals(Double.parseDouble(s), CNumbers.atof(b, 0, b.length), s);
        }
    }

    @Test
    void atolStopsAtTheFirstNonDigitAndSaturates() {
        assertEquals(23, CNumbers.atol("23.4"));
        assertEquals(-1, CNumbers.atol("-1"));
        assertEquals(0, CNumbers.atol("x1"));
        assertEquals(7, CNumbers.atol("  7 "));
        assertEquals(Long.MAX_VALUE, CNumbers.atol("99999999999999999999999"));
    }
}
