package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items two engine runs share for one metric, matched by item id: the input of every paired
 * test. Items missing on one side, or undefined or failed on either side, are left out and
 * counted.
 *
 * @param baseline    baseline values of the paired items, in the current run's item order
 * @param current     current values of the same items
 * @param notDefined  items present in both runs but undefined or failed on at least one side
 * @param onlyBaseline items only the baseline has
 * @param onlyCurrent  items only the current run has
 */
public record Pairing(double[] baseline, double[] current, int notDefined, int onlyBaseline, int onlyCurrent) {
    /** Pairs {@code metric} of two runs. */
    public static Pairing of(EngineRun baselineRun, EngineRun currentRun, String metric) {
        MetricValues b = baselineRun.metric(metric);
        MetricValues c = currentRun.metric(metric);
        if (b == null || c == null) {
            throw new IllegalArgumentException("metric " + metric + " is missing from "
                    + (b == null ? "the baseline" : "the current") + " run");
        }
        Map<String, Integer> baselineIndex = new HashMap<>();
        List<String> baseIds = baselineRun.itemIds();
        for (int i = 0; i < baseIds.size(); i++) {
            baselineIndex.put(baseIds.get(i), i);
        }
        List<Double> bv = new ArrayList<>();
        List<Double> cv = new ArrayList<>();
        int notDefined = 0;
        int common = 0;
        List<String> curIds = currentRun.itemIds();
        for (int i = 0; i < curIds.size(); i++) {
            Integer j = baselineIndex.get(curIds.get(i));
            if (j == null) {
                continue;
            }
            common++;
            double x = b.value(j);
            double y = c.value(i);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                notDefined++;
                continue;
            }
            bv.add(x);
            cv.add(y);
        }
        return new Pairing(bv.stream().mapToDouble(Double::doubleValue).toArray(),
                cv.stream().mapToDouble(Double::doubleValue).toArray(), notDefined,
                baseIds.size() - common, curIds.size() - common);
    }

    /** Number of paired items with values on both sides. */
    public int size() {
        return current.length;
    }
}
