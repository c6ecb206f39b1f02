package dev.plumbline.reports.hallucination;

import dev.plumbline.metrics.stats.DetectorScores;
import dev.plumbline.reports.results.EngineRun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a judge cell's verdicts detect the hallucinations its dataset labels, so a mean
 * faithfulness has a reference point. Read from each item's evidence: {@code label}
 * ({@code faithful}/{@code hallucinated}), {@code detection.score} (higher = more likely
 * hallucinated), {@code detection.flagged} (the judge's decision) and {@code hallucinationType}.
 * Labelled items without a detection (a verdict failed) are counted as {@code unscored}, never
 * scored as a decision.
 *
 * @param engine     the judge cell
 * @param scores     AUROC, balanced accuracy, precision, recall and F1 over the scored items
 * @param unscored   labelled items without a detection
 * @param confusion  per hallucination type (faithful items under {@value #FAITHFUL}), in first-seen order
 * @param roc        the ROC curve as (false-positive rate, true-positive rate) points from (0, 0) to (1, 1)
 * @param truePositives  scored items flagged and hallucinated (the overall confusion matrix)
 * @param falsePositives flagged and faithful
 * @param trueNegatives  not flagged and faithful
 * @param falseNegatives not flagged and hallucinated
 */
public record DetectionQuality(String engine, DetectorScores scores, int unscored, Map<String, Confusion> confusion,
                               List<double[]> roc, int truePositives, int falsePositives, int trueNegatives,
                               int falseNegatives) {
    /** The row name of faithful items in {@link #confusion}. */
    public static final String FAITHFUL = "faithful";
    /** The row name of hallucinated items without a type. */
    public static final String UNTYPED = "hallucinated (no type)";

    /**
     * Decisions on the items of one row.
     *
     * @param items   scored items of this type
     * @param flagged flagged as hallucinated (correct for a hallucination type, a false alarm for faithful)
     */
    public record Confusion(int items, int flagged) {
        /** Items not flagged. */
        public int passed() {
            return items - flagged;
        }
    }

    /** One labelled item as read from evidence. */
    record Labelled(int index, boolean hallucinated, String type, double score, boolean flagged) {
    }

    /** The detection quality of {@code e}, or {@code null} when none of its items carries a label and a detection. */
    public static DetectionQuality of(EngineRun e) {
        List<Labelled> items = labelled(e);
        int unscored = 0;
        List<Labelled> scored = new ArrayList<>();
        for (Labelled l : items) {
            if (Double.isNaN(l.score())) {
                unscored++;
            } else {
                scored.add(l);
            }
        }
        if (scored.isEmpty()) {
            return null;
        }
        double[] s = new double[scored.size()];
        boolean[] flagged = new boolean[s.length];
        boolean[] positive = new boolean[s.length];
        Map<String, int[]> rows = new LinkedHashMap<>();
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < s.length; i++) {
            Labelled l = scored.get(i);
            s[i] = l.score();
            flagged[i] = l.flagged();
            positive[i] = l.hallucinated();
            String row = !l.hallucinated() ? FAITHFUL : l.type().isEmpty() ? UNTYPED : l.type();
            int[] c = rows.computeIfAbsent(row, k -> new int[2]);
            c[0]++;
            c[1] += l.flagged() ? 1 : 0;
            if (l.hallucinated()) {
                if (l.flagged()) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (l.flagged()) {
                fp++;
            } else {
                tn++;
            }
        }
        Map<String, Confusion> confusion = new LinkedHashMap<>();
        if (rows.containsKey(FAITHFUL)) {
            confusion.put(FAITHFUL, new Confusion(rows.get(FAITHFUL)[0], rows.get(FAITHFUL)[1]));
        }
        rows.forEach((k, v) -> confusion.putIfAbsent(k, new Confusion(v[0], v[1])));
        return new DetectionQuality(e.engine(), DetectorScores.of(s, flagged, positive, Double.NaN), unscored,
                confusion, roc(s, positive), tp, fp, tn, fn);
    }

    /**
     * Item indices in drill-down order: misclassified items first (a missed hallucination with the
     * lowest score, a false alarm with the highest: the most confident mistakes), then labelled
     * items that were right, then the rest in item order.
     */
    public static List<Integer> drillDownOrder(EngineRun e) {
        List<Labelled> items = labelled(e);
        List<Integer> out = new ArrayList<>();
        boolean[] seen = new boolean[e.itemIds().size()];
        items.stream().filter(l -> !Double.isNaN(l.score()) && l.flagged() != l.hallucinated())
                .sorted(Comparator.comparingDouble((Labelled l) -> l.hallucinated() ? l.score() : 1 - l.score()))
                .forEach(l -> {
                    out.add(l.index());
                    seen[l.index()] = true;
                });
        for (Labelled l : items) {
            if (!seen[l.index()]) {
                out.add(l.index());
                seen[l.index()] = true;
            }
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether item {@code i}'s decision disagrees with its label; {@code false} when either is missing. */
    public static boolean misclassified(EngineRun e, int i) {
        Labelled l = read(e, i);
        return l != null && !Double.isNaN(l.score()) && l.flagged() != l.hallucinated();
    }

    private static List<Labelled> labelled(EngineRun e) {
        List<Labelled> out = new ArrayList<>();
        for (int i = 0; i < e.itemIds().size(); i++) {
            Labelled l = read(e, i);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private static Labelled read(EngineRun e, int i) {
        Map<String, Object> ev = e.evidence(i);
        if (!(ev.get("label") instanceof String label) || !(label.equals("faithful") || label.equals("hallucinated"))) {
            return null;
        }
        String type = ev.get("hallucinationType") instanceof String t ? t : "";
        if (ev.get("detection") instanceof Map<?, ?> d && d.get("score") instanceof Number n
                && d.get("flagged") instanceof Boolean f) {
            return new Labelled(i, label.equals("hallucinated"), type, n.doubleValue(), f);
        }
        return new Labelled(i, label.equals("hallucinated"), type, Double.NaN, false);
    }

    /** ROC points over every distinct score as threshold (score ≥ threshold flags), from (0,0) to (1,1). */
    static List<double[]> roc(double[] scores, boolean[] positive) {
        int pos = 0;
        for (boolean p : positive) {
            pos += p ? 1 : 0;
        }
        int neg = positive.length - pos;
        List<double[]> out = new ArrayList<>();
        out.add(new double[] {0, 0});
        if (pos == 0 || neg == 0) {
            out.add(new double[] {1, 1});
            return out;
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            // One point per distinct score: tied items move the curve together (a diagonal step).
            if (k + 1 == order.length || scores[order[k + 1]] != scores[order[k]]) {
                out.add(new double[] {(double) fp / neg, (double) tp / pos});
            }
        }
        return out;
    }
}
