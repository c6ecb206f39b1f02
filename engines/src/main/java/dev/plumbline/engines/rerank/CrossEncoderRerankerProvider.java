package dev.plumbline.engines.rerank;

import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.encoder.BertEncoder;
import dev.plumbline.engines.encoder.BertSequenceClassifier;
import dev.plumbline.engines.kernels.Kernels;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ClassificationHead;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.engines.model.ModelSource;
import dev.plumbline.engines.onnx.BertOnnxMapper;
import dev.plumbline.engines.onnx.ClassificationHeadMapper;
import dev.plumbline.engines.onnx.OnnxFormatException;
import dev.plumbline.engines.onnx.OnnxModel;
import dev.plumbline.engines.onnx.OnnxReader;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;
import dev.plumbline.engines.train.Backward;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cross-encoder}: each (query, candidate) pair scored by a BERT sequence-classification
 * model ({@code BertForSequenceClassification} exported to ONNX, such as an Optimum export of
 * {@code cross-encoder/ms-marco-MiniLM-L-6-v2}), run on the project's own encoder
 * ({@link BertOnnxMapper} for the encoder, {@link ClassificationHeadMapper} for pooler and
 * classifier) on the {@code backend} kernels.
 *
 * <p>Input is {@code [CLS] query [SEP] candidate [SEP]}, token types 0 through the first
 * {@code [SEP]} and 1 after, as sentence-transformers' {@code CrossEncoder} builds it. Pairs longer
 * than {@code max_tokens} (default 512 or the model's position table, whichever is smaller) are
 * truncated by the Hugging Face tokenizer's {@code longest_first} rule, the one
 * {@code CrossEncoder} uses ({@link WordPieceTokenizer#encodePair}): the longer text, in
 * reranking nearly always the candidate, is cut from its end first, down to the other's length;
 * only if both must be cut does the query lose tokens too.
 *
 * <p>Options: {@code path} (required: a directory with {@code model.onnx}, or {@code onnx/model.onnx},
 * and {@code tokenizer.json}, or the {@code .onnx} file with {@code tokenizer.json} beside it),
 * {@code backend} (default {@code simd}), {@code threads}, {@code max_tokens}, {@code batch_size}
 * (pairs per forward batch, default {@value BertEncoder#DEFAULT_MAX_BATCH_SEQUENCES}) and
 * {@code label}: which logit means "relevant" (default the only one when the model has one
 * logit, else index 1, the positive class of a two-way softmax head).
 *
 * <p>Scores are monotone in the probability sentence-transformers would report, so the order is
 * the same, but they are not probabilities: with one logit the score is that raw logit (sigmoid is
 * monotone in it); with several it is the label's log-softmax, {@code z[label] − log Σ exp z}
 * (softmax's probability of the label is monotone in that, not in {@code z[label]} alone, which
 * would ignore the other logits), in FP64.
 */
public final class CrossEncoderRerankerProvider implements RerankerProvider {
    /** Longest pair without {@code max_tokens}, when the model has at least as many positions. */
    static final int DEFAULT_MAX_TOKENS = 512;
    private static final String PATH_HELP = "a directory with model.onnx and tokenizer.json, or an .onnx file with"
            + " tokenizer.json beside it";

    @Override
    public String name() {
        return "cross-encoder";
    }

    @Override
    public String describe() {
        return "a BERT sequence-classification ONNX model scoring each (query, candidate) pair";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("path", "backend", "threads", "max_tokens", "batch_size", "label");
    }

    @Override
    public void check(StageConfig c) {
        RerankerProvider.super.check(c);
        find(c);
        KernelOptions.check(c);
        c.intValue("max_tokens", DEFAULT_MAX_TOKENS, 4, 1_000_000);
        c.intValue("batch_size", BertEncoder.DEFAULT_MAX_BATCH_SEQUENCES, 1, 4096);
        c.intValue("label", 0, 0, 1_000_000);
    }

    /** The model's files under {@code path}, or an error naming the key path. */
    private static ModelSource.Files find(StageConfig c) {
        String path = c.stringValue("path", null);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(c.keyPath("path") + ": required: the cross-encoder model, " + PATH_HELP);
        }
        try {
            return ModelSource.Files.find(Path.of(path));
        } catch (IOException e) {
            throw new IllegalArgumentException(c.keyPath("path") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Reranker open(StageConfig c) throws IOException {
        ModelSource.Files source = find(c);
        ModelFiles files = source.load();
        String where = c.keyPath("path") + ": " + source.onnx();
        BertWeights weights;
        ClassificationHead head;
        try {
            OnnxModel model = OnnxReader.read(files.onnx());
            weights = BertOnnxMapper.map(model);
            head = ClassificationHeadMapper.map(model, weights.config().hidden());
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        WordPieceTokenizer tokenizer = files.tokenizer();
        if (tokenizer.prefixIds().length != 1 || tokenizer.suffixIds().length != 1) {
            throw new IllegalArgumentException(c.keyPath("path") + ": " + source.tokenizer() + ": pairs need BERT's"
                    + " template [CLS] a [SEP] b [SEP]; this tokenizer adds " + tokenizer.prefixIds().length
                    + " ids before and " + tokenizer.suffixIds().length + " after a text");
        }
        if (tokenizer.vocabSize() > weights.config().vocabSize()) {
            throw new IllegalArgumentException(c.keyPath("path") + ": " + source.tokenizer() + " has "
                    + tokenizer.vocabSize() + " tokens, the model's table " + weights.config().vocabSize()
                    + "; they are not one model's files");
        }
        int positions = weights.config().maxPositions();
        int maxTokens = c.intValue("max_tokens", Math.min(DEFAULT_MAX_TOKENS, positions), 4, 1_000_000);
        if (maxTokens > positions) {
            throw new IllegalArgumentException(c.keyPath("max_tokens") + ": " + maxTokens + " is more than the "
                    + positions + " positions of " + source.onnx());
        }
        int labels = head.labels();
        int label = c.intValue("label", labels == 1 ? 0 : 1, 0, 1_000_000);
        if (label >= labels) {
            throw new IllegalArgumentException(c.keyPath("label") + ": " + source.onnx() + " has " + labels
                    + (labels == 1 ? " logit (label 0)" : " logits (labels 0 to " + (labels - 1) + ")")
                    + ", no label " + label);
        }
        Kernels kernels = KernelOptions.open(c);
        try {
            BertEncoder encoder = new BertEncoder(weights, kernels,
                    c.intValue("batch_size", BertEncoder.DEFAULT_MAX_BATCH_SEQUENCES, 1, 4096),
                    BertEncoder.DEFAULT_MAX_BATCH_TOKENS);
            return new CrossEncoder(new BertSequenceClassifier(encoder, head), tokenizer, kernels, details(c, files,
                    maxTokens, label, labels), maxTokens, label);
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
    }

    private static Map<String, String> details(StageConfig c, ModelFiles files, int maxTokens, int label, int labels) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("path", c.stringValue("path", null));
        d.put("onnx_sha256", files.onnxSha256());
        d.put("tokenizer_sha256", files.tokenizerSha256());
        d.put("backend", KernelOptions.backend(c));
        d.put("max_tokens", Integer.toString(maxTokens));
        d.put("labels", Integer.toString(labels));
        d.put("label", Integer.toString(label));
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * The raw logit when there is one, else the label's log-softmax: minus its softmax cross-entropy
     * (max subtracted first), the same expression the trained detector's loss uses.
     */
    static double score(double[] logits, int label) {
        return logits.length == 1 ? logits[0] : -Backward.crossEntropy(logits, label).loss();
    }

    private record CrossEncoder(BertSequenceClassifier classifier, WordPieceTokenizer tokenizer, Kernels kernels,
                                Map<String, String> details, int maxTokens, int label) implements Reranker {
        @Override
        public String type() {
            return "cross-encoder";
        }

        @Override
        public double[] scores(String query, List<String> candidates) {
            int[][] ids = new int[candidates.size()][];
            int[][] types = new int[candidates.size()][];
            for (int i = 0; i < ids.length; i++) {
                WordPieceTokenizer.Pair p = tokenizer.encodePair(query, candidates.get(i), maxTokens);
                ids[i] = p.ids();
                types[i] = p.types();
            }
            double[][] logits = ids.length == 0 ? new double[0][] : classifier.logits(ids, types);
            double[] out = new double[ids.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = score(logits[i], label);
            }
            return out;
        }

        @Override
        public void close() {
            kernels.close();
        }
    }
}
