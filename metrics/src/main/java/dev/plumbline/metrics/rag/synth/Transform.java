package dev.plumbline.metrics.rag.synth;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One FactCC-style edit of a claim sentence. Each returns the edited sentence, or empty when the
 * sentence has nothing it applies to (no number, no second name, ...); edits are deterministic for
 * a given random stream. {@link #supported()} says whether the edited claim is still supported by
 * the passage.
 */
public interface Transform {
    /** Canonical name, recorded with every generated pair (e.g. {@code entity-swap}). */
    String name();

    /** Whether the result is still supported by the passage (true only for meaning-preserving edits). */
    boolean supported();

    /**
     * @param sentence the claim sentence, taken from {@code passage}
     * @param passage  the whole passage (a source of other entities and numbers)
     */
    Optional<String> apply(String sentence, String passage, SplittableRandom rng);

    /** Every built-in transform, in a fixed order. */
    static List<Transform> all() {
        return List.of(new Transforms.Copy(), new Transforms.EntitySwap(), new Transforms.NumberSwap(),
                new Transforms.Negation(), new Transforms.PronounSwap(), new Transforms.RelationSwap(),
                new Transforms.SentenceOrder(), new Transforms.Paraphrase());
    }
}
