package dev.plumbline.harness.run;

import dev.plumbline.metrics.rag.Judge;

import java.util.Map;

/** {@code local}: the deterministic offline judge in embedding mode (its model on the simd engine). */
public final class LocalJudgeProvider implements JudgeProvider {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public String describe() {
        return "deterministic, offline: lexical grounding plus sentence cosines (its fitted model on simd)";
    }

    @Override
    public Judge open(JudgeSettings settings) {
        return LocalJudges.open(name(), settings.threads());
    }

    @Override
    public Map<String, String> details(JudgeSettings settings) {
        return LocalJudges.details(name());
    }
}
