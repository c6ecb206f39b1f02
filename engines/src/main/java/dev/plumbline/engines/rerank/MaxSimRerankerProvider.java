package dev.plumbline.engines.rerank;

import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code maxsim}: ColBERT-style late interaction over the bi-encoder's own token vectors, no
 * extra weights: the query's and each candidate's last hidden states ({@code model}, default
 * {@code minilm-l6}, on the {@code backend} kernels, default {@code simd}), special tokens left
 * out and each token vector L2-normalised; a candidate scores the sum over query tokens of the
 * best cosine with any of its tokens. The model was trained for pooled vectors, not for this, so
 * whether it helps is an empirical question (the README reports SciFact's answer).
 *
 * <p>Candidates' token vectors are kept by text in a {@link TokenVectorMemo} of {@code cache_mib}
 * MiB (default {@value #DEFAULT_CACHE_MIB}, at most half the JVM's maximum heap; 0 keeps none), so
 * a document that is a candidate of many queries is encoded once while it fits; the candidates a
 * query finds missing are encoded together in one call. Scores are the same with or without it:
 * the encoder's vectors do not depend on the batch. Scoring is {@link MaxSimScoring}: FP32 on the
 * Java Vector API when {@code jdk.incubator.vector} is readable, the FP64 reference otherwise; either
 * way a candidate's score does not depend on the other candidates of the call.
 */
public final class MaxSimRerankerProvider implements RerankerProvider {
    /** Memo of candidate token vectors without {@code cache_mib}. */
    static final int DEFAULT_CACHE_MIB = 2048;

    @Override
    public String name() {
        return "maxsim";
    }

    @Override
    public String describe() {
        return "ColBERT-style MaxSim over the bi-encoder's token vectors";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("model", "backend", "threads", "cache_mib");
    }

    @Override
    public void check(StageConfig c) {
        RerankerProvider.super.check(c);
        try {
            ModelRegistry.get(c.stringValue("model", "minilm-l6"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.keyPath("model") + ": " + e.getMessage(), e);
        }
        KernelOptions.check(c);
        cacheMib(c);
    }

    private static int cacheMib(StageConfig c) {
        return c.intValue("cache_mib", DEFAULT_CACHE_MIB, 0, 1 << 20);
    }

    /** The memo's budget: {@code cache_mib}, but never more than half the maximum heap. */
    static long memoBudget(int cacheMib) {
        return Math.min((long) cacheMib << 20, Runtime.getRuntime().maxMemory() / 2);
    }

    @Override
    public Reranker open(StageConfig c) throws IOException {
        ModelSpec spec = ModelRegistry.get(c.stringValue("model", "minilm-l6"));
        ModelFiles files = spec.load();
        String backend = KernelOptions.backend(c);
        Kernels kernels = KernelOptions.open(c);
        try {
            BertEncoder encoder = new BertEncoder(BertOnnxMapper.map(OnnxReader.read(files.onnx())), kernels);
            return new MaxSim(spec, files.tokenizer(), encoder, kernels, backend,
                    new TokenVectorMemo(memoBudget(cacheMib(c))));
        } catch (RuntimeException e) {
            kernels.close(); // a model that does not map must not leave the backend's worker pool running
            throw e;
        }
    }

    record MaxSim(ModelSpec spec, WordPieceTokenizer tokenizer, BertEncoder encoder, Kernels kernels,
                  String backend, TokenVectorMemo memo) implements Reranker {
        @Override
        public String type() {
            return "maxsim";
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("model", spec.name());
            d.put("backend", backend);
            d.put("max_tokens", Integer.toString(spec.maxTokens()));
            return d;
        }

        /** Unit token vectors of {@code text}, special tokens left out: {@code [tokens][hidden]}. */
        private float[][] tokens(List<String> texts, boolean query) {
            int[][] ids = new int[texts.size()][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokenizer.encode(spec.input(texts.get(i), query), spec.maxTokens());
            }
            float[][] states = encoder.hiddenStates(ids);
            int h = encoder.config().hidden();
            int skipFront = tokenizer.prefixIds().length;
            int skipBack = tokenizer.suffixIds().length;
            float[][] out = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                int n = Math.max(0, ids[i].length - skipFront - skipBack);
                float[] v = Arrays.copyOfRange(states[i], skipFront * h, (skipFront + n) * h);
                for (int t = 0; t < n; t++) {
                    unit(v, t * h, h);
                }
                out[i] = v;
            }
            return out;
        }

        /**
         * Scales {@code v[from, from + h)} to unit L2 norm (FP64 sum of squares, one FP32 factor).
         * A method of its own: JDK 25.0.3's C2 crashed (SIGSEGV in
         * TemplateAssertionExpression::clone) compiling these loops nested inside {@link #tokens}.
         */
        private static void unit(float[] v, int from, int h) {
            double norm = 0;
            for (int j = from; j < from + h; j++) {
                norm += (double) v[j] * v[j];
            }
            float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
            for (int j = from; j < from + h; j++) {
                v[j] *= inv;
            }
        }

        /** Token vectors of every candidate: from the memo, the rest encoded in one call and kept. */
        private float[][] candidateTokens(List<String> candidates) {
            float[][] docs = new float[candidates.size()][];
            Map<String, List<Integer>> missing = new LinkedHashMap<>();
            for (int i = 0; i < docs.length; i++) {
                String text = candidates.get(i);
                docs[i] = missing.containsKey(text) ? null : memo.get(text);
                if (docs[i] == null) {
                    missing.computeIfAbsent(text, t -> new ArrayList<>()).add(i);
                }
            }
            if (!missing.isEmpty()) {
                List<String> texts = new ArrayList<>(missing.keySet());
                float[][] encoded = tokens(texts, false);
                for (int m = 0; m < texts.size(); m++) {
                    for (int i : missing.get(texts.get(m))) {
                        docs[i] = encoded[m];
                    }
                    memo.put(texts.get(m), encoded[m]);
                }
            }
            return docs;
        }

        @Override
        public double[] scores(String query, List<String> candidates) {
            float[] q = tokens(List.of(query), true)[0];
            return MaxSimScoring.scores(q, candidateTokens(candidates), encoder.config().hidden());
        }

        @Override
        public void close() {
            kernels.close();
        }
    }
}
