package dev.plumbline.harness.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run-to-run spread of figures measured once per repeated pass: minimum, maximum, mean and the
 * coefficient of variation (sample standard deviation over the mean), so a reader can tell a
 * real difference between engines from noise of the machine.
 */
final class Spread {
    private Spread() {
    }

    /**
     * @param prefix  run-value prefix, e.g. {@code query.spread}
     * @param passes  one map of figures per pass
     * @param figures keys to summarize; {@code pass.p99_ms} becomes {@code PREFIX.p99_ms.min} and so on
     */
    static Map<String, Double> of(String prefix, List<Map<String, Double>> passes, List<String> figures) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String f : figures) {
            double[] v = passes.stream().mapToDouble(p -> p.get(f)).toArray();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double d : v) {
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum += d;
            }
            double mean = sum / v.length;
            double ss = 0;
            for (double d : v) {
                ss += (d - mean) * (d - mean);
            }
            // One pass has no spread: undefined rather than 0.
            double cv = v.length < 2 || mean == 0 ? Double.NaN : Math.sqrt(ss / (v.length - 1)) / mean;
            String name = prefix + "." + f.substring(f.indexOf('.') + 1);
            out.put(name + ".min", min);
            out.put(name + ".max", max);
            out.put(name + ".mean", mean);
            out.put(name + ".cv", cv);
        }
        return out;
    }
}
