package dev.plumbline.harness.run;

import dev.plumbline.metrics.rag.Judge;

import java.util.Map;

/** {@code local-lexical}: the deterministic offline judge without a model. */
public final class LocalLexicalJudgeProvider implements JudgeProvider {
    @Override
    public String name() {
        return "local-lexical";
    }

    @Override
    public String describe() {
        return "deterministic, offline: lexical grounding only, no model";
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
