package dev.plumbline.reports.provenance;

import java.util.Map;
import java.util.TreeMap;

/**
 * The judge behind RAG metrics.
 *
 * @param name          judge implementation ({@code local}, {@code llm})
 * @param model         model name for an LLM judge, empty otherwise
 * @param promptVersion version of the prompts, empty when not applicable
 * @param details       endpoint, temperature, cache file ... sorted
 */
public record JudgeIdentity(String name, String model, String promptVersion, Map<String, String> details) {
    /** Normalizes missing text and sorts the details. */
    public JudgeIdentity {
        model = EngineIdentity.nullToEmpty(model);
        promptVersion = EngineIdentity.nullToEmpty(promptVersion);
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
