package dev.plumbline.reports.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one engine produced over one item set (queries or samples): per-item values for every
 * metric, run-level values that exist only for the whole run, and per-item evidence for reports.
 * Build one with {@link #builder(String)}.
 */
public final class EngineRun {
    private final String engine;
    private final List<String> itemIds;
    private final Map<String, MetricValues> metrics;
    private final Map<String, Double> runValues;
    private final List<Map<String, Object>> evidence;

    private EngineRun(String engine, List<String> itemIds, Map<String, MetricValues> metrics,
                      Map<String, Double> runValues, List<Map<String, Object>> evidence) {
        this.engine = engine;
        this.itemIds = List.copyOf(itemIds);
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.runValues = Collections.unmodifiableMap(new LinkedHashMap<>(runValues));
        this.evidence = List.copyOf(evidence);
    }

    /**
     * Builds a run from complete columns (readers use this).
     *
     * @param engine    the engine's name, unique within a results document
     * @param itemIds   item ids in order, unique
     * @param metrics   per-item values, each of {@code itemIds.size()} items
     * @param runValues values with no per-item breakdown ({@code gm_map}, {@code num_q}); NaN allowed
     * @param evidence  per item, JSON-like evidence (maps, lists, strings, numbers, booleans); empty maps allowed
     */
    public static EngineRun of(String engine, List<String> itemIds, List<MetricValues> metrics,
                               Map<String, Double> runValues, List<Map<String, Object>> evidence) {
        Objects.requireNonNull(engine, "engine");
        if (engine.isBlank()) {
            throw new IllegalArgumentException("engine name must not be blank");
        }
        Set<String> seen = new HashSet<>();
        for (String id : itemIds) {
            if (!seen.add(Objects.requireNonNull(id, "item id"))) {
                throw new IllegalArgumentException("engine " + engine + ": item id '" + id
                        + "' appears twice; item ids must be unique within an engine run");
            }
        }
        Map<String, MetricValues> byName = new LinkedHashMap<>();
        for (MetricValues m : metrics) {
            if (m.size() != itemIds.size()) {
                throw new IllegalArgumentException("engine " + engine + ": metric " + m.name() + " has " + m.size()
                        + " values for " + itemIds.size() + " items");
            }
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException("engine " + engine + ": metric " + m.name() + " appears twice");
            }
        }
        for (String name : runValues.keySet()) {
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("engine " + engine + ": " + name
                        + " is both a per-item metric and a run-level value");
            }
        }
        if (evidence.size() != itemIds.size()) {
            throw new IllegalArgumentException("engine " + engine + ": " + evidence.size() + " evidence entries for "
                    + itemIds.size() + " items");
        }
        List<Map<String, Object>> ev = new ArrayList<>(evidence.size());
        for (Map<String, Object> e : evidence) {
            ev.add(Evidence.copyOf(e));
        }
        return new EngineRun(engine, itemIds, byName, runValues, ev);
    }

    /**
     * This run with more metrics appended, e.g. per-query latency recorded by the harness next
     * to the IR measures from {@link IrEngineRuns}. Each column must follow {@link #itemIds()}.
     */
    public EngineRun withMetrics(List<MetricValues> extra) {
        List<MetricValues> all = new ArrayList<>(metrics.values());
        all.addAll(extra);
        return of(engine, itemIds, all, runValues, evidence);
    }

    /** Starts a run for {@code engine}; see {@link Builder}. */
    public static Builder builder(String engine) {
        return new Builder(engine);
    }

    /** The engine's name. */
    public String engine() {
        return engine;
    }

    /** Item ids in order. */
    public List<String> itemIds() {
        return itemIds;
    }

    /** Per-item values by metric name, in declaration order. */
    public Map<String, MetricValues> metrics() {
        return metrics;
    }

    /** One metric's values, or {@code null}. */
    public MetricValues metric(String name) {
        return metrics.get(name);
    }

    /** Values with no per-item breakdown, by name. */
    public Map<String, Double> runValues() {
        return runValues;
    }

    /** Evidence of item {@code i}; an empty map when there is none. */
    public Map<String, Object> evidence(int i) {
        return evidence.get(i);
    }

    /**
     * Number of items with at least one failed or undefined metric value: the quantity a
     * {@code failed_items} gate rule bounds, so that an undefined value can never pass
     * {@code failed_items: max 0}.
     */
    public int failedOrUndefinedItems() {
        int n = 0;
        for (int i = 0; i < itemIds.size(); i++) {
            for (MetricValues m : metrics.values()) {
                if (Double.isNaN(m.value(i))) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * Collects a run item by item. Every item must give every declared metric a value, an
     * undefined value or a failure; {@link #build()} names any gap rather than guessing.
     *
     * <pre>{@code
     * EngineRun.Builder b = EngineRun.builder("bm25")
     *         .metric(MetricInfo.score("ndcg_cut_10", "nDCG@10"))
     *         .metric(MetricInfo.latencyMillis("latency", "query latency"));
     * b.item("q1").value("ndcg_cut_10", 0.61).value("latency", 3.2);
     * b.item("q2").undefined("ndcg_cut_10").failed("latency", "engine timeout");
     * EngineRun run = b.build();
     * }</pre>
     */
    public static final class Builder {
        private final String engine;
        private final List<MetricInfo> infos = new ArrayList<>();
        private final List<ItemBuilder> items = new ArrayList<>();
        private final Map<String, Double> runValues = new LinkedHashMap<>();

        private Builder(String engine) {
            this.engine = engine;
        }

        /** Declares a metric; declare all before {@link #build()}. */
        public Builder metric(MetricInfo info) {
            for (MetricInfo m : infos) {
                if (m.name().equals(info.name())) {
                    throw new IllegalArgumentException("metric " + info.name() + " is declared twice");
                }
            }
            infos.add(info);
            return this;
        }

        /** Adds a run-level value (NaN when undefined). */
        public Builder runValue(String name, double value) {
            runValues.put(name, value);
            return this;
        }

        /** Starts the next item; items keep the order they are added in. */
        public ItemBuilder item(String id) {
            ItemBuilder b = new ItemBuilder(id);
            items.add(b);
            return b;
        }

        /**
         * Builds the run.
         *
         * @throws IllegalStateException naming the first item and metric without a value
         */
        public EngineRun build() {
            List<String> ids = new ArrayList<>();
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (ItemBuilder item : items) {
                ids.add(item.id);
                evidence.add(item.evidence);
                for (String name : item.values.keySet()) {
                    if (infos.stream().noneMatch(m -> m.name().equals(name))) {
                        throw new IllegalStateException("item " + item.id + " has a value for metric " + name
                                + ", which is not declared; call metric(...) first");
                    }
                }
            }
            List<MetricValues> columns = new ArrayList<>();
            for (MetricInfo info : infos) {
                double[] values = new double[items.size()];
                String[] failures = new String[items.size()];
                for (int i = 0; i < items.size(); i++) {
                    ItemBuilder item = items.get(i);
                    Cell cell = item.values.get(info.name());
                    if (cell == null) {
                        throw new IllegalStateException("item " + item.id + " has no value for metric " + info.name()
                                + "; call value(), undefined() or failed() for it");
                    }
                    values[i] = cell.value;
                    failures[i] = cell.failure;
                }
                columns.add(new MetricValues(info, values, failures));
            }
            return EngineRun.of(engine, ids, columns, runValues, evidence);
        }
    }

    /** One item's values and evidence. */
    public static final class ItemBuilder {
        private final String id;
        private final Map<String, Cell> values = new LinkedHashMap<>();
        private Map<String, Object> evidence = Map.of();

        private ItemBuilder(String id) {
            this.id = Objects.requireNonNull(id, "item id");
        }

        /** A value; NaN means undefined. */
        public ItemBuilder value(String metric, double value) {
            return put(metric, new Cell(value, null));
        }

        /** An undefined value (the metric has no value for this item). */
        public ItemBuilder undefined(String metric) {
            return put(metric, new Cell(Double.NaN, null));
        }

        /** A failed computation, with the reason shown in reports. */
        public ItemBuilder failed(String metric, String reason) {
            Objects.requireNonNull(reason, "reason");
            return put(metric, new Cell(Double.NaN, reason.isBlank() ? "failed" : reason));
        }

        /** Evidence shown for this item in reports: question, answer, contexts, claims, verdicts ... */
        public ItemBuilder evidence(Map<String, Object> evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        private ItemBuilder put(String metric, Cell cell) {
            if (values.put(metric, cell) != null) {
                throw new IllegalStateException("item " + id + " has two values for metric " + metric);
            }
            return this;
        }
    }

    private record Cell(double value, String failure) {
    }
}
