package dev.plumbline.reports.results;

import dev.plumbline.reports.provenance.Provenance;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One run's results: the engines' per-item values, their aggregates (computed here from the
 * per-item values, never taken from elsewhere), the statistics settings and the provenance.
 * Written as {@code results.json} plus {@code results.items.jsonl} by {@link ResultsJson}.
 */
public final class Results {
    /** The results document schema's name, the value of its {@code schema} field. */
    public static final String SCHEMA = "plumbline.results";
    /** The schema version this code writes; readers accept this version. */
    public static final int SCHEMA_VERSION = 1;

    private final String runId;
    private final String primaryMetric;
    private final StatisticsConfig statistics;
    private final Provenance provenance;
    private final List<EngineRun> engines;
    private final Map<String, MetricInfo> metricInfos;
    private final Map<String, Map<String, Aggregate>> aggregates;

    private Results(String runId, String primaryMetric, StatisticsConfig statistics, Provenance provenance,
                    List<EngineRun> engines) {
        this.runId = runId;
        this.statistics = statistics;
        this.provenance = provenance;
        this.engines = List.copyOf(engines);
        Map<String, MetricInfo> infos = new LinkedHashMap<>();
        Map<String, EngineRun> byName = new HashMap<>();
        for (EngineRun e : engines) {
            if (byName.put(e.engine(), e) != null) {
                throw new IllegalArgumentException("engine " + e.engine() + " appears twice; engine names must be unique");
            }
            for (MetricValues m : e.metrics().values()) {
                MetricInfo known = infos.putIfAbsent(m.name(), m.info());
                if (known != null && !known.equals(m.info())) {
                    throw new IllegalArgumentException("metric " + m.name() + " is described differently by two engines: "
                            + known + " vs " + m.info());
                }
            }
        }
        this.metricInfos = Collections.unmodifiableMap(infos);
        this.primaryMetric = primaryMetric == null || primaryMetric.isEmpty() ? choosePrimary(infos) : primaryMetric;
        if (!this.primaryMetric.isEmpty() && !infos.containsKey(this.primaryMetric)) {
            throw new IllegalArgumentException("primary metric " + this.primaryMetric + " is not among the metrics "
                    + infos.keySet());
        }
        this.aggregates = computeAggregates();
    }

    /**
     * Assembles a results document and computes every aggregate.
     *
     * @param runId         a name for this run (shown in reports)
     * @param primaryMetric the metric reports lead with (Pareto plot, worst items); empty picks
     *                      the first higher-is-better metric
     * @param statistics    interval and test settings
     * @param provenance    the run manifest
     * @param engines       engine runs in display order
     */
    public static Results of(String runId, String primaryMetric, StatisticsConfig statistics, Provenance provenance,
                             List<EngineRun> engines) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(provenance, "provenance");
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("a results document needs at least one engine run");
        }
        return new Results(runId, primaryMetric, statistics, provenance, engines);
    }

    private static String choosePrimary(Map<String, MetricInfo> infos) {
        for (MetricInfo m : infos.values()) {
            if (m.direction() == Direction.HIGHER_IS_BETTER && !m.timing()) {
                return m.name();
            }
        }
        return infos.isEmpty() ? "" : infos.keySet().iterator().next();
    }

    private Map<String, Map<String, Aggregate>> computeAggregates() {
        record Job(EngineRun engine, MetricValues metric) {
        }
        List<Job> jobs = engines.stream()
                .flatMap(e -> e.metrics().values().stream().map(m -> new Job(e, m)))
                .toList();
        // Bootstraps are independent and seeded per engine × metric, so the parallel result
        // equals the sequential one.
        Aggregate[] done = new Aggregate[jobs.size()];
        IntStream.range(0, jobs.size()).parallel()
                .forEach(i -> done[i] = Aggregates.of(jobs.get(i).engine().engine(), jobs.get(i).metric(), statistics));
        Map<String, Map<String, Aggregate>> out = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            out.computeIfAbsent(jobs.get(i).engine().engine(), k -> new LinkedHashMap<>())
                    .put(jobs.get(i).metric().name(), done[i]);
        }
        for (EngineRun e : engines) {
            out.putIfAbsent(e.engine(), new LinkedHashMap<>());
        }
        out.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        return Collections.unmodifiableMap(out);
    }

    /** The run's name. */
    public String runId() {
        return runId;
    }

    /** The metric reports lead with; empty when there are no metrics. */
    public String primaryMetric() {
        return primaryMetric;
    }

    /** Interval and test settings. */
    public StatisticsConfig statistics() {
        return statistics;
    }

    /** The run manifest. */
    public Provenance provenance() {
        return provenance;
    }

    /** Engine runs in display order. */
    public List<EngineRun> engines() {
        return engines;
    }

    /** The engine run named {@code name}, or {@code null}. */
    public EngineRun engine(String name) {
        for (EngineRun e : engines) {
            if (e.engine().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Every metric of every engine, in first-seen order. */
    public Map<String, MetricInfo> metrics() {
        return metricInfos;
    }

    /** The aggregate of {@code metric} for {@code engine}, or {@code null} when the engine lacks the metric. */
    public Aggregate aggregate(String engine, String metric) {
        Map<String, Aggregate> m = aggregates.get(engine);
        return m == null ? null : m.get(metric);
    }

    /** All aggregates of one engine, in metric order. */
    public Map<String, Aggregate> aggregates(String engine) {
        Map<String, Aggregate> m = aggregates.get(engine);
        if (m == null) {
            throw new IllegalArgumentException("no engine named " + engine + "; engines: "
                    + engines.stream().map(EngineRun::engine).toList());
        }
        return m;
    }
}
