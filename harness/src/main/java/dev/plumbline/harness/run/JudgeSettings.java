package dev.plumbline.harness.run;

import dev.plumbline.metrics.rag.llm.LlmJudgeConfig;

/**
 * What opening a judge may need, whichever front end (command-line flags or an experiment file)
 * configured it.
 *
 * @param threads encoder threads of the local embedding judge
 * @param llm     the LLM judge's endpoint and limits, or {@code null} when none was configured
 * @param apiKey  the LLM API key when the caller already read it, or {@code null} to read it
 *                from {@code llm.apiKeyEnv()} when the judge opens; never written anywhere
 */
public record JudgeSettings(int threads, LlmJudgeConfig llm, String apiKey) {
    /** Settings for the local judges only. */
    public static JudgeSettings local(int threads) {
        return new JudgeSettings(threads, null, null);
    }

    @Override
    public String toString() {
        // The key stays out of logs and messages.
        return "JudgeSettings[threads=" + threads + ", llm=" + llm + "]";
    }
}
