package dev.plumbline.engines.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Batching for packed (unpadded) forward passes: a batch costs its total real tokens (the rows of
 * every GEMM) plus one pass over the weights, so batches are cut by summed lengths and sequence
 * count, never by padding, and kept as full as the limits allow.
 *
 * <p>Sequences are sorted longest first (ties in input order): within a batch, attention hands out
 * the long sequences first, which balances its threads, and the plan is a pure function of the
 * lengths. The fewest batches the sequence limit allows share the sequences evenly, their sizes
 * differing by at most one (33 inputs at 32 per batch become 17 + 16, not 32 + 1: a batch of one
 * short sequence streams every weight for a handful of rows); the token limit closes a batch early
 * when the next sequence would overflow it, and the rest are spread again.
 */
public final class LengthBatches {
    private LengthBatches() {
    }

    /**
     * Groups input indices into batches.
     *
     * @param lengths       real length of each input, each ≥ 1
     * @param maxSequences  at most this many sequences per batch, ≥ 1
     * @param maxTokens     at most this many tokens (summed lengths) per batch; a single sequence
     *                      longer than this still forms a batch of its own
     * @return batches of input indices, each longest first; every input appears exactly once
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
            // The remaining sequences spread evenly over the fewest batches the sequence limit allows.
            int remaining = order.length - start;
            int batchesLeft = (remaining + maxSequences - 1) / maxSequences;
            int perBatch = (remaining + batchesLeft - 1) / batchesLeft;
            long tokens = lengths[order[start]];
            int end = start + 1;
            while (end < order.length && end - start < perBatch && tokens + lengths[order[end]] <= maxTokens) {
                tokens += lengths[order[end]];
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
