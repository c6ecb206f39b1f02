package dev.plumbline.engines.train;

import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;

import java.util.List;

/**
 * A trained cross-encoder for inference: the {@link LoraAdapter} merged into its base model, run
 * by the ordinary {@link BertEncoder} on any kernel backend (packed, batched by length, all
 * threads), with the classification head and a softmax in FP64. On the {@code simd} backend a
 * pair's probabilities are the same bits in any batch and on any thread count, as the encoder's
 * vectors are. Not thread-safe (the encoder keeps work buffers); owns and closes its kernels.
 */
public final class CrossEncoderScorer implements AutoCloseable {
    private final Kernels kernels;
    private final BertEncoder encoder;
    private final WordPieceTokenizer tokenizer;
    private final LoraAdapter.Merged model;
    private final int maxTokens;

    /**
     * @param merged    the adapter folded into its base ({@link LoraAdapter#merge})
     * @param tokenizer the base model's tokenizer
     * @param kernels   the backend; closed by {@link #close}
     * @param maxTokens pair length after truncation ({@code [CLS] a [SEP] b [SEP]}, longest first)
     */
    public CrossEncoderScorer(LoraAdapter.Merged merged, WordPieceTokenizer tokenizer, Kernels kernels,
                              int maxTokens) {
        if (maxTokens <= 3 || maxTokens > merged.weights().config().maxPositions()) {
            throw new IllegalArgumentException("maxTokens must be in (3, " + merged.weights().config().maxPositions()
                    + "], got " + maxTokens);
        }
        this.kernels = kernels;
        this.encoder = new BertEncoder(merged.weights(), kernels);
        this.tokenizer = tokenizer;
        this.model = merged;
        this.maxTokens = maxTokens;
    }

    /** Longest pair the model reads; longer pairs are truncated, longest text first. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Tokens of {@code text} alone, without special tokens: for planning windows of a long context. */
    public int tokenCount(String text) {
        return tokenizer.tokenize(text).length;
    }

    /**
     * The probability of class {@code target} for each pair {@code (first[i], second[i])}.
     *
     * @throws IllegalArgumentException when the lists differ in length or {@code target} is no class
     */
    public double[] probabilities(List<String> first, List<String> second, int target) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException(first.size() + " first texts for " + second.size() + " second texts");
        }
        if (target < 0 || target >= model.classes()) {
            throw new IllegalArgumentException("class " + target + " outside [0, " + model.classes() + ")");
        }
        if (first.isEmpty()) {
            return new double[0];
        }
        int[][] ids = new int[first.size()][];
        int[][] types = new int[first.size()][];
        for (int i = 0; i < ids.length; i++) {
            WordPieceTokenizer.Pair p = tokenizer.encodePair(first.get(i), second.get(i), maxTokens);
            ids[i] = p.ids();
            types[i] = p.types();
        }
        double[][] pooled = encoder.pooled(ids, types, model.pooling());
        double[] out = new double[ids.length];
        int h = encoder.config().hidden();
        for (int i = 0; i < ids.length; i++) {
            double[] logits = Backward.linear(pooled[i], 1, h, model.headW(), model.headB(), model.classes());
            out[i] = Backward.crossEntropy(logits, target).probabilities()[target];
        }
        return out;
    }

    @Override
    public void close() {
        kernels.close();
    }
}
