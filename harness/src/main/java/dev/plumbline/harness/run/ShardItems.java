package dev.plumbline.harness.run;

import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.MetricValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cell of a sharded run ({@code run --shard I/N}) hands to {@code plumbline merge} beyond
 * its items: each item's position in the unsharded cell, the unsharded item count, and per-item
 * columns the unsharded run only summarizes ({@code gm_map}'s average precisions). They travel as
 * per-item metrics and run values named {@code shard.*} in the partial results document, so the
 * checkpoints and {@code --resume} keep them like any other value; the merge removes them.
 */
public final class ShardItems {
    /** The prefix of every value only a partial results document carries. */
    public static final String PREFIX = "shard.";
    /** Per item: its index in the unsharded cell's item order. */
    public static final String POSITION = PREFIX + "position";
    /** Per retrieval item: its query's index in the unsharded TREC run and contexts file, NaN for none. */
    public static final String QUERY_POSITION = PREFIX + "query_position";
    /** Run value: the unsharded cell's item count, so the merge can tell a missing item. */
    public static final String ITEMS = PREFIX + "items";

    private ShardItems() {
    }

    /**
     * The items of {@code run} that {@code shard} owns, each marked with its position in
     * {@code fullOrder}; {@code run} unchanged for an unsharded run.
     *
     * @param fullOrder the unsharded cell's item ids in order (a superset of the kept items)
     * @param extra     per-item columns over {@code fullOrder} ({@code shard.NAME} → values), kept likewise
     * @param undefined run values that are meaningless for a part (summaries the merge recomputes), set NaN
     */
    static EngineRun mark(EngineRun run, Shard shard, List<String> fullOrder, Map<String, double[]> extra,
                          List<String> undefined) {
        if (shard.whole()) {
            return run;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < fullOrder.size(); i++) {
            position.put(fullOrder.get(i), i);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < run.itemIds().size(); i++) {
            String id = run.itemIds().get(i);
            if (shard.owns(id)) {
                if (!position.containsKey(id)) {
                    throw new IllegalStateException(run.engine() + ": item " + id + " is not in the unsharded order");
                }
                kept.add(i);
            }
        }
        List<String> ids = kept.stream().map(run.itemIds()::get).toList();
        List<MetricValues> metrics = new ArrayList<>();
        for (MetricValues m : run.metrics().values()) {
            double[] v = new double[kept.size()];
            String[] f = new String[kept.size()];
            for (int j = 0; j < kept.size(); j++) {
                v[j] = m.value(kept.get(j));
                f[j] = m.failure(kept.get(j));
            }
            metrics.add(new MetricValues(m.info(), v, f));
        }
        metrics.add(column(POSITION, ids, id -> position.get(id)));
        extra.forEach((name, full) -> metrics.add(column(name, ids, id -> full[position.get(id)])));
        Map<String, Double> values = new LinkedHashMap<>(run.runValues());
        undefined.forEach(name -> values.computeIfPresent(name, (k, v) -> Double.NaN));
        values.put(ITEMS, (double) fullOrder.size());
        return EngineRun.of(run.engine(), ids, metrics, values, kept.stream().map(run::evidence).toList());
    }

    private static MetricValues column(String name, List<String> ids, java.util.function.ToDoubleFunction<String> f) {
        double[] v = ids.stream().mapToDouble(f).toArray();
        return new MetricValues(new MetricInfo(name, Direction.NEUTRAL, "", false,
                "for plumbline merge only: a partial results document's bookkeeping"), v, new String[v.length]);
    }
}
