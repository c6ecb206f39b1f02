package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.engines.model.ModelFiles;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.JudgedSamples;
import dev.plumbline.metrics.rag.cross.CrossJudge;
import dev.plumbline.metrics.rag.local.ClaimSplitter;
import dev.plumbline.metrics.rag.synth.ConsistencyPairs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The trained detector's data, all offline and reproducible: labelled answers from the fitting
 * part of labelled datasets (HaluEval QA, {@code builtin:demo}), and FactCC-style synthetic pairs
 * ({@link ConsistencyPairs}) from raw passages — the knowledge of those fitting samples and the
 * documents of passage datasets (ArguAna's corpus, the demo's). What is held out for evaluation
 * never enters: BEGIN, TruthfulQA and SciFact are refused, the held-out fifth of a labelled
 * dataset ({@link JudgeSupport#heldOut}) is skipped, and so is any passage that contains a
 * held-out sample's context.
 */
final class DetectorTrainingData {
    /** Sentences per synthetic passage: long documents are cut into groups this size, so a pair fits the model. */
    static final int SENTENCES_PER_PASSAGE = 4;
    /** Sentences shorter than this do not become synthetic claims. */
    static final int MIN_CLAIM_CHARS = 30;

    /**
     * One training pair.
     *
     * @param first     the claim as the judge scores it ({@link CrossJudge#firstSegment})
     * @param context   what it is judged against
     * @param supported the label
     * @param origin    where it came from ({@code labelled:SPEC}, {@code synthetic:TRANSFORM})
     */
    record Pair(String first, String context, boolean supported, String origin) {
    }

    /**
     * The assembled pairs, with one provenance line per input and a SHA-256 over every pair.
     */
    record Assembled(List<Pair> pairs, List<String> provenance, Map<String, Integer> byOrigin, String sha256) {
    }

    private DetectorTrainingData() {
    }

    /**
     * @param labelled           labelled dataset specs (their fitting part is used)
     * @param passages           dataset specs whose documents are raw passages
     * @param passagesPerDataset at most this many passages drawn (seeded) from each passage dataset
     */
    static Assembled assemble(List<String> labelled, List<String> passages, int passagesPerDataset, long seed) {
        List<String> provenance = new ArrayList<>();
        Set<String> heldOutContexts = new HashSet<>();
        List<Pair> pairs = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (String spec : labelled) {
            refuseHeldOut(spec);
            Dataset d = JudgeSupport.load(spec);
            int used = 0;
            Set<String> knowledge = new LinkedHashSet<>();
            for (RagSample s : JudgedSamples.answered(d)) {
                if (!s.isLabelled() || s.retrievedContexts().isEmpty()) {
                    continue;
                }
                if (JudgeSupport.heldOut(s)) {
                    heldOutContexts.addAll(s.retrievedContexts());
                    continue;
                }
                knowledge.addAll(s.retrievedContexts());
                boolean faithful = s.label() == Label.FAITHFUL;
                List<String> claims = ClaimSplitter.split(s.response());
                if (!faithful && claims.size() != 1) {
                    continue; // which claims of a longer hallucinated answer are false is not labelled
                }
                String context = String.join("\n\n", s.retrievedContexts());
                for (String claim : claims) {
                    pairs.add(new Pair(CrossJudge.firstSegment(s.userInput(), claim), context, faithful,
                            "labelled:" + d.format()));
                }
                used++;
            }
            raw.addAll(knowledge);
            provenance.add(spec + " " + d.fingerprint() + ": " + used + " labelled samples of its fitting part, "
                    + knowledge.size() + " knowledge passages");
        }
        for (String spec : passages) {
            refuseHeldOut(spec);
            Dataset d = Datasets.load(spec, LoadOptions.DEFAULTS);
            List<String> groups = new ArrayList<>();
            for (Doc doc : d.docs()) {
                groups.addAll(groups(doc.text()));
            }
            // Seeded by content, not by the spec: the same files under another path draw the same passages.
            List<String> drawn = draw(groups, passagesPerDataset, new SplittableRandom(seed ^ d.fingerprint().hashCode()));
            raw.addAll(drawn);
            provenance.add(spec + " " + d.fingerprint() + ": " + drawn.size() + " of " + groups.size()
                    + " passages of up to " + SENTENCES_PER_PASSAGE + " sentences");
        }
        List<String> clean = new ArrayList<>(new LinkedHashSet<>(raw));
        int before = clean.size();
        clean.removeIf(p -> heldOutContexts.stream().anyMatch(h -> p.contains(h) || h.contains(p)));
        provenance.add((before - clean.size()) + " passages dropped for overlapping a held-out sample's context");
        for (ConsistencyPairs.Pair p : ConsistencyPairs.generate(clean, 1, MIN_CLAIM_CHARS, seed)) {
            pairs.add(new Pair(p.claim(), p.context(), p.supported(), "synthetic:" + p.transform()));
        }
        Map<List<Object>, Pair> distinct = new LinkedHashMap<>();
        for (Pair p : pairs) {
            distinct.putIfAbsent(List.of(p.first(), p.context(), p.supported()), p);
        }
        List<Pair> unique = new ArrayList<>(distinct.values());
        Map<String, Integer> byOrigin = new java.util.TreeMap<>();
        StringBuilder all = new StringBuilder();
        for (Pair p : unique) {
            byOrigin.merge(p.origin() + (p.supported() ? " +" : " -"), 1, Integer::sum);
            all.append(p.first()).append('\t').append(p.context()).append('\t').append(p.supported()).append('\n');
        }
        if (unique.isEmpty()) {
            throw new UsageException("no training pairs: give --labelled or --passages datasets with text");
        }
        return new Assembled(unique, provenance, byOrigin,
                ModelFiles.sha256(all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** BEGIN, TruthfulQA and SciFact are for evaluation only. */
    static void refuseHeldOut(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("begin:") || lower.contains("truthfulqa") || lower.contains("scifact")) {
            throw new UsageException(spec + " is held out for evaluation only; train on HaluEval QA, ArguAna and"
                    + " builtin:demo");
        }
    }

    /** A document as passages of up to {@value #SENTENCES_PER_PASSAGE} sentences. */
    static List<String> groups(String text) {
        List<String> out = new ArrayList<>();
        List<String> sentences = ClaimSplitter.sentences(text); // trimmed, none empty
        for (int i = 0; i < sentences.size(); i += SENTENCES_PER_PASSAGE) {
            out.add(String.join(" ", sentences.subList(i, Math.min(sentences.size(), i + SENTENCES_PER_PASSAGE))));
        }
        return out;
    }

    /** Up to {@code n} items drawn without replacement, in their original order. */
    private static List<String> draw(List<String> items, int n, SplittableRandom rng) {
        if (items.size() <= n) {
            return items;
        }
        int[] idx = new int[items.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < n; i++) { // partial Fisher–Yates
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(idx, n);
        java.util.Arrays.sort(chosen);
        List<String> out = new ArrayList<>(n);
        for (int i : chosen) {
            out.add(items.get(i));
        }
        return out;
    }
}
