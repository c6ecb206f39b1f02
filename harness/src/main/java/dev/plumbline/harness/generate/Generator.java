package dev.plumbline.harness.generate;

import java.util.List;
import java.util.Map;

/**
 * The Generator stage: the system under test's answer to a question from the contexts its own
 * retrieval returned, best first. Built by a {@link GeneratorProvider}, found by name through
 * {@link Generators}; the caller owns and closes it. Thread-safe.
 */
public interface Generator extends AutoCloseable {

    /** The label results use, as configured. */
    String name();

    /** The provider's name: {@code extractive}, {@code llm}. */
    String type();

    /** Everything that changes its answers, for provenance, in a stable key order. */
    Map<String, String> details();

    /**
     * Answers {@code question} from {@code contexts}. Never throws for a failed call: the failure is
     * the answer ({@link Answer#failed}), so it is counted.
     */
    Answer generate(String question, List<String> contexts);

    /** Releases connections. */
    @Override
    default void close() {
    }
}
