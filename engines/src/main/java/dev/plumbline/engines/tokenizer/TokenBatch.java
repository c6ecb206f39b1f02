package dev.plumbline.engines.tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * Encoded sequences right-padded to one length: the input of one encoder call. Row {@code b} holds
 * {@code lengths[b]} real tokens followed by {@code padId}; the attention mask is 1 on real tokens
 * and 0 on padding.
 *
 * @param batch   number of sequences
 * @param seq     padded length (the longest sequence)
 * @param ids     {@code [batch × seq]} token ids, row-major
 * @param lengths real tokens per sequence
 */
public record TokenBatch(int batch, int seq, int[] ids, int[] lengths) {

    /** Checks the shape. */
    public TokenBatch {
        if (batch <= 0 || seq <= 0 || ids.length != batch * seq || lengths.length != batch) {
            throw new IllegalArgumentException("token batch shape mismatch: batch " + batch + ", seq " + seq
                    + ", ids " + ids.length + ", lengths " + lengths.length);
        }
    }

    /** Pads {@code sequences} (each non-empty) with {@code padId} to the longest one. */
    public static TokenBatch of(List<int[]> sequences, int padId) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a token batch needs at least one sequence");
        }
        int seq = 0;
        for (int[] s : sequences) {
            if (s.length == 0) {
                throw new IllegalArgumentException("a sequence in a token batch is empty");
            }
            seq = Math.max(seq, s.length);
        }
        int batch = sequences.size();
        int[] ids = new int[batch * seq];
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            int[] s = sequences.get(b);
            System.arraycopy(s, 0, ids, b * seq, s.length);
            Arrays.fill(ids, b * seq + s.length, (b + 1) * seq, padId);
            lengths[b] = s.length;
        }
        return new TokenBatch(batch, seq, ids, lengths);
    }

    /** {@code [batch × seq]} attention mask: 1 for real tokens, 0 for padding. */
    public int[] attentionMask() {
        int[] mask = new int[batch * seq];
        for (int b = 0; b < batch; b++) {
            Arrays.fill(mask, b * seq, b * seq + lengths[b], 1);
        }
        return mask;
    }

    /** Real tokens in the batch (excluding padding). */
    public long realTokens() {
        long n = 0;
        for (int len : lengths) {
            n += len;
        }
        return n;
    }
}
