package dev.plumbline.datasets;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One RAG evaluation sample, with the field names RAGAS uses so that RAGAS datasets load
 * unchanged, plus the labels of hallucination benchmarks.
 *
 * @param id                 unique id within the dataset
 * @param userInput          {@code user_input}: the question or instruction
 * @param response           {@code response}: the generated answer, or {@code null}
 * @param retrievedContexts  {@code retrieved_contexts}: the contexts the response was generated from (may be empty)
 * @param reference          {@code reference}: the reference answer, or {@code null}
 * @param referenceContexts  {@code reference_contexts}: contexts known to be relevant (may be empty)
 * @param label              {@code label}: faithful or hallucinated, or {@code null} for an unlabelled sample
 * @param hallucinationType  {@code hallucination_type}: how a hallucinated response is wrong, or {@code null}
 * @param hallucinationSpans {@code hallucination_spans}: the hallucinated parts of the response (may be empty)
 * @param metadata           format-specific extras (e.g. RAGTruth's {@code task_type}, BEGIN's {@code begin_label}),
 *                           values as text; sorted by key
 */
public record RagSample(String id, String userInput, String response, List<String> retrievedContexts,
                        String reference, List<String> referenceContexts, Label label,
                        String hallucinationType, List<Span> hallucinationSpans, Map<String, String> metadata) {
    /** Checks required fields and copies the collections. */
    public RagSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userInput, "userInput");
        retrievedContexts = retrievedContexts == null ? List.of() : List.copyOf(retrievedContexts);
        referenceContexts = referenceContexts == null ? List.of() : List.copyOf(referenceContexts);
        hallucinationSpans = hallucinationSpans == null ? List.of() : List.copyOf(hallucinationSpans);
        metadata = metadata == null || metadata.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(metadata));
    }

    /** An unlabelled sample with the RAGAS fields only. */
    public static RagSample of(String id, String userInput, String response, List<String> retrievedContexts,
                               String reference) {
        return new RagSample(id, userInput, response, retrievedContexts, reference, List.of(), null, null,
                List.of(), Map.of());
    }

    /** Whether the sample carries a faithful/hallucinated label. */
    public boolean isLabelled() {
        return label != null;
    }
}
