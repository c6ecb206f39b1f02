package dev.plumbline.metrics.rag;

/**
 * Who judged, for provenance: results carry it so a score can be traced to the judge that made it.
 *
 * @param name           judge name ({@code local}, {@code llm})
 * @param version        judge implementation version
 * @param model          model used (embedding or LLM), or {@code none}
 * @param promptVersion  prompt file version for LLM judges, or {@code none}
 * @param parametersHash SHA-256 of the fitted parameters / configuration
 */
public record JudgeIdentity(String name, String version, String model, String promptVersion, String parametersHash) {
}
