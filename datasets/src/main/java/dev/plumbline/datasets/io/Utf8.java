package dev.plumbline.datasets.io;

/**
 * Strict UTF-8 validation (Unicode Table 3-7: no overlong forms, surrogates or values above U+10FFFF),
 * and the matching check for decoded text: a JSON <code>&#92;uD800</code> escape without its partner
 * decodes to a string that no UTF-8 writer can write.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Returns the index of the first byte of {@code b[from, to)} that is not part of a well-formed
     * UTF-8 sequence, or -1 when the range is well-formed.
     */
    public static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c == 0xE0) {
                n = 2;
                lo = 0xA0;
            } else if (c == 0xED) {
                n = 2;
                hi = 0x9F;
            } else if (c >= 0xE1 && c <= 0xEF) {
                n = 2;
            } else if (c == 0xF0) {
                n = 3;
                lo = 0x90;
            } else if (c >= 0xF1 && c <= 0xF3) {
                n = 3;
            } else if (c == 0xF4) {
                n = 3;
                hi = 0x8F;
            } else {
                return i;
            }
            if (i + 1 >= to) {
                return i;
            }
            int c1 = b[i + 1] & 0xFF;
            if (c1 < lo || c1 > hi) {
                return i;
            }
            for (int k = 2; k <= n; k++) {
                if (i + k >= to || (b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return -1;
    }

    /**
     * Returns the index of the first unpaired surrogate in {@code s} (a high surrogate not followed
     * by a low one, or a low surrogate not preceded by a high one), or -1 when there is none.
     */
    public static int firstUnpairedSurrogate(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
