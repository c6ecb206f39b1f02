package dev.plumbline.metrics.rag;

import java.util.List;

/**
 * What a judge looks at for one sample, with RAGAS's meaning of each field.
 *
 * @param id        sample id (for reports)
 * @param question  RAGAS {@code user_input}
 * @param answer    RAGAS {@code response}
 * @param contexts  RAGAS {@code retrieved_contexts}, in rank order
 * @param reference RAGAS {@code reference} (ground-truth answer), or {@code null}
 */
public record RagInput(String id, String question, String answer, List<String> contexts, String reference) {
    /** Copies the context list. */
    public RagInput {
        contexts = List.copyOf(contexts);
    }
}
