package dev.plumbline.engines.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * Fuses ranked lists into one, with ranx's method and normalization names:
 * <ul>
 *   <li>{@code rrf}: Reciprocal Rank Fusion, Σ 1 / (k + rank), rank from 1, k = 60 by default;
 *       scores are not read.</li>
 *   <li>{@code sum} (CombSUM), {@code mnz} (CombMNZ: the sum times the number of lists that hold
 *       the document) and {@code wsum} (Σ wᵢ·sᵢ; two lists take α as (α, 1 − α)) over scores
 *       normalized per list and query with {@code min-max} ((s − min) / (max − min)),
 *       {@code max} (s / max) or {@code zmuv} (z-score: (s − mean) / population sd). As in ranx,
 *       a denominator below 10⁻⁹ is taken as 10⁻⁹, so a list of equal scores normalizes to 0
 *       (min-max, zmuv).</li>
 * </ul>
 * A document missing from a list adds nothing for that list (after normalization, so under
 * {@code zmuv} it counts as the list's mean). Sums run over the lists in the order given, so the
 * same inputs give the same bits. Immutable and thread-safe.
 */
public final class Fusion {
    /** Method names. */
    public static final List<String> METHODS = List.of("rrf", "sum", "mnz", "wsum");
    /** Normalization names. */
    public static final List<String> NORMS = List.of("min-max", "max", "zmuv");
    /** RRF's k when none is given (Cormack et al.; ranx and Pyserini use it too). */
    public static final int DEFAULT_K = 60;
    /** Normalization when none is given for a score method (ranx's default). */
    public static final String DEFAULT_NORM = "min-max";
    /** ranx's floor on a normalization's denominator. */
    static final double EPS = 1e-9;

    private final String method;
    private final int k;
    private final String norm;
    private final double[] weights;

    private Fusion(String method, int k, String norm, double[] weights) {
        this.method = method;
        this.k = k;
        this.norm = norm;
        this.weights = weights;
    }

    /** Reciprocal Rank Fusion with constant {@code k} (at least 0). */
    public static Fusion rrf(int k) {
        return of("rrf", k, null, null);
    }

    /**
     * A fusion by name.
     *
     * @param method  one of {@link #METHODS}
     * @param k       RRF's constant (only {@code rrf}); at least 0
     * @param norm    one of {@link #NORMS}, or {@code null} for {@link #DEFAULT_NORM} (score methods only)
     * @param weights {@code wsum}'s weights, one per list, or {@code null} for equal weights
     * @throws IllegalArgumentException for an unknown name or an option the method does not take
     */
    public static Fusion of(String method, int k, String norm, double[] weights) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown fusion method '" + method + "'; known: "
                    + String.join(", ", METHODS));
        }
        if (method.equals("rrf")) {
            if (norm != null) {
                throw new IllegalArgumentException("rrf reads ranks, not scores, so it takes no normalization;"
                        + " drop it or use sum, mnz or wsum");
            }
            if (k < 0) {
                throw new IllegalArgumentException("rrf's k must be at least 0, got " + k);
            }
            if (weights != null) {
                throw new IllegalArgumentException("rrf takes no weights; use wsum for a weighted sum");
            }
            return new Fusion(method, k, null, null);
        }
        if (norm != null && !NORMS.contains(norm)) {
            throw new IllegalArgumentException("unknown normalization '" + norm + "'; known: " + String.join(", ", NORMS));
        }
        if (weights != null && !method.equals("wsum")) {
            throw new IllegalArgumentException(method + " takes no weights; use wsum for a weighted sum");
        }
        if (weights != null) {
            for (double w : weights) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("weights must be finite numbers, got " + Arrays.toString(weights));
                }
            }
        }
        return new Fusion(method, 0, norm != null ? norm : DEFAULT_NORM, weights == null ? null : weights.clone());
    }

    /** The method's name. */
    public String method() {
        return method;
    }

    /** Everything that changes the result, e.g. {@code rrf k=60}, {@code wsum min-max weights=0.3,0.7}. */
    public String describe() {
        if (method.equals("rrf")) {
            return "rrf k=" + k;
        }
        String s = method + " " + norm;
        if (weights != null) {
            StringBuilder b = new StringBuilder();
            for (double w : weights) {
                b.append(b.isEmpty() ? "" : ",").append(formatWeight(w));
            }
            s += " weights=" + b;
        }
        return s;
    }

    private static String formatWeight(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e15 ? String.format(Locale.ROOT, "%.1f", w) : Double.toString(w);
    }

    /**
     * One ranked list.
     *
     * @param keys   document keys (corpus ordinals, or per-topic docno numbers) in rank order, best first
     * @param scores their scores, same length
     */
    public record Ranked(int[] keys, double[] scores) {
        /** Checks the lengths. */
        public Ranked {
            if (keys.length != scores.length) {
                throw new IllegalArgumentException(keys.length + " keys but " + scores.length + " scores");
            }
        }
    }

    /**
     * Fuses {@code lists} (each already in rank order) into the best {@code depth} documents,
     * by fused score descending and ties by {@code tieOrder} (negative when its first key ranks first).
     */
    public Ranked fuse(List<Ranked> lists, int depth, IntBinaryOperator tieOrder) {
        if (lists.isEmpty()) {
            throw new IllegalArgumentException("nothing to fuse: give at least one list");
        }
        if (weights != null && weights.length != lists.size()) {
            throw new IllegalArgumentException("wsum has " + weights.length + " weights for " + lists.size()
                    + " lists; give one weight per list");
        }
        Map<Integer, double[]> acc = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int l = 0; l < lists.size(); l++) {
            Ranked r = lists.get(l);
            double[] values = method.equals("rrf") ? reciprocalRanks(r.keys().length) : normalize(r.scores());
            double w = weights != null ? weights[l] : method.equals("wsum") ? 1.0 / lists.size() : 1.0;
            for (int i = 0; i < r.keys().length; i++) {
                double[] a = acc.get(r.keys()[i]);
                if (a == null) {
                    a = new double[2];
                    acc.put(r.keys()[i], a);
                    order.add(r.keys()[i]);
                }
                a[0] += w * values[i];
                a[1] += 1;
            }
        }
        int n = order.size();
        Integer[] idx = order.toArray(new Integer[0]);
        Map<Integer, Double> score = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double[] a = acc.get(idx[i]);
            double s = method.equals("mnz") ? a[0] * a[1] : a[0];
            score.put(idx[i], s);
        }
        Arrays.sort(idx, (x, y) -> {
            int c = Double.compare(score.get(y), score.get(x));
            return c != 0 ? c : tieOrder.applyAsInt(x, y);
        });
        int m = Math.min(depth, n);
        int[] keys = new int[m];
        double[] fused = new double[m];
        for (int i = 0; i < m; i++) {
            keys[i] = idx[i];
            fused[i] = score.get(idx[i]);
        }
        return new Ranked(keys, fused);
    }

    private double[] reciprocalRanks(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = 1.0 / (k + i + 1);
        }
        return out;
    }

    /** Per-list normalization of one query's scores. */
    double[] normalize(double[] s) {
        int n = s.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        switch (norm) {
            case "min-max" -> {
                double d = Math.max(max - min, EPS);
                for (int i = 0; i < n; i++) {
                    out[i] = (s[i] - min) / d;
                }
            }
            case "max" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = s[i] / max;
                }
            }
            case "zmuv" -> {
                double mean = sum / n;
                double ss = 0;
                for (double v : s) {
                    ss += (v - mean) * (v - mean);
                }
                double sd = Math.max(Math.sqrt(ss / n), EPS);
                for (int i = 0; i < n; i++) {
                    out[i] = (s[i] - mean) / sd;
                }
            }
            default -> throw new IllegalStateException(norm);
        }
        return out;
    }
}
