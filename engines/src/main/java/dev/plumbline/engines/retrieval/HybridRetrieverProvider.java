package dev.plumbline.engines.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code hybrid}: a {@link Fusion} over two or more other retrievers ({@code of}): {@code method}
 * (ranx's names: {@code rrf}, {@code sum}, {@code mnz}, {@code wsum}), {@code k} for RRF,
 * {@code norm} for the score methods, {@code weights} (or {@code alpha} for two parts) for
 * {@code wsum}, and {@code depth}, how many documents each part retrieves (1,000 by default,
 * as Pyserini's BEIR fusion runs use).
 */
public final class HybridRetrieverProvider implements RetrieverProvider {
    /** Documents each part retrieves when {@code depth} is not given. */
    public static final int DEFAULT_DEPTH = 1000;

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public String describe() {
        return "fusion (" + String.join(", ", Fusion.METHODS) + ") over other retrievers";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("method", "k", "norm", "weights", "alpha", "depth");
    }

    @Override
    public void check(RetrieverConfig c) {
        c.checkKnown(optionNames());
        if (c.parts().size() < 2) {
            throw new IllegalArgumentException(c.keyPath("of") + ": a hybrid fuses two or more retrievers, got "
                    + c.parts().size());
        }
        fusion(c);
        c.intValue("depth", DEFAULT_DEPTH, 1, 100_000);
        for (RetrieverConfig p : c.parts()) {
            Retrievers.check(p);
        }
    }

    /** The configured fusion; errors name the key. */
    static Fusion fusion(RetrieverConfig c) {
        String method = c.stringValue("method", "rrf");
        double[] weights = null;
        if (c.options().containsKey("weights") && c.options().containsKey("alpha")) {
            throw new IllegalArgumentException(c.keyPath("alpha") + ": give weights or alpha, not both");
        }
        if (c.options().containsKey("alpha")) {
            if (c.parts().size() != 2) {
                throw new IllegalArgumentException(c.keyPath("alpha") + ": alpha weighs two parts (alpha, 1 - alpha);"
                        + " with " + c.parts().size() + " give weights");
            }
            double a = c.doubleValue("alpha", 0.5, 0, 1);
            weights = new double[] {a, 1 - a};
        }
        if (c.options().containsKey("weights")) {
            String[] w = c.stringValue("weights", "").split(",");
            weights = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                try {
                    weights[i] = Double.parseDouble(w[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(c.keyPath("weights") + ": must be numbers separated by commas,"
                            + " one per part, got '" + c.stringValue("weights", "") + "'", e);
                }
            }
            if (weights.length != c.parts().size()) {
                throw new IllegalArgumentException(c.keyPath("weights") + ": " + weights.length + " weights for "
                        + c.parts().size() + " parts; give one per part");
            }
        }
        if (c.options().containsKey("k") && !method.equals("rrf")) {
            throw new IllegalArgumentException(c.keyPath("k") + ": k is rrf's constant; " + method + " takes none");
        }
        int k = c.intValue("k", Fusion.DEFAULT_K, 0, 1_000_000);
        String norm = c.stringValue("norm", null);
        String key = !Fusion.METHODS.contains(method) ? "method" : norm != null ? "norm"
                : c.options().containsKey("alpha") ? "alpha" : "weights";
        try {
            return Fusion.of(method, k, norm, weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Retriever open(RetrieverConfig c, Corpus corpus, RetrieverContext context) throws IOException {
        Fusion fusion = fusion(c);
        List<Retriever> parts = new ArrayList<>();
        try {
            for (RetrieverConfig p : c.parts()) {
                parts.add(context.open(p, corpus));
            }
        } catch (IOException | RuntimeException | Error e) {
            parts.forEach(Retriever::close);
            throw e;
        }
        return new HybridRetriever(c.name(), parts, fusion, c.intValue("depth", DEFAULT_DEPTH, 1, 100_000), corpus);
    }
}
