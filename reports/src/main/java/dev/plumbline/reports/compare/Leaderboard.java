package dev.plumbline.reports.compare;

import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.stats.Statistic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MTEB's leaderboard for one run: a dataset × configuration matrix of the primary metric's mean,
 * and each configuration's mean rank over the datasets it ran on (1 = best; ties share the mean
 * of their ranks), rows sorted by mean rank. A configuration missing on a dataset has no value
 * there (NaN), and its mean rank is over the datasets it has, which {@code datasetsRun} says.
 *
 * @param metric         the primary metric
 * @param datasets       column order
 * @param configurations row order (best mean rank first)
 * @param values         {@code values[row][column]}: mean over defined queries, NaN when absent or undefined
 * @param meanRank       per row
 * @param datasetsRun    per row, the datasets with a value
 */
public record Leaderboard(MetricInfo metric, List<String> datasets, List<String> configurations, double[][] values,
                          double[] meanRank, int[] datasetsRun) {

    /** The leaderboard, or {@code null} when the run has no retrieval configuration. */
    public static Leaderboard of(Results r) {
        Map<String, List<Configurations.Configuration>> byDataset = Configurations.byDataset(r);
        if (byDataset.isEmpty()) {
            return null;
        }
        MetricInfo metric = r.metrics().get(r.primaryMetric());
        List<String> datasets = new ArrayList<>(byDataset.keySet());
        Set<String> names = new LinkedHashSet<>();
        byDataset.values().forEach(l -> l.forEach(c -> names.add(c.name())));
        List<String> configs = new ArrayList<>(names);
        double[][] values = new double[configs.size()][datasets.size()];
        double[][] ranks = new double[configs.size()][datasets.size()];
        for (double[] row : values) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (int d = 0; d < datasets.size(); d++) {
            for (Configurations.Configuration c : byDataset.get(datasets.get(d))) {
                values[configs.indexOf(c.name())][d] = Statistic.MEAN.of(c.run().metric(metric.name()).definedValues());
            }
            for (int i = 0; i < configs.size(); i++) {
                ranks[i][d] = rank(values, i, d, metric.direction() == Direction.HIGHER_IS_BETTER);
            }
        }
        double[] meanRank = new double[configs.size()];
        int[] run = new int[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            double sum = 0;
            for (int d = 0; d < datasets.size(); d++) {
                if (!Double.isNaN(ranks[i][d])) {
                    sum += ranks[i][d];
                    run[i]++;
                }
            }
            meanRank[i] = run[i] == 0 ? Double.NaN : sum / run[i];
        }
        Integer[] order = new Integer[configs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Double.isNaN(meanRank[i])
                ? Double.POSITIVE_INFINITY : meanRank[i]));
        List<String> sortedNames = new ArrayList<>();
        double[][] sortedValues = new double[order.length][];
        double[] sortedRank = new double[order.length];
        int[] sortedRun = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            sortedNames.add(configs.get(order[k]));
            sortedValues[k] = values[order[k]];
            sortedRank[k] = meanRank[order[k]];
            sortedRun[k] = run[order[k]];
        }
        return new Leaderboard(metric, datasets, sortedNames, sortedValues, sortedRank, sortedRun);
    }

    /** The rank of row {@code i} in column {@code d} among defined values, ties averaged; NaN when undefined. */
    private static double rank(double[][] values, int i, int d, boolean higherBetter) {
        double v = values[i][d];
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        int better = 0;
        int tied = 0;
        for (double[] row : values) {
            double o = row[d];
            if (Double.isNaN(o)) {
                continue;
            }
            if (o == v) {
                tied++;
            } else if (higherBetter ? o > v : o < v) {
                better++;
            }
        }
        return better + (tied + 1) / 2.0;
    }
}
