package dev.plumbline.metrics.rag.synth;

import dev.plumbline.metrics.rag.local.ClaimSplitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates labelled (claim, context) pairs from raw passages: for each passage, up to
 * {@code perPassage} of its sentences (drawn with the seed) become claims, each once supported (as
 * it is, or through a meaning-preserving edit — sentence order, paraphrase — drawn with the seed
 * among those that apply) and once through one unsupported {@link Transform} that applies to it
 * (drawn with the seed among those that do), so the two labels stay balanced. The same passages and seed give the
 * same pairs in the same order.
 */
public final class ConsistencyPairs {
    /**
     * One pair.
     *
     * @param claim     the claim sentence (edited for unsupported pairs)
     * @param context   the passage it is judged against
     * @param supported the label
     * @param transform the edit that made it ({@code copy} for supported pairs)
     * @param source    index of the passage in the input
     */
    public record Pair(String claim, String context, boolean supported, String transform, int source) {
    }

    private ConsistencyPairs() {
    }

    /** Pairs from {@code passages}; sentences shorter than {@code minChars} are skipped. */
    public static List<Pair> generate(List<String> passages, int perPassage, int minChars, long seed) {
        if (perPassage < 1 || minChars < 0) {
            throw new IllegalArgumentException("perPassage must be >= 1 and minChars >= 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Transform> unsupported = Transform.all().stream().filter(t -> !t.supported()).toList();
        List<Transform> supported = Transform.all().stream().filter(Transform::supported).toList();
        List<Pair> out = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            String passage = passages.get(p);
            List<String> sentences = new ArrayList<>(ClaimSplitter.sentences(passage).stream().map(String::trim)
                    .filter(s -> s.length() >= minChars).toList());
            for (int i = sentences.size() - 1; i > 0; i--) { // seeded shuffle, then the first perPassage
                int j = rng.nextInt(i + 1);
                String t = sentences.get(i);
                sentences.set(i, sentences.get(j));
                sentences.set(j, t);
            }
            int taken = 0;
            for (String s : sentences) {
                if (taken == perPassage) {
                    break;
                }
                List<Pair> edits = new ArrayList<>();
                for (Transform t : unsupported) {
                    Optional<String> edited = t.apply(s, passage, rng);
                    if (edited.isPresent() && !edited.get().equals(s)) {
                        edits.add(new Pair(edited.get(), passage, false, t.name(), p));
                    }
                }
                if (edits.isEmpty()) {
                    continue; // no negative for this sentence: skip it so the labels stay balanced
                }
                List<Pair> keeps = new ArrayList<>();
                for (Transform t : supported) { // copy always applies; paraphrase-like edits where they do
                    Optional<String> kept = t.apply(s, passage, rng);
                    if (kept.isPresent()) {
                        keeps.add(new Pair(kept.get(), passage, true, t.name(), p));
                    }
                }
                out.add(keeps.get(rng.nextInt(keeps.size())));
                out.add(edits.get(rng.nextInt(edits.size())));
                taken++;
            }
        }
        return out;
    }
}
