package dev.plumbline.engines.chunking;

import dev.plumbline.engines.StageConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code semantic}: splits between adjacent sentences whose embedding distance (1 − cosine of the
 * engine under test's sentence vectors) is above the {@code percentile}-th percentile of the
 * document's adjacent distances (default 95, LangChain's {@code SemanticChunker} default;
 * percentiles interpolated linearly, as numpy's default). Documents of one or two sentences are
 * one chunk. All sentences of the corpus are encoded in one bulk call, through the caller's cache.
 */
public final class SemanticChunkerProvider implements ChunkerProvider {
    @Override
    public String name() {
        return "semantic";
    }

    @Override
    public String describe() {
        return "split where adjacent sentences' embedding distance is above a percentile";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of("percentile");
    }

    @Override
    public void check(StageConfig c) {
        ChunkerProvider.super.check(c);
        c.doubleValue("percentile", 95, 0, 100);
    }

    @Override
    public Chunker open(StageConfig c, ChunkerContext context) {
        if (context.encoder() == null) {
            throw new IllegalArgumentException(c.keyPath() + ": the semantic chunker embeds sentences with the"
                    + " retriever's encoder, and this retriever has none; use sentence or recursive");
        }
        return new Semantic(c.doubleValue("percentile", 95, 0, 100), context.encoder(), context.tokenizerName());
    }

    /** numpy's {@code percentile} with linear interpolation; {@code values} need not be sorted. */
    static double percentile(double[] values, double p) {
        double[] a = values.clone();
        Arrays.sort(a);
        double rank = p / 100 * (a.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return a[lo] + (a[hi] - a[lo]) * (rank - lo);
    }

    private record Semantic(double percentile, Function<List<String>, float[][]> encoder, String model)
            implements Chunker {
        @Override
        public String type() {
            return "semantic";
        }

        @Override
        public String describe() {
            return "semantic percentile=" + percentile + " encoder=" + model;
        }

        @Override
        public List<Chunk> chunk(int doc, String text) {
            return chunkAll(List.of(text)).stream().map(ch -> new Chunk(doc, ch.index(), ch.start(), ch.end(),
                    ch.text())).toList();
        }

        @Override
        public List<Chunk> chunkAll(List<String> texts) {
            List<List<int[]>> sentences = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (String t : texts) {
                List<int[]> s = TextSpans.sentences(t);
                sentences.add(s);
                if (s.size() > 2) {
                    s.forEach(r -> all.add(t.substring(r[0], r[1])));
                }
            }
            float[][] vectors = all.isEmpty() ? new float[0][] : encoder.apply(all);
            List<Chunk> out = new ArrayList<>();
            int v = 0;
            for (int d = 0; d < texts.size(); d++) {
                List<int[]> s = sentences.get(d);
                if (s.isEmpty()) {
                    continue;
                }
                List<int[]> groups = new ArrayList<>();
                if (s.size() <= 2) {
                    groups.add(new int[] {0, s.size() - 1});
                } else {
                    double[] distance = new double[s.size() - 1];
                    for (int i = 0; i < distance.length; i++) {
                        distance[i] = 1 - cosine(vectors[v + i], vectors[v + i + 1]);
                    }
                    v += s.size();
                    double threshold = SemanticChunkerProvider.percentile(distance, percentile);
                    int first = 0;
                    for (int i = 0; i < distance.length; i++) {
                        if (distance[i] > threshold) {
                            groups.add(new int[] {first, i});
                            first = i + 1;
                        }
                    }
                    groups.add(new int[] {first, s.size() - 1});
                }
                out.addAll(TextSpans.chunks(d, texts.get(d), s, groups));
            }
            return out;
        }

        private static double cosine(float[] a, float[] b) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
                na += (double) a[i] * a[i];
                nb += (double) b[i] * b[i];
            }
            return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
        }
    }
}
