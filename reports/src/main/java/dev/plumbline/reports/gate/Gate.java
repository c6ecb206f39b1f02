package dev.plumbline.reports.gate;

import dev.plumbline.metrics.ir.MeasureSpellings;
import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.compare.DatasetCheck;
import dev.plumbline.reports.compare.EnginePairs;
import dev.plumbline.reports.compare.Pairing;
import dev.plumbline.reports.provenance.Hardware;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsFormatException;
import dev.plumbline.reports.results.StatisticsConfig;
import dev.plumbline.reports.stats.Bootstrap;
import dev.plumbline.reports.stats.Holm;
import dev.plumbline.reports.stats.RandomizationTest;
import dev.plumbline.reports.stats.SplitMix64;
import dev.plumbline.reports.stats.Statistic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks gate rules against a current results document and, for rules that compare, a
 * baseline. Each rule is checked on every engine; a rule fails on an engine when its bound is
 * broken, and with {@code significant: true} only when the change is also significant after
 * Holm–Bonferroni across all of the gate's significance tests.
 *
 * <p>Bounds are compared with a relative tolerance of 1e-12 so that a drop of exactly the limit,
 * computed in binary floating point, passes. {@code failed_items} counts items with any failed
 * or undefined value, so a run with one can never pass {@code failed_items: max 0}.
 */
public final class Gate {
    private static final double TOLERANCE = 1e-12;
    /** Items listed by name in a failed_items message. */
    private static final int ITEMS_SHOWN = 5;

    private Gate() {
    }

    /**
     * Evaluates the rules.
     *
     * @param baseline     the baseline, or {@code null} when no rule compares
     * @param baselineFile where the baseline came from (messages), empty without one
     * @throws ResultsFormatException when a rule names something neither document has, or needs
     *                                a baseline that was not given (bad input, exit 2)
     */
    public static GateOutcome evaluate(GateRules rules, Results baseline, String baselineFile, Results current,
                                       String currentFile) {
        return evaluate(rules, baseline, baselineFile, current, currentFile, false);
    }

    /**
     * Evaluates the rules.
     *
     * @param baseline             the baseline, or {@code null} when no rule compares
     * @param baselineFile         where the baseline came from (messages), empty without one
     * @param allowDatasetMismatch gate on a baseline of other data anyway, saying so in the first note
     * @throws ResultsFormatException   when a rule names something neither document has, or needs
     *                                  a baseline that was not given (bad input, exit 2)
     * @throws IllegalArgumentException when baseline and current come from different data
     *                                  ({@link DatasetCheck}) and that was not allowed (exit 2)
     */
    public static GateOutcome evaluate(GateRules rules, Results baseline, String baselineFile, Results current,
                                       String currentFile, boolean allowDatasetMismatch) {
        Path rulesPath = Path.of(rules.file());
        DatasetCheck data = baseline == null ? null : DatasetCheck.of(baseline, current);
        if (data != null && data.mismatched() && !allowDatasetMismatch) {
            throw new IllegalArgumentException(data.error(baselineFile, currentFile));
        }
        if (baseline == null) {
            for (GateRule r : rules.rules()) {
                if (r.constraint().needsBaseline()) {
                    throw new ResultsFormatException(rulesPath, r.line(), r.subject() + ": " + r.constraint().keyword()
                            + " compares with a baseline; pass --baseline BASELINE.json");
                }
            }
        }
        checkSubjectsExist(rules, baseline, current, rulesPath);
        Map<String, EngineRun> baselineFor = new HashMap<>();
        List<String> notes = new ArrayList<>();
        if (data != null) {
            if (data.mismatched()) {
                notes.add(data.allowedNote());
            }
            notes.addAll(data.notes());
        }
        List<String> missingEngines = new ArrayList<>();
        if (baseline != null) {
            EnginePairs pairs = EnginePairs.of(baseline, current);
            for (EnginePairs.Pair p : pairs.pairs()) {
                baselineFor.put(p.current().engine(), p.baseline());
                if (!p.baseline().engine().equals(p.current().engine())) {
                    notes.add("engine " + p.current().engine() + " is compared with baseline engine "
                            + p.baseline().engine() + " (the only engine on each side)");
                }
            }
            missingEngines.addAll(pairs.onlyBaseline());
        }
        String hardwareNote = baseline == null ? null : hardwareNote(baseline, current);
        StatisticsConfig stats = current.statistics();
        List<Check> checks = new ArrayList<>();
        for (GateRule rule : rules.rules()) {
            for (EngineRun c : current.engines()) {
                checks.add(check(rule, c, baselineFor.get(c.engine()), baseline != null, stats, hardwareNote));
            }
            for (String engine : missingEngines) {
                checks.add(Check.done(rule, engine, Verdict.Status.FAIL, Double.NaN, Double.NaN,
                        "engine " + engine + " is in the baseline but missing from the current results", List.of()));
            }
        }
        double[] ps = checks.stream().mapToDouble(Check::p).toArray();
        double[] adjusted = Holm.adjust(ps);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            verdicts.add(checks.get(i).finish(adjusted[i]));
        }
        if (hardwareNote != null && checks.stream().anyMatch(Check::timing)) {
            notes.add(hardwareNote);
        }
        long tests = checks.stream().filter(c -> !Double.isNaN(c.p())).count();
        if (tests > 1) {
            notes.add("significance: " + tests + " tests (paired randomization test for means, paired bootstrap for"
                    + " other statistics), Holm-Bonferroni adjusted across the gate");
        }
        return new GateOutcome(rules.file(), baseline == null ? "" : baseline.runId(), current.runId(),
                baselineFile == null ? "" : baselineFile, currentFile, verdicts, notes);
    }

    private static void checkSubjectsExist(GateRules rules, Results baseline, Results current, Path rulesPath) {
        for (GateRule r : rules.rules()) {
            boolean found = false;
            boolean runValueOnly = true;
            List<EngineRun> runs = new ArrayList<>(current.engines());
            if (baseline != null) {
                runs.addAll(baseline.engines());
            }
            for (EngineRun e : runs) {
                Subject s = Subject.resolve(r.subject(), e);
                if (s != null) {
                    found = true;
                    runValueOnly &= s instanceof Subject.RunValue;
                }
            }
            if (!found) {
                Set<String> names = new LinkedHashSet<>(current.metrics().keySet());
                current.engines().forEach(e -> names.addAll(e.runValues().keySet()));
                String hint = didYouMean(r.subject(), runs, names);
                if (hint != null) {
                    throw new ResultsFormatException(rulesPath, r.line(), "no metric '" + r.subject()
                            + "' in the results; did you mean " + hint + "?");
                }
                throw new ResultsFormatException(rulesPath, r.line(), "no metric '" + r.subject()
                        + "' in the results; use failed_items, a metric (optionally .mean .min .max .sum .p50 .p99 ...),"
                        + " or one of " + abbreviate(names));
            }
            if (r.significant() && runValueOnly) {
                throw new ResultsFormatException(rulesPath, r.line(), r.subject() + " is a run-level value without"
                        + " per-item values, so its change cannot be tested; remove significant: true");
            }
        }
    }

    /**
     * The subject the rule probably means: trec_eval's spelling of a common one ({@code ndcg@10}
     * is {@code ndcg_cut.10}, {@code MRR} is {@code recip_rank}), when the results have it; else
     * the one name within two edits (a typo), written as rules write it ({@code ndcg_cut.10}, not
     * the printed {@code ndcg_cut_10}); else {@code null}.
     */
    static String didYouMean(String subject, List<EngineRun> runs, Set<String> names) {
        String spelled = MeasureSpellings.suggest(subject);
        if (spelled != null) {
            String name = spelled.split(" ", 2)[0];
            if (runs.stream().anyMatch(e -> Subject.resolve(name, e) != null)) {
                return spelled;
            }
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(GateRule.FAILED_ITEMS);
        for (String n : names) {
            candidates.add(ruleSpelling(n));
        }
        String best = null;
        int bestDistance = 3;
        boolean tie = false;
        String lower = subject.toLowerCase(java.util.Locale.ROOT);
        for (String c : candidates) {
            int d = editDistance(lower, c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        return best == null || tie ? null : best;
    }

    /** {@code ndcg_cut_10} as a rule writes it, {@code ndcg_cut.10}; other names unchanged. */
    private static String ruleSpelling(String printed) {
        for (dev.plumbline.metrics.ir.IrMeasure m : dev.plumbline.metrics.ir.IrMeasures.all()) {
            String prefix = m.name() + "_";
            if (printed.startsWith(prefix) && printed.length() > prefix.length()
                    && Character.isDigit(printed.charAt(prefix.length()))) {
                return m.name() + "." + printed.substring(prefix.length());
            }
        }
        return printed;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String abbreviate(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        if (list.size() <= 25) {
            return list.toString();
        }
        return list.subList(0, 25) + " and " + (list.size() - 25) + " more";
    }

    private static String hardwareNote(Results baseline, Results current) {
        Hardware b = baseline.provenance().hardware();
        Hardware c = current.provenance().hardware();
        if (b.sameAs(c)) {
            return null;
        }
        return "timings come from different hardware (baseline: " + b.describe() + "; current: " + c.describe()
                + "), so latency rules compare unlike machines; rerun the baseline on this machine for a fair gate";
    }

    private static Check check(GateRule rule, EngineRun current, EngineRun baseline, boolean haveBaselineDoc,
                               StatisticsConfig stats, String hardwareNote) {
        String engine = current.engine();
        Subject sc = Subject.resolve(rule.subject(), current);
        Subject sb = baseline == null ? null : Subject.resolve(rule.subject(), baseline);
        boolean needs = rule.constraint().needsBaseline();
        if (sc == null) {
            if (sb != null) {
                return Check.done(rule, engine, Verdict.Status.FAIL, sb.value(baseline), Double.NaN,
                        rule.subject() + " is missing from the current results of engine " + engine
                                + " but present in the baseline", List.of());
            }
            return Check.done(rule, engine, Verdict.Status.SKIPPED, Double.NaN, Double.NaN,
                    "engine " + engine + " has no " + rule.subject(), List.of());
        }
        if (needs && baseline == null) {
            return Check.done(rule, engine, Verdict.Status.SKIPPED, Double.NaN, sc.value(current),
                    "engine " + engine + " has no baseline to compare with"
                            + (haveBaselineDoc ? " (not in the baseline document)" : ""), List.of());
        }
        if (needs && sb == null) {
            return Check.done(rule, engine, Verdict.Status.SKIPPED, Double.NaN, sc.value(current),
                    "the baseline of engine " + engine + " has no " + rule.subject() + " to compare with", List.of());
        }
        double cur = sc.value(current);
        double base = sb == null ? Double.NaN : sb.value(baseline);
        List<String> notes = new ArrayList<>();
        boolean timing = sc.timing(current);
        if (timing && hardwareNote != null && needs) {
            notes.add(hardwareNote);
        }
        String unit = unit(sc, current);
        String what = sc.display();
        if (Double.isNaN(cur) || (needs && Double.isNaN(base))) {
            String side = Double.isNaN(cur) ? "current" : "baseline";
            return Check.done(rule, engine, Verdict.Status.FAIL, base, cur, what + " is undefined in the " + side
                    + " run (no item has a defined value)" + definedNote(sc, current), notes).timing(timing);
        }
        Evaluation ev = evaluate(rule, base, cur, what, unit, sc, current);
        double p = Double.NaN;
        if (rule.significant() && sc instanceof Subject.MetricStat ms) {
            p = significance(rule, ms, baseline, current, stats);
        }
        return new Check(rule, engine, ev.violated ? Verdict.Status.FAIL : Verdict.Status.PASS, base, cur, ev.message,
                notes, p, timing);
    }

    private record Evaluation(boolean violated, String message) {
    }

    private static Evaluation evaluate(GateRule rule, double base, double cur, String what, String unit, Subject sc,
                                       EngineRun current) {
        double limit = rule.limit();
        double tol = TOLERANCE * Math.max(1, Math.abs(limit));
        String lim = rule.limitText() + (rule.relative() ? "" : unit);
        String defined = definedNote(sc, current);
        return switch (rule.constraint()) {
            case MIN -> {
                boolean bad = cur < limit - tol;
                yield new Evaluation(bad, what + " " + Numbers.distinct(cur, limit) + unit
                        + (bad ? " is below the minimum " : " meets the minimum ") + lim + defined);
            }
            case MAX -> {
                boolean bad = cur > limit + tol;
                String msg = what + " " + Numbers.distinct(cur, limit) + unit
                        + (bad ? " is above the maximum " : " is within the maximum ") + lim + defined;
                if (sc instanceof Subject.FailedItems) {
                    msg = failedItemsMessage(current, cur, lim, bad);
                }
                yield new Evaluation(bad, msg);
            }
            case MAX_DROP, MAX_INCREASE -> {
                boolean drop = rule.constraint() == Constraint.MAX_DROP;
                double change = drop ? base - cur : cur - base;
                double amount = rule.relative() ? relative(change, base) : change;
                boolean bad = amount > limit + tol;
                String moved = change > 0 ? (drop ? "dropped" : "rose") : (drop ? "did not drop" : "did not rise");
                // Show the change with as many decimals as it takes to tell it from the limit.
                String delta = rule.relative()
                        ? Numbers.signed(cur - base) + unit + ", " + sign(cur - base)
                        + Numbers.distinct(Math.abs(relative(cur - base, base)) * 100, limit * 100) + "%"
                        : sign(cur - base) + Numbers.distinct(Math.abs(cur - base), limit) + unit;
                String msg = what + " " + moved + ": " + Numbers.human(base) + unit + " → " + Numbers.human(cur) + unit
                        + " (" + delta + ")" + (bad ? ", more than the allowed " : ", within the allowed ")
                        + (drop ? "drop of " : "increase of ") + lim + defined;
                yield new Evaluation(bad, msg);
            }
        };
    }

    private static String sign(double v) {
        return v > 0 ? "+" : v < 0 ? "-" : "";
    }

    /** A change relative to the baseline; infinite when the baseline is 0 and the value moved. */
    private static double relative(double change, double base) {
        if (base == 0) {
            return change == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, change);
        }
        return change / Math.abs(base);
    }

    private static String failedItemsMessage(EngineRun run, double count, String lim, boolean bad) {
        StringBuilder sb = new StringBuilder();
        sb.append((long) count).append(count == 1 ? " item has" : " items have")
                .append(" a failed or undefined value").append(bad ? ", more than the maximum " : ", within the maximum ")
                .append(lim);
        if (count > 0) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < run.itemIds().size() && shown.size() < ITEMS_SHOWN; i++) {
                List<String> why = new ArrayList<>();
                for (MetricValues m : run.metrics().values()) {
                    if (m.failed(i)) {
                        why.add(m.name() + " failed: " + m.failure(i));
                    } else if (m.undefined(i)) {
                        why.add(m.name() + " undefined");
                    }
                }
                if (!why.isEmpty()) {
                    shown.add(run.itemIds().get(i) + " (" + String.join("; ", why) + ")");
                }
            }
            sb.append(": ").append(String.join(", ", shown));
            if (count > shown.size()) {
                sb.append(" and ").append((long) count - shown.size()).append(" more");
            }
        }
        return sb.toString();
    }

    private static String definedNote(Subject s, EngineRun run) {
        if (s instanceof Subject.MetricStat m) {
            MetricValues v = run.metric(m.metric());
            int missing = v.failedCount() + v.undefinedCount();
            if (missing > 0) {
                return " [" + v.undefinedCount() + " undefined and " + v.failedCount() + " failed of " + v.size()
                        + " items are not in the " + m.statistic().name() + "]";
            }
        }
        return "";
    }

    private static String unit(Subject s, EngineRun run) {
        if (s instanceof Subject.MetricStat m) {
            String u = run.metric(m.metric()).info().unit();
            return u.isEmpty() ? "" : " " + u;
        }
        return "";
    }

    private static double significance(GateRule rule, Subject.MetricStat s, EngineRun baseline, EngineRun current,
                                       StatisticsConfig stats) {
        Pairing pairing = Pairing.of(baseline, current, s.metric());
        if (pairing.size() == 0) {
            return Double.NaN;
        }
        long seed = SplitMix64.derive(stats.seed(), "gate", rule.subject(), current.engine());
        if (s.statistic() == Statistic.MEAN) {
            return RandomizationTest.pValue(pairing.baseline(), pairing.current(), stats.permutations(), seed);
        }
        return Bootstrap.pairedDifference(pairing.baseline(), pairing.current(), s.statistic(),
                stats.bootstrapSamples(), stats.confidence(), seed).p();
    }

    /** A verdict before the Holm adjustment is known. */
    private record Check(GateRule rule, String engine, Verdict.Status status, double base, double cur, String message,
                         List<String> notes, double p, boolean timing) {
        static Check done(GateRule rule, String engine, Verdict.Status status, double base, double cur,
                          String message, List<String> notes) {
            return new Check(rule, engine, status, base, cur, message, notes, Double.NaN, false);
        }

        Check timing(boolean t) {
            return new Check(rule, engine, status, base, cur, message, notes, p, t);
        }

        Verdict finish(double pAdjusted) {
            Verdict.Status s = status;
            String msg = message;
            if (rule.significant() && status != Verdict.Status.SKIPPED && !Double.isNaN(cur)
                    && !(rule.constraint().needsBaseline() && Double.isNaN(base))) {
                if (Double.isNaN(p)) {
                    msg += status == Verdict.Status.FAIL
                            ? "; significance cannot be tested (no item defined in both runs), so the rule fails"
                            : "";
                } else {
                    String ps = "p = " + Numbers.pValue(p) + ", Holm-adjusted " + Numbers.pValue(pAdjusted)
                            + ", alpha " + Numbers.plain(rule.alpha());
                    boolean significant = pAdjusted < rule.alpha();
                    if (status == Verdict.Status.FAIL) {
                        if (significant) {
                            msg += "; the change is significant (" + ps + ")";
                        } else {
                            s = Verdict.Status.PASS;
                            msg += "; but the change is not significant (" + ps + "), so the rule passes";
                        }
                    } else {
                        msg += " (" + ps + ")";
                    }
                }
            }
            return new Verdict(rule, engine, s, base, cur, p, pAdjusted, msg, notes);
        }
    }
}
