package dev.plumbline.engines.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {
    @Test
    void sortsLongestFirstAndKeepsInputOrderOnTies() {
        List<int[]> batches = LengthBatches.plan(new int[] {3, 9, 3, 1, 9}, 2, 100);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {1, 4}, batches.get(0));
        assertArrayEquals(new int[] {0, 2}, batches.get(1));
        assertArrayEquals(new int[] {3}, batches.get(2));
    }

    @Test
    void respectsTheTokenBudgetButNeverDropsALongSequence() {
        // Budget 10 padded tokens: [12] alone (over budget, still runs), [5, 5], [4, 3], [2].
        List<int[]> batches = LengthBatches.plan(new int[] {2, 5, 12, 3, 5, 4}, 8, 10);
        assertArrayEquals(new int[] {2}, batches.get(0));
        assertArrayEquals(new int[] {1, 4}, batches.get(1));
        assertArrayEquals(new int[] {5, 3}, batches.get(2));
        assertArrayEquals(new int[] {0}, batches.get(3));
        assertEquals(4, batches.size());
    }

    @Test
    void everyInputAppearsExactlyOnce() {
        int[] lengths = new int[1000];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 1 + (i * 7919) % 256;
        }
        boolean[] seen = new boolean[lengths.length];
        for (int[] batch : LengthBatches.plan(lengths, 32, 4096)) {
            assertTrue(batch.length <= 32);
            assertTrue(batch.length == 1 || batch.length * lengths[batch[0]] <= 4096);
            for (int i : batch) {
                assertTrue(!seen[i], "input " + i + " twice");
                seen[i] = true;
                assertTrue(lengths[i] <= lengths[batch[0]], "first is longest");
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void rejectsEmptySequencesAndBadLimits() {
        assertThrows(IllegalArgumentException.class, () -> LengthBatches.plan(new int[] {3, 0}, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> LengthBatches.plan(new int[] {3}, 0, 10));
    }
}
