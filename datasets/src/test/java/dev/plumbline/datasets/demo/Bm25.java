package dev.plumbline.datasets.demo;

import dev.plumbline.datasets.Doc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plain BM25 (k1 0.9, b 0.4, Anserini's defaults) to check that the demo is not trivial to retrieve. */
final class Bm25 {
    private final List<Doc> docs;
    private final List<Map<String, Integer>> tf = new ArrayList<>();
    private final int[] len;
    private final Map<String, Integer> df = new HashMap<>();
    private final double avg;

    Bm25(List<Doc> docs) {
        this.docs = docs;
        this.len = new int[docs.size()];
        long total = 0;
        for (int i = 0; i < docs.size(); i++) {
            Map<String, Integer> m = new HashMap<>();
            for (String t : tokens(docs.get(i).fullText())) {
                m.merge(t, 1, Integer::sum);
                len[i]++;
            }
            m.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
            tf.add(m);
            total += len[i];
        }
        avg = (double) total / docs.size();
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Document ids by descending score. */
    List<String> search(String query) {
        double[] score = new double[docs.size()];
        for (String t : tokens(query)) {
            Integer n = df.get(t);
            if (n == null) {
                continue;
            }
            double idf = Math.log(1 + (docs.size() - n + 0.5) / (n + 0.5));
            for (int i = 0; i < docs.size(); i++) {
                Integer f = tf.get(i).get(t);
                if (f != null) {
                    score[i] += idf * f * 1.9 / (f + 0.9 * (0.6 + 0.4 * len[i] / avg));
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(score[b], score[a]));
        return order.stream().map(i -> docs.get(i).id()).toList();
    }
}
