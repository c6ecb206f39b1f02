package dev.plumbline.metrics.ir;

/**
 * One trec_eval measure family, known by trec_eval's root name ({@code P}, {@code ndcg_cut},
 * {@code map}). Parameters come from the text after the first dot of {@code -m}
 * ({@code -m ndcg_cut.1,3,10}); {@link #bind} turns them into the values to compute.
 */
public interface IrMeasure {
    /** trec_eval's root name, e.g. {@code ndcg_cut}. */
    String name();

    /** One line for help output. */
    String description();

    /**
     * Binds parameters.
     *
     * @param params the text after the first dot of {@code -m}, or {@code null} for the defaults
     * @throws IllegalArgumentException naming the constraint the parameters break
     */
    BoundMeasure bind(String params);
}
