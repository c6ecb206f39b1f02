package dev.plumbline.harness.cross;

import dev.plumbline.engines.train.CrossEncoderScorer;
import dev.plumbline.metrics.rag.cross.SupportScorer;
import dev.plumbline.metrics.rag.local.ClaimSplitter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link SupportScorer} on the trained cross-encoder. A context too long for the model beside the
 * claim is read in windows of whole consecutive sentences (each fitting with the claim in
 * {@link CrossEncoderScorer#maxTokens()}; a sentence longer than that alone is its own window, cut
 * by the tokenizer), and the claim's support is its best window's: a claim needs support somewhere
 * in the context, not everywhere. All windows of a call are scored in one encoder call.
 */
public final class CrossEncoderSupport implements SupportScorer {
    /** The class index of "supported" in the trained head (0 is "unsupported"). */
    public static final int SUPPORTED = 1;

    private final CrossEncoderScorer scorer;
    private final String identity;

    /** @param identity model and adapter, e.g. {@code minilm-l6+lora:SHA-256}; the scorer is owned and closed here */
    public CrossEncoderSupport(CrossEncoderScorer scorer, String identity) {
        this.scorer = scorer;
        this.identity = identity;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public synchronized List<Support> support(List<String> firsts, List<String> contexts) {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        int[] firstWindow = new int[firsts.size() + 1];
        for (int i = 0; i < firsts.size(); i++) {
            firstWindow[i] = a.size();
            for (String w : windows(firsts.get(i), contexts.get(i))) {
                a.add(firsts.get(i));
                b.add(w);
            }
        }
        firstWindow[firsts.size()] = a.size();
        double[] p = scorer.probabilities(a, b, SUPPORTED);
        List<Support> out = new ArrayList<>(firsts.size());
        for (int i = 0; i < firsts.size(); i++) {
            int best = firstWindow[i];
            for (int w = firstWindow[i] + 1; w < firstWindow[i + 1]; w++) {
                if (p[w] > p[best]) {
                    best = w;
                }
            }
            out.add(new Support(p[best], b.get(best)));
        }
        return out;
    }

    /** The context whole when it fits beside {@code first}, else its sentence windows, in order. */
    List<String> windows(String first, String context) {
        int budget = scorer.maxTokens() - 3 - Math.min(scorer.tokenCount(first), scorer.maxTokens() / 2);
        if (scorer.tokenCount(context) <= budget) {
            return List.of(context);
        }
        List<String> windows = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int used = 0;
        for (String s : ClaimSplitter.sentences(context)) { // trimmed, none empty
            int n = scorer.tokenCount(s);
            if (used > 0 && used + n > budget) {
                windows.add(current.toString());
                current.setLength(0);
                used = 0;
            }
            if (used > 0) {
                current.append(' ');
            }
            current.append(s);
            used += n;
        }
        if (used > 0 || windows.isEmpty()) {
            windows.add(current.toString());
        }
        return windows;
    }

    @Override
    public void close() {
        scorer.close();
    }
}
