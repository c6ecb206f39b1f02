package dev.plumbline.metrics.ir;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibmTest {
    @Test
    void theCLibraryIsReachableOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(Libm.isNative(), "log2/log/exp should be found in the C library");
        }
    }

    @Test
    void valuesAgreeWithJavaWithinOneUlp() {
        for (int i = 1; i < 70_000; i += 7) {
            double expected = Math.log(i) / Math.log(2);
            assertEquals(expected, Libm.log2(i), Math.ulp(expected) * 2, "log2 " + i);
        }
        assertEquals(3.0, Libm.log2(8));
        assertEquals(Math.log(0.3), Libm.log(0.3), Math.ulp(Math.log(0.3)));
        assertEquals(Math.exp(-2.5), Libm.exp(-2.5), Math.ulp(Math.exp(-2.5)));
        assertEquals(Libm.log2(1621.0), Libm.log2(1621.5 - 0.5), "table and direct call agree");
    }
}
