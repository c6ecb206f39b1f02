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
        // Budget 10 real tokens: [12] alone (over budget, still runs), [5, 5], [4, 3, 2].
        List<int[]> batches = LengthBatches.plan(new int[] {2, 5, 12, 3, 5, 4}, 8, 10);
        assertArrayEquals(new int[] {2}, batches.get(0));
        assertArrayEquals(new int[] {1, 4}, batches.get(1));
        assertArrayEquals(new int[] {5, 3, 0}, batches.get(2));
        assertEquals(3, batches.size());
    }

    @Test
    void countsRealTokensNotPadding() {
        // One 100-token sequence and fifty of 1 token: 150 real tokens fit a 200-token budget in one
        // batch (padded to the longest they would be 5100).
        int[] lengths = new int[51];
        java.util.Arrays.fill(lengths, 1);
        lengths[37] = 100;
        List<int[]> batches = LengthBatches.plan(lengths, 64, 200);
        assertEquals(1, batches.size());
        assertEquals(51, batches.get(0).length);
        assertEquals(37, batches.get(0)[0]);
    }

    @Test
    void spreadsSequencesEvenlyOverTheFewestBatches() {
        int[] lengths = new int[33];
        java.util.Arrays.fill(lengths, 10);
        List<int[]> batches = LengthBatches.plan(lengths, 32, 8192);
        assertEquals(2, batches.size());
        assertEquals(17, batches.get(0).length);
        assertEquals(16, batches.get(1).length);
        List<int[]> seven = LengthBatches.plan(new int[] {1, 2, 3, 4, 5, 6, 7}, 3, 100);
        assertArrayEquals(new int[] {6, 5, 4}, seven.get(0));
        assertArrayEquals(new int[] {3, 2}, seven.get(1));
        assertArrayEquals(new int[] {1, 0}, seven.get(2));
        assertEquals(3, seven.size());
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
            int tokens = 0;
            for (int i : batch) {
                tokens += lengths[i];
            }
            assertTrue(batch.length == 1 || tokens <= 4096, "token budget");
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
