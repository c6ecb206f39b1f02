package dev.plumbline.harness.run;

import dev.plumbline.metrics.rag.Judge;

import java.util.Map;

/**
 * A kind of judge, found through {@link java.util.ServiceLoader} (see {@link Judges}) by the name
 * {@code judge:} in experiment files and {@code --judge} on the command line give.
 */
public interface JudgeProvider {

    /** Name users select it by: {@code local}, {@code local-lexical}, {@code llm}. */
    String name();

    /** One line on what it is. */
    String describe();

    /**
     * Checks that {@code settings} are enough to open this judge, before anything runs.
     *
     * @throws IllegalArgumentException naming what is missing and how to give it
     */
    default void check(JudgeSettings settings) {
    }

    /** Opens the judge; the caller closes it. */
    Judge open(JudgeSettings settings);

    /**
     * What results record as the judge's details (version, parameters' or prompts' hash), known
     * without judging anything; {@code --resume} checks a saved judge cell against it.
     */
    Map<String, String> details(JudgeSettings settings);
}
