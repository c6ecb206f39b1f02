package dev.plumbline.metrics.ir;

/** How trec_eval prints a measure value. */
public enum ValueFormat {
    /** {@code %6.4f} */
    DECIMAL,
    /** {@code %ld}: counts such as num_ret */
    INTEGER,
    /** {@code %s}: runid and relstring */
    TEXT
}
