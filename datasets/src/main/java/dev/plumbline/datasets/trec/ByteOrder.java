package dev.plumbline.datasets.trec;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * C {@code strcmp} order: unsigned bytes of the UTF-8 encoding. trec_eval orders topics and
 * breaks score ties by docno with {@code strcmp}, which differs from {@link String#compareTo}
 * for text outside the BMP, so every ordering that must match trec_eval goes through here.
 */
public final class ByteOrder {
    /** Orders strings as {@code strcmp} orders their UTF-8 bytes. */
    public static final Comparator<String> STRCMP = ByteOrder::compare;

    private ByteOrder() {
    }

    /** Compares two strings by their UTF-8 bytes, unsigned, like {@code strcmp}. */
    public static int compare(String a, String b) {
        if (isAscii(a) && isAscii(b)) {
            return a.compareTo(b);
        }
        return compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two byte arrays unsigned and lexicographically. */
    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** Compares two byte ranges unsigned and lexicographically. */
    public static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return java.util.Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
