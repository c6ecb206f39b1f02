package dev.plumbline.harness.run;

import dev.plumbline.harness.cross.LocalCrossModel;
import dev.plumbline.metrics.rag.Judge;

import java.util.Map;

/** {@code local-cross}: the trained cross-encoder detector (LoRA on minilm-l6, shipped), offline and deterministic. */
public final class LocalCrossJudgeProvider implements JudgeProvider {
    @Override
    public String name() {
        return "local-cross";
    }

    @Override
    public String describe() {
        return "deterministic, offline: claim support from a cross-encoder trained by judge-train (LoRA on minilm-l6, simd)";
    }

    @Override
    public Judge open(JudgeSettings settings) {
        return LocalCrossModel.shipped().open(settings.threads());
    }

    @Override
    public Map<String, String> details(JudgeSettings settings) {
        return LocalCrossModel.shipped().details();
    }
}
