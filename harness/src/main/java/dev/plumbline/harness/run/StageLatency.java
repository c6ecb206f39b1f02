package dev.plumbline.harness.run;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency of one pipeline stage (encode batch, query encoding, search, judge per sample) in an
 * HdrHistogram with microsecond resolution and three significant digits. Warm-up calls are
 * counted but kept out of the histogram, so first-call costs (JIT, caches) do not skew the
 * percentiles.
 */
public final class StageLatency {
    private final String stage;
    private final Histogram histogram = new Histogram(3_600_000_000L, 3);
    private long warmup;
    private long items;
    private long totalNanos;

    /** @param stage the stage's name, the prefix of its run values ({@code search}) */
    public StageLatency(String stage) {
        this.stage = stage;
    }

    /** Records one warm-up call: counted, not timed. */
    public void warmup() {
        warmup++;
    }

    /**
     * Records one timed call.
     *
     * @param nanos its duration
     * @param n     items it processed (texts of an encode batch; 1 for a query)
     */
    public void record(long nanos, int n) {
        histogram.recordValue(Math.max(1, Math.round(nanos / 1000.0)));
        items += n;
        totalNanos += nanos;
    }

    /** Summed duration of the timed calls, nanoseconds. */
    public long totalNanos() {
        return totalNanos;
    }

    /** Timed calls so far. */
    public long count() {
        return histogram.getTotalCount();
    }

    /**
     * Run values: {@code STAGE.p50_ms}, {@code p90_ms}, {@code p99_ms}, {@code p99.9_ms},
     * {@code max_ms}, {@code mean_ms}, {@code items_per_s} (items over the summed time of timed
     * calls), {@code calls} and {@code warmup}. With no timed call the figures are NaN (undefined),
     * never 0.
     */
    public Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        boolean any = histogram.getTotalCount() > 0;
        out.put(stage + ".p50_ms", any ? ms(histogram.getValueAtPercentile(50)) : Double.NaN);
        out.put(stage + ".p90_ms", any ? ms(histogram.getValueAtPercentile(90)) : Double.NaN);
        out.put(stage + ".p99_ms", any ? ms(histogram.getValueAtPercentile(99)) : Double.NaN);
        out.put(stage + ".p99.9_ms", any ? ms(histogram.getValueAtPercentile(99.9)) : Double.NaN);
        out.put(stage + ".max_ms", any ? ms(histogram.getMaxValue()) : Double.NaN);
        out.put(stage + ".mean_ms", any ? histogram.getMean() / 1000.0 : Double.NaN);
        out.put(stage + ".items_per_s", any && totalNanos > 0 ? items / (totalNanos / 1e9) : Double.NaN);
        out.put(stage + ".calls", (double) histogram.getTotalCount());
        out.put(stage + ".warmup", (double) warmup);
        return out;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
