package dev.plumbline.metrics.rag.synth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in {@link Transform}s. */
final class Transforms {
    /** Runs of capitalized words ("Marie Curie", "Warsaw"); the first word of a sentence is not a name by itself. */
    private static final Pattern NAME = Pattern.compile("\\b[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)*\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:[.,]\\d+)?\\b");
    private static final Pattern AUXILIARY = Pattern.compile(
            "\\b(is|was|are|were|has|have|had|can|could|will|would|does|did|should)\\b(?!\\s+not\\b)");
    private static final Pattern NEGATED = Pattern.compile("\\b(is|was|are|were|has|have|had|can|could|will|would|does"
            + "|did|should)\\s+not\\b");
    private static final Map<String, String> PRONOUNS = Map.of("he", "she", "she", "he", "his", "her", "him", "her",
            "her", "his", "He", "She", "She", "He", "His", "Her", "Her", "His");
    private static final Pattern PRONOUN = Pattern.compile("\\b(he|she|his|him|her|He|She|His|Her)\\b");

    private Transforms() {
    }

    /** Capitalized words that open sentences without being names. */
    private static final Set<String> NOT_NAMES = Set.of("The", "A", "An", "In", "On", "At", "Of", "For", "By", "To",
            "It", "Its", "He", "She", "His", "Her", "They", "Their", "We", "I", "This", "That", "These", "Those",
            "There", "After", "Before", "When", "While", "As", "But", "And", "Or", "If", "From", "With");

    /**
     * Names in {@code text}, sentence by sentence: runs of capitalized words, without a leading
     * word from {@link #NOT_NAMES}, and not a lone capitalized word opening its sentence.
     */
    static List<Match> names(String text) {
        List<Match> out = new ArrayList<>();
        int from = 0;
        for (String sentence : dev.plumbline.metrics.rag.local.ClaimSplitter.sentences(text)) {
            int base = text.indexOf(sentence, from);
            from = base + sentence.length();
            int lead = 0;
            while (lead < sentence.length() && Character.isWhitespace(sentence.charAt(lead))) {
                lead++;
            }
            Matcher m = NAME.matcher(sentence);
            while (m.find()) {
                int start = m.start();
                String s = m.group();
                String first = s.split("\\s+")[0];
                if (NOT_NAMES.contains(first)) {
                    if (!s.contains(" ")) {
                        continue;
                    }
                    start += first.length();
                    while (Character.isWhitespace(sentence.charAt(start))) {
                        start++;
                    }
                    s = sentence.substring(start, m.end());
                } else if (m.start() == lead && !s.contains(" ")) {
                    continue;
                }
                out.add(new Match(base + start, base + m.end(), s));
            }
        }
        return out;
    }

    record Match(int start, int end, String text) {
    }

    /** Every match of {@code pattern} in {@code text}, in order. */
    private static List<Match> matches(Pattern pattern, String text) {
        List<Match> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(new Match(m.start(), m.end(), m.group()));
        }
        return out;
    }

    private static String replace(String s, Match m, String with) {
        return s.substring(0, m.start()) + with + s.substring(m.end());
    }

    /** A transform's name and whether its edit keeps the claim supported, so each one only implements apply. */
    abstract static class Named implements Transform {
        private final String name;
        private final boolean supported;

        Named(String name, boolean supported) {
            this.name = name;
            this.supported = supported;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final boolean supported() {
            return supported;
        }
    }

    /** The sentence as it is: a supported claim. */
    static final class Copy extends Named {
        Copy() {
            super("copy", true);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            return Optional.of(sentence);
        }
    }

    /** A name of the sentence replaced by another name of the passage. */
    static final class EntitySwap extends Named {
        EntitySwap() {
            super("entity-swap", false);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            List<Match> here = names(sentence);
            if (here.isEmpty()) {
                return Optional.empty();
            }
            Set<String> inSentence = new LinkedHashSet<>();
            here.forEach(m -> inSentence.add(m.text()));
            List<String> others = names(passage).stream().map(Match::text).filter(n -> !inSentence.contains(n))
                    .distinct().toList();
            if (others.isEmpty()) {
                return Optional.empty();
            }
            Match target = here.get(rng.nextInt(here.size()));
            return Optional.of(replace(sentence, target, others.get(rng.nextInt(others.size()))));
        }
    }

    /** A number replaced by another number of the passage, or moved by 1 to 9 when there is none. */
    static final class NumberSwap extends Named {
        NumberSwap() {
            super("number-swap", false);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            List<Match> here = matches(NUMBER, sentence);
            if (here.isEmpty()) {
                return Optional.empty();
            }
            Match target = here.get(rng.nextInt(here.size()));
            List<String> others = new ArrayList<>();
            Matcher p = NUMBER.matcher(passage);
            while (p.find()) {
                if (!p.group().equals(target.text()) && !others.contains(p.group())) {
                    others.add(p.group());
                }
            }
            String with;
            if (!others.isEmpty()) {
                with = others.get(rng.nextInt(others.size()));
            } else if (target.text().matches("\\d+")) {
                with = new java.math.BigInteger(target.text()).add(java.math.BigInteger.valueOf(1 + rng.nextInt(9)))
                        .toString();
            } else {
                return Optional.empty();
            }
            return Optional.of(replace(sentence, target, with));
        }
    }

    /** "not" added after the first auxiliary verb, or removed where the sentence has one. */
    static final class Negation extends Named {
        Negation() {
            super("negation", false);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            Matcher neg = NEGATED.matcher(sentence);
            if (neg.find()) {
                return Optional.of(sentence.substring(0, neg.start()) + neg.group(1) + sentence.substring(neg.end()));
            }
            Matcher aux = AUXILIARY.matcher(sentence);
            if (aux.find()) {
                return Optional.of(sentence.substring(0, aux.end()) + " not" + sentence.substring(aux.end()));
            }
            return Optional.empty();
        }
    }

    /** One pronoun swapped for the other gender's (he ↔ she, his ↔ her). */
    static final class PronounSwap extends Named {
        PronounSwap() {
            super("pronoun-swap", false);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            List<Match> here = matches(PRONOUN, sentence);
            if (here.isEmpty()) {
                return Optional.empty();
            }
            Match target = here.get(rng.nextInt(here.size()));
            return Optional.of(replace(sentence, target, PRONOUNS.get(target.text())));
        }
    }

    /** Two different names of the same sentence exchanged: the relation between them reversed. */
    static final class RelationSwap extends Named {
        RelationSwap() {
            super("relation-swap", false);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            List<Match> here = names(sentence);
            for (int i = 0; i < here.size(); i++) {
                for (int j = i + 1; j < here.size(); j++) {
                    Match a = here.get(i);
                    Match b = here.get(j);
                    if (!a.text().equals(b.text())) {
                        return Optional.of(sentence.substring(0, a.start()) + b.text()
                                + sentence.substring(a.end(), b.start()) + a.text() + sentence.substring(b.end()));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** The sentence after the claim's (or before it, at the passage's end) joined in the other order: still supported. */
    static final class SentenceOrder extends Named {
        SentenceOrder() {
            super("sentence-order", true);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            List<String> sentences = dev.plumbline.metrics.rag.local.ClaimSplitter.sentences(passage); // trimmed
            int at = sentences.indexOf(sentence.trim());
            if (at < 0 || sentences.size() < 2) {
                return Optional.empty();
            }
            return Optional.of(at + 1 < sentences.size() ? sentences.get(at + 1) + " " + sentences.get(at)
                    : sentences.get(at) + " " + sentences.get(at - 1));
        }
    }

    /** Words with a near-synonym that keeps the claim's meaning (lower case, whole words). */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(Map.entry("began", "started"),
            Map.entry("begin", "start"), Map.entry("large", "big"), Map.entry("small", "little"),
            Map.entry("famous", "well-known"), Map.entry("received", "got"), Map.entry("located", "situated"),
            Map.entry("often", "frequently"), Map.entry("however", "but"), Map.entry("because", "since"),
            Map.entry("many", "numerous"), Map.entry("people", "persons"), Map.entry("important", "significant"),
            Map.entry("created", "made"), Map.entry("built", "constructed"), Map.entry("help", "assist"),
            Map.entry("show", "demonstrate"), Map.entry("shows", "demonstrates"), Map.entry("use", "employ"),
            Map.entry("used", "employed"), Map.entry("about", "around"), Map.entry("also", "additionally"),
            Map.entry("called", "named"), Map.entry("known", "recognised"), Map.entry("died", "passed away"));
    private static final Pattern WORD = Pattern.compile("\\b[a-z]+\\b");
    private static final Pattern PARENTHESIS = Pattern.compile("\\s*\\([^()]*\\)");
    private static final Pattern TRAILING_CLAUSE = Pattern.compile(",\\s+(which|who|where|while|although)\\b[^,;.!?]*(?=[.!?]?$)");

    /**
     * A paraphrase-like edit that keeps the meaning, chosen with the seed among those that apply: a
     * parenthesis dropped, a trailing relative or concessive clause dropped (what is left is still
     * stated by the sentence), or one word replaced by a near-synonym.
     */
    static final class Paraphrase extends Named {
        Paraphrase() {
            super("paraphrase", true);
        }

        @Override
        public Optional<String> apply(String sentence, String passage, SplittableRandom rng) {
            List<String> edits = new ArrayList<>();
            Matcher par = PARENTHESIS.matcher(sentence);
            if (par.find()) {
                edits.add(sentence.substring(0, par.start()) + sentence.substring(par.end()));
            }
            Matcher clause = TRAILING_CLAUSE.matcher(sentence);
            if (clause.find() && clause.start() > 20) {
                edits.add(sentence.substring(0, clause.start()) + sentence.substring(clause.end()));
            }
            List<Match> words = matches(WORD, sentence).stream().filter(m -> SYNONYMS.containsKey(m.text())).toList();
            if (!words.isEmpty()) {
                Match m = words.get(rng.nextInt(words.size()));
                edits.add(replace(sentence, m, SYNONYMS.get(m.text())));
            }
            edits.removeIf(e -> e.strip().equals(sentence.strip()) || e.isBlank());
            return edits.isEmpty() ? Optional.empty() : Optional.of(edits.get(rng.nextInt(edits.size())));
        }
    }
}
