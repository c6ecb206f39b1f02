package dev.plumbline.harness.run;

import dev.plumbline.harness.UsageException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} deterministic parts of every cell ({@code run --shard INDEX/COUNT}, 1-based):
 * an item (query, topic or sample) belongs to the part its id hashes to. The hash is the first
 * eight bytes of the SHA-256 of the id's UTF-8 bytes, so the split is the same on every machine,
 * JDK and run, and independent of the order items appear in; parts are balanced in expectation.
 *
 * @param index 1 … {@code count}
 * @param count the number of parts, ≥ 1
 */
public record Shard(int index, int count) {
    /** The most parts a run may be split into. */
    public static final int MAX_COUNT = 10_000;
    /** The whole of every cell: an unsharded run. */
    public static final Shard WHOLE = new Shard(1, 1);

    /** Checks the range. */
    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 1 <= INDEX <= COUNT <= "
                    + MAX_COUNT);
        }
    }

    /**
     * Parses {@code INDEX/COUNT}, e.g. {@code 2/3}.
     *
     * @throws UsageException naming the expected form
     */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                return new Shard(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
            }
        } catch (NumberFormatException e) {
            // Falls through to the one message below.
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard " + text + ": " + e.getMessage().substring(e.getMessage().indexOf(':') + 2)
                    + ", e.g. --shard 1/" + Math.max(2, Math.min(MAX_COUNT, count(t))));
        }
        throw new UsageException("--shard " + text + ": expected INDEX/COUNT with 1 <= INDEX <= COUNT, e.g. --shard 1/4");
    }

    private static int count(String t) {
        try {
            return Integer.parseInt(t.substring(t.indexOf('/') + 1));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /** Whether this is the whole run ({@code 1/1}). */
    public boolean whole() {
        return count == 1;
    }

    /** Whether item {@code id} belongs to this part. */
    public boolean owns(String id) {
        return whole() || part(id, count) == index;
    }

    /** The part (1 … {@code count}) that item {@code id} belongs to. */
    public static int part(String id, int count) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(v, count) + 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
