package dev.plumbline.metrics.rag.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VectorMemoTest {
    @Test
    void keepsTheMostRecentlyUsedTextsUpToItsCapacity() {
        VectorMemo memo = new VectorMemo(2);
        memo.put("a", new float[] {1});
        memo.put("b", new float[] {2});
        memo.get("a"); // a is now more recent than b
        memo.put("c", new float[] {3});
        assertNull(memo.get("b"));
        assertArrayEquals(new float[] {1}, memo.get("a"));
        assertArrayEquals(new float[] {3}, memo.get("c"));
    }

    @Test
    void capacityZeroKeepsNothingAndNegativeIsRefused() {
        VectorMemo memo = new VectorMemo(0);
        memo.put("a", new float[] {1});
        assertNull(memo.get("a"));
        assertThrows(IllegalArgumentException.class, () -> new VectorMemo(-1));
    }
}
