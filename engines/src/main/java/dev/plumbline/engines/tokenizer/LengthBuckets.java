package dev.plumbline.engines.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits encoded sequences into batches of similar length, so padding wastes little compute:
 * sequences are sorted by length (stable, so equal lengths keep input order) and cut into runs
 * of {@code batchSize}. Each batch remembers which inputs it holds, so results go back in input
 * order.
 */
public final class LengthBuckets {
    private LengthBuckets() {
    }

    /**
     * One batch and the input positions of its rows.
     *
     * @param indices {@code indices[b]} is the input position of row {@code b}
     * @param batch   the padded batch
     */
    public record Bucket(int[] indices, TokenBatch batch) {
    }

    /** Batches of at most {@code batchSize} sequences each, shortest first. */
    public static List<Bucket> of(List<int[]> sequences, int batchSize, int padId) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        int[] order = IntStream.range(0, sequences.size()).boxed()
                .sorted(Comparator.comparingInt(i -> sequences.get(i).length))
                .mapToInt(Integer::intValue).toArray();
        List<Bucket> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int[] idx = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            List<int[]> rows = new ArrayList<>(idx.length);
            for (int i : idx) {
                rows.add(sequences.get(i));
            }
            out.add(new Bucket(idx, TokenBatch.of(rows, padId)));
        }
        return out;
    }
}
