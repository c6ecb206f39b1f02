package dev.plumbline.harness.run;

import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.llm.LlmJudge;

import java.util.Map;

/** {@code llm}: an OpenAI-compatible chat endpoint as judge, replies cached. */
public final class LlmJudgeProvider implements JudgeProvider {
    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String describe() {
        return "OpenAI-compatible chat endpoint (base URL, model, API key from an environment variable), cached";
    }

    @Override
    public void check(JudgeSettings settings) {
        if (settings.llm() == null) {
            throw new IllegalArgumentException("the llm judge needs an endpoint and a model: in an experiment file"
                    + " judge: {name: llm, base_url: http://localhost:8000/v1, model: NAME}; on the command line"
                    + " --llm-base-url and --llm-model");
        }
        key(settings);
    }

    /** The API key: given, or read now from its variable (none for an endpoint without auth). */
    private static String key(JudgeSettings settings) {
        if (settings.apiKey() != null) {
            return settings.apiKey();
        }
        String variable = settings.llm().apiKeyEnv();
        try {
            return LlmJudge.apiKey(variable, variable == null ? null : System.getenv(variable));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + " (the LLM API key) is not set;"
                    + " export it, or name another with api_key_env (none for an endpoint without auth)", e);
        }
    }

    @Override
    public Judge open(JudgeSettings settings) {
        check(settings);
        return new LlmJudge(settings.llm(), key(settings));
    }

    @Override
    public Map<String, String> details(JudgeSettings settings) {
        try (Judge j = open(settings)) {
            var id = j.identity();
            return Map.of("version", id.version(), "parameters_sha256", id.parametersHash());
        }
    }
}
