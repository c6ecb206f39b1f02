package dev.plumbline.harness.generate;

import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.chunking.TextSpans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code extractive}: the offline baseline. It answers with the {@code sentences} (default 1)
 * context sentences that share the most distinct content words with the question (lower-cased
 * letters and digits, English stop words left out), a sentence's score being that count plus its
 * share of the sentence's own content words, so a short sentence that is all answer beats a long
 * one that merely mentions the question's words. Ties go to the better-ranked context, then the
 * earlier sentence. With no word in common it answers the top context's first sentence. No model
 * and no randomness: the same contexts always give the same answer, which is what CI and the demo need.
 */
public final class ExtractiveGeneratorProvider implements GeneratorProvider {
    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for",
            "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
            "those", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "did",
            "does", "do", "has", "have", "had", "not", "no", "than", "then", "there", "their", "they", "he", "she",
            "his", "her", "into", "about", "after", "before", "during", "first");

    @Override
    public String name() {
        return "extractive";
    }

    @Override
    public String describe() {
        return "offline baseline: the context sentences that share most words with the question";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("sentences");
    }

    @Override
    public void check(StageConfig c) {
        GeneratorProvider.super.check(c);
        c.intValue("sentences", 1, 1, 20);
    }

    @Override
    public Generator open(StageConfig c) {
        int n = c.intValue("sentences", 1, 1, 20);
        return new Extractive(c.name(), n);
    }

    /** Content words of {@code text}: lower-cased runs of letters and digits, stop words left out. */
    static Set<String> terms(String text) {
        Set<String> out = new HashSet<>();
        StringBuilder w = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= lower.length(); i++) {
            char ch = i < lower.length() ? lower.charAt(i) : ' ';
            if (Character.isLetterOrDigit(ch)) {
                w.append(ch);
            } else if (!w.isEmpty()) {
                String t = w.toString();
                // A possessive's "s" (keeper's) is not a word of its own.
                if (!STOP_WORDS.contains(t) && !t.equals("s")) {
                    out.add(t);
                }
                w.setLength(0);
            }
        }
        return out;
    }

    private record Extractive(String name, int sentences) implements Generator {
        @Override
        public String type() {
            return "extractive";
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("sentences", Integer.toString(sentences));
            return d;
        }

        private record Candidate(String text, double score, int context, int position) {
        }

        @Override
        public Answer generate(String question, List<String> contexts) {
            Set<String> q = terms(question);
            List<Candidate> all = new ArrayList<>();
            for (int c = 0; c < contexts.size(); c++) {
                String ctx = contexts.get(c);
                List<int[]> spans = TextSpans.sentences(ctx);
                for (int s = 0; s < spans.size(); s++) {
                    String sentence = ctx.substring(spans.get(s)[0], spans.get(s)[1]);
                    Set<String> t = terms(sentence);
                    long shared = t.stream().filter(q::contains).count();
                    double score = shared == 0 ? 0 : shared + (double) shared / t.size();
                    all.add(new Candidate(sentence, score, c, s));
                }
            }
            if (all.isEmpty()) {
                return Answer.of("");
            }
            List<Candidate> best = all.stream().filter(x -> x.score() > 0)
                    .sorted(Comparator.comparingDouble(Candidate::score).reversed()
                            .thenComparingInt(Candidate::context).thenComparingInt(Candidate::position))
                    .limit(sentences).toList();
            if (best.isEmpty()) {
                return Answer.of(all.get(0).text());
            }
            return Answer.of(String.join(" ", best.stream().map(Candidate::text).toList()));
        }
    }
}
