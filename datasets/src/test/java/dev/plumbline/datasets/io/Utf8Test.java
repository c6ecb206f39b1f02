package dev.plumbline.datasets.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {
    private static int check(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.firstInvalid(b, 0, b.length);
    }

    @Test
    void wellFormedText() {
        byte[] b = "ascii, é, €, 😀, 한국어".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, Utf8.firstInvalid(b, 0, b.length));
        assertEquals(-1, check());
        assertEquals(-1, check(0xF4, 0x8F, 0xBF, 0xBF), "U+10FFFF");
        assertEquals(-1, check(0xED, 0x9F, 0xBF), "U+D7FF");
    }

    @Test
    void illFormedSequencesAreFoundAtTheirFirstByte() {
        assertEquals(1, check('a', 0xFF));
        assertEquals(0, check(0xC0, 0xAF), "overlong /");
        assertEquals(0, check(0xE0, 0x80, 0xAF), "overlong three-byte");
        assertEquals(0, check(0xED, 0xA0, 0x80), "UTF-16 surrogate");
        assertEquals(0, check(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
        assertEquals(0, check(0xF5, 0x80, 0x80, 0x80));
        assertEquals(2, check('a', 'b', 0xE2, 0x82), "truncated at the end");
        assertEquals(0, check(0x80), "lone continuation byte");
        assertEquals(0, check(0xC3, 'a'), "missing continuation");
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryTwoByteSequence() {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                byte[] bytes = {(byte) a, (byte) b};
                boolean jdk;
                try {
                    decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes));
                    jdk = true;
                } catch (java.nio.charset.CharacterCodingException e) {
                    jdk = false;
                }
                assertEquals(jdk, Utf8.firstInvalid(bytes, 0, 2) < 0, a + " " + b);
            }
        }
    }
}
