package dev.plumbline.reports.compare;

import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retrieval configurations of one results document, grouped by dataset: every engine run that
 * has the primary metric. The dataset and the configuration's name come from the engine's
 * provenance details ({@code dataset}, {@code configuration}); a document written before those
 * existed gives an empty dataset and the engine's own name, so all its engines form one group.
 */
public final class Configurations {
    /**
     * One configuration on one dataset.
     *
     * @param run     its engine run
     * @param dataset the dataset spec it ran on, empty when not recorded
     * @param name    the configuration's name, the same on every dataset (the leaderboard's column)
     */
    public record Configuration(EngineRun run, String dataset, String name) {
    }

    private Configurations() {
    }

    /** Configurations by dataset, both in document order; empty without a higher/lower-is-better primary metric. */
    public static Map<String, List<Configuration>> byDataset(Results r) {
        Map<String, List<Configuration>> out = new LinkedHashMap<>();
        MetricInfo primary = r.metrics().get(r.primaryMetric());
        if (primary == null || primary.direction() == Direction.NEUTRAL) {
            return out;
        }
        Map<String, EngineIdentity> identities = new LinkedHashMap<>();
        r.provenance().engines().forEach(e -> identities.put(e.name(), e));
        for (EngineRun e : r.engines()) {
            if (e.metric(primary.name()) == null) {
                continue;
            }
            EngineIdentity id = identities.get(e.engine());
            String dataset = id == null ? "" : id.details().getOrDefault("dataset", "");
            String name = id == null ? e.engine() : id.details().getOrDefault("configuration", e.engine());
            out.computeIfAbsent(dataset, k -> new ArrayList<>()).add(new Configuration(e, dataset, name));
        }
        return out;
    }

    /** Short display names for metrics: {@code ndcg_cut_10} → nDCG@10, {@code recall_100} → R@100, ... */
    public static String displayName(String metric) {
        String[][] prefixes = {{"ndcg_cut_", "nDCG@"}, {"recall_", "R@"}, {"P_", "P@"}, {"success_", "S@"}};
        for (String[] p : prefixes) {
            if (metric.startsWith(p[0]) && metric.substring(p[0].length()).matches("\\d+")) {
                return p[1] + metric.substring(p[0].length());
            }
        }
        return switch (metric) {
            case "recip_rank" -> "MRR";
            case "map" -> "MAP";
            case "ndcg" -> "nDCG";
            default -> metric;
        };
    }
}
