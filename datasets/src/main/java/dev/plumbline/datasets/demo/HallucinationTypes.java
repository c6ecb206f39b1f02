package dev.plumbline.datasets.demo;

import java.util.List;

/** The hallucination types of {@code builtin:demo}, as written in {@code hallucination_type}. */
public final class HallucinationTypes {
    /** An entity of the answer (person, town, river, …) replaced by another of the same kind. */
    public static final String SWAPPED_ENTITY = "swapped_entity";
    /** A quantity changed (population, staff, height, length). */
    public static final String CHANGED_NUMBER = "changed_number";
    /** A year changed. */
    public static final String CHANGED_DATE = "changed_date";
    /** A correct answer followed by a claim the contexts do not support. */
    public static final String UNSUPPORTED_CLAIM = "unsupported_claim";
    /** A claim that the context states the opposite of. */
    public static final String CONTRADICTION = "contradiction";

    /** All types, in a fixed order. */
    public static final List<String> ALL = List.of(SWAPPED_ENTITY, CHANGED_NUMBER, CHANGED_DATE, UNSUPPORTED_CLAIM,
            CONTRADICTION);

    private HallucinationTypes() {
    }
}
