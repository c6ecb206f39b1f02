package dev.plumbline.harness.cross;

import dev.plumbline.engines.encoder.RandomBertWeights;
import dev.plumbline.engines.kernels.KernelBackends;
import dev.plumbline.engines.model.BertConfig;
import dev.plumbline.engines.model.BertWeights;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.Pooling;
import dev.plumbline.engines.tokenizer.WordPieceTokenizer;
import dev.plumbline.engines.train.CrossEncoderScorer;
import dev.plumbline.engines.train.KernelCrossEncoder;
import dev.plumbline.engines.train.LoraAdapter;
import dev.plumbline.metrics.rag.cross.SupportScorer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long contexts are read in windows of whole sentences that fit beside the claim; the best window counts. */
class CrossEncoderSupportTest {
    @Test
    void aLongContextIsReadInSentenceWindowsAndTheBestWindowCounts() throws IOException {
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(ModelRegistry.get("minilm-l6").load().tokenizerJson(),
                "minilm-l6");
        BertConfig config = new BertConfig(tokenizer.vocabSize(), 16, 1, 2, 32, 64, 2, 1e-12f);
        BertWeights w = RandomBertWeights.create(config, 3);
        LoraAdapter adapter;
        try (var k = KernelBackends.create("simd", 1)) {
            adapter = LoraAdapter.of(new KernelCrossEncoder(w, k, Pooling.CLS, 2, 2, 4, 1), 2, 4, Pooling.CLS, 2);
        }
        int maxTokens = 40;
        try (CrossEncoderSupport support = new CrossEncoderSupport(new CrossEncoderScorer(adapter.merge(w), tokenizer,
                KernelBackends.create("simd", 1), maxTokens), "test")) {
            String claim = "The river is long.";
            StringBuilder context = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                context.append("Sentence number ").append(i).append(" tells of the river and the hills. ");
            }
            List<String> windows = support.windows(claim, context.toString().strip());
            assertTrue(windows.size() > 2, "split into windows: " + windows);
            assertEquals(context.toString().strip(), String.join(" ", windows), "whole sentences, in order, none lost");
            for (String window : windows) {
                assertTrue(tokenizer.tokenize(claim).length + tokenizer.tokenize(window).length + 3 <= maxTokens,
                        "fits beside the claim: " + window);
            }
            assertEquals(List.of("Short."), support.windows(claim, "Short."), "a short context stays whole");
            List<SupportScorer.Support> s = support.support(List.of(claim), List.of(context.toString().strip()));
            List<SupportScorer.Support> each = support.support(windows.stream().map(x -> claim).toList(), windows);
            double best = each.stream().mapToDouble(SupportScorer.Support::probability).max().orElseThrow();
            assertEquals(best, s.get(0).probability(), "the best window's probability");
            assertTrue(windows.contains(s.get(0).window()));
        }
    }
}
