package dev.plumbline.engines.rerank;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenVectorMemoTest {
    /** Cost of a one-char text with {@code floats} floats. */
    private static long cost(int floats) {
        return floats * 4L + 2 + TokenVectorMemo.ENTRY_OVERHEAD;
    }

    @Test
    void leastRecentlyUsedGoesFirstByBytes() {
        TokenVectorMemo m = new TokenVectorMemo(3 * cost(10));
        float[] a = new float[10];
        m.put("a", a);
        m.put("b", new float[10]);
        m.put("c", new float[10]);
        assertEquals(3 * cost(10), m.bytes());
        assertSame(a, m.get("a")); // a is now the most recently used
        m.put("d", new float[10]);
        assertNull(m.get("b"), "b was the least recently used");
        assertNotNull(m.get("a"));
        assertEquals(3, m.size());
        // An entry of nearly two entries' bytes (274 of 2 × 138): the two least recently used, c and d, go.
        m.put("e", new float[44]);
        assertEquals(cost(44), 274);
        assertEquals(2, m.size());
        assertNotNull(m.get("e"));
        assertNotNull(m.get("a"));
        assertEquals(cost(10) + cost(44), m.bytes());
    }

    @Test
    void replacingCountsOnceAndOversizedOrZeroBudgetsKeepNothing() {
        TokenVectorMemo m = new TokenVectorMemo(cost(100));
        m.put("a", new float[50]);
        m.put("a", new float[60]);
        assertEquals(cost(60), m.bytes());
        m.put("b", new float[101]);
        assertNull(m.get("b"), "larger than the whole budget: not kept, nothing evicted");
        assertEquals(1, m.size());
        TokenVectorMemo none = new TokenVectorMemo(0);
        none.put("a", new float[0]);
        assertEquals(0, none.size());
        assertThrows(IllegalArgumentException.class, () -> new TokenVectorMemo(-1));
    }
}
