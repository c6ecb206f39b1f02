package dev.plumbline.datasets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over a sequence of typed values with unambiguous framing: a string is its UTF-8 length
 * (4 bytes, big-endian; {@code -1} for null) and bytes, a number 8 bytes big-endian, a list its
 * size then its elements. Two different sequences never feed the same bytes.
 */
final class ContentDigest {
    private final MessageDigest md;
    private final byte[] scratch = new byte[8];

    ContentDigest() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    ContentDigest tag(char c) {
        md.update((byte) c);
        return this;
    }

    ContentDigest str(String s) {
        if (s == null) {
            return integer(-1);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        integer(b.length);
        md.update(b);
        return this;
    }

    ContentDigest integer(int v) {
        scratch[0] = (byte) (v >>> 24);
        scratch[1] = (byte) (v >>> 16);
        scratch[2] = (byte) (v >>> 8);
        scratch[3] = (byte) v;
        md.update(scratch, 0, 4);
        return this;
    }

    ContentDigest number(long v) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (v >>> (56 - 8 * i));
        }
        md.update(scratch, 0, 8);
        return this;
    }

    ContentDigest strings(List<String> list) {
        integer(list.size());
        for (String s : list) {
            str(s);
        }
        return this;
    }

    ContentDigest map(Map<String, String> sorted) {
        integer(sorted.size());
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            str(e.getKey()).str(e.getValue());
        }
        return this;
    }

    ContentDigest ascii(String s) {
        md.update(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Finishes the digest as lower-case hex; the object must not be used afterwards. */
    String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
