package dev.plumbline.engines.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenBatchTest {
    @Test
    void padsToTheLongestAndMasksPadding() {
        TokenBatch b = TokenBatch.of(List.of(new int[] {101, 7, 102}, new int[] {101, 102}), 0);
        assertEquals(2, b.batch());
        assertEquals(3, b.seq());
        assertArrayEquals(new int[] {101, 7, 102, 101, 102, 0}, b.ids());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0}, b.attentionMask());
        assertArrayEquals(new int[] {3, 2}, b.lengths());
        assertEquals(5, b.realTokens());
        assertThrows(IllegalArgumentException.class, () -> TokenBatch.of(List.of(), 0));
    }

    @Test
    void bucketsSortByLengthAndRememberInputPositions() {
        List<int[]> seqs = List.of(new int[5], new int[2], new int[9], new int[2], new int[4]);
        List<LengthBuckets.Bucket> buckets = LengthBuckets.of(seqs, 2, 0);
        assertEquals(3, buckets.size());
        assertArrayEquals(new int[] {1, 3}, buckets.get(0).indices()); // stable among equal lengths
        assertArrayEquals(new int[] {4, 0}, buckets.get(1).indices());
        assertArrayEquals(new int[] {2}, buckets.get(2).indices());
        assertEquals(2, buckets.get(0).batch().seq());
        assertEquals(5, buckets.get(1).batch().seq());
    }
}
