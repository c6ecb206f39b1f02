package dev.plumbline.engines.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Padding-aware batching: sequences sorted by length (longest first, ties in input order) and cut
 * into batches of similar length, so a batch pads every sequence only up to its own longest one.
 * Longest first means the first batch sizes the work buffers and later ones reuse them.
 */
public final class LengthBatches {
    private LengthBatches() {
    }

    /**
     * Groups input indices into batches.
     *
     * @param lengths       real length of each input, each ≥ 1
     * @param maxSequences  at most this many sequences per batch, ≥ 1
     * @param maxTokens     at most this many padded tokens ({@code sequences × longest}) per batch;
     *                      a single sequence longer than this still forms a batch of its own
     * @return batches of input indices; within a batch the first index is the longest sequence
     */
    public static List<int[]> plan(int[] lengths, int maxSequences, int maxTokens) {
        if (maxSequences < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("maxSequences and maxTokens must be >= 1, got " + maxSequences + ", "
                    + maxTokens);
        }
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            if (lengths[i] < 1) {
                throw new IllegalArgumentException("input " + i + " has length " + lengths[i]
                        + "; every sequence needs at least one token");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed()
                .thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int longest = lengths[order[start]];
            int end = start + 1;
            while (end < order.length && end - start < maxSequences && (long) (end - start + 1) * longest <= maxTokens) {
                end++;
            }
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
            start = end;
        }
        return batches;
    }
}
