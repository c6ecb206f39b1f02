package dev.plumbline.reports.writers;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.compare.Comparison;
import dev.plumbline.reports.compare.InRunComparisons;
import dev.plumbline.reports.compare.Leaderboard;
import dev.plumbline.reports.compare.Verdicts;
import dev.plumbline.reports.hallucination.DetectionQuality;
import dev.plumbline.reports.stats.Percentiles;
import dev.plumbline.reports.compare.EngineComparison;
import dev.plumbline.reports.compare.MetricComparison;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.Verdict;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code md}: one Markdown file for a CI job summary or a pull-request comment: {@code gate.md}
 * (verdicts first), {@code compare.md} or {@code summary.md} (engines × metrics with intervals).
 * Dataset text is escaped so it renders literally.
 */
public final class MarkdownReportWriter implements ReportWriter {
    @Override
    public String format() {
        return "md";
    }

    @Override
    public String description() {
        return "Markdown for CI job summaries and PR comments: summary.md, compare.md or gate.md";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(report.baseName() + ".md");
        AtomicFiles.writeString(p, render(report));
        return List.of(p);
    }

    /** The Markdown text. */
    public static String render(Report report) {
        StringBuilder sb = new StringBuilder();
        if (report.gate() != null) {
            gate(report.gate(), sb);
        }
        if (report.comparison() != null) {
            comparison(report.comparison(), sb);
        }
        if (report.resultsOnly()) {
            summary(report.results(), sb);
        }
        return sb.toString();
    }

    static void gate(GateOutcome o, StringBuilder sb) {
        long failed = o.count(Verdict.Status.FAIL);
        long passed = o.count(Verdict.Status.PASS);
        long skipped = o.count(Verdict.Status.SKIPPED);
        sb.append(o.passed() ? "## :white_check_mark: Plumbline gate passed" : "## :x: Plumbline gate failed")
                .append("\n\n");
        sb.append(passed).append(" passed, ").append(failed).append(" failed, ").append(skipped).append(" skipped")
                .append(" · rules ").append(Markdown.code(o.rulesFile()))
                .append(" · current ").append(Markdown.code(o.currentRunId()));
        if (!o.baselineRunId().isEmpty()) {
            sb.append(" vs baseline ").append(Markdown.code(o.baselineRunId()));
        }
        sb.append("\n\n| | rule | engine | baseline | current | explanation |\n|---|---|---|---|---|---|\n");
        for (Verdict v : o.verdicts()) {
            String icon = switch (v.status()) {
                case PASS -> ":white_check_mark:";
                case FAIL -> ":x:";
                case SKIPPED -> ":fast_forward:";
            };
            sb.append("| ").append(icon).append(" | ").append(Markdown.code(v.rule().text()))
                    .append(" | ").append(Markdown.text(v.engine()))
                    .append(" | ").append(Double.isNaN(v.baseline()) ? "" : Numbers.human(v.baseline()))
                    .append(" | ").append(Numbers.human(v.current()))
                    .append(" | ").append(Markdown.text(v.message()));
            for (String n : v.notes()) {
                sb.append(" *Note: ").append(Markdown.text(n)).append('*');
            }
            sb.append(" |\n");
        }
        notes(o.notes(), sb);
    }

    static void comparison(Comparison c, StringBuilder sb) {
        sb.append("## Plumbline comparison: ").append(Markdown.code(c.currentRunId())).append(" vs baseline ")
                .append(Markdown.code(c.baselineRunId())).append("\n\n");
        String conf = Numbers.human(c.statistics().confidence() * 100) + "%";
        for (EngineComparison e : c.engines()) {
            sb.append("### ").append(Markdown.text(e.currentEngine()));
            if (!e.currentEngine().equals(e.baselineEngine())) {
                sb.append(" vs ").append(Markdown.text(e.baselineEngine()));
            }
            sb.append("\n\n").append(e.commonItems()).append(" common items; ").append(e.tested())
                    .append(" metrics tested\n\n");
            sb.append("| metric | baseline | current | difference [").append(conf)
                    .append(" CI] | p | p (Holm) | verdict |\n|---|---|---|---|---|---|---|\n");
            for (MetricComparison m : e.metrics()) {
                String verdict = m.verdict();
                String icon = verdict.equals("better") ? ":arrow_up_small: " : verdict.equals("worse") ? ":small_red_triangle_down: " : "";
                sb.append("| ").append(Markdown.text(m.metric())).append(arrow(m.direction()))
                        .append(" | ").append(Numbers.stat(m.baselineMean()))
                        .append(" | ").append(Numbers.stat(m.currentMean()))
                        .append(" | ").append(Numbers.signedStat(m.difference())).append(" [")
                        .append(Numbers.stat(m.ciLow())).append(", ").append(Numbers.stat(m.ciHigh())).append("]")
                        .append(" | ").append(Numbers.pValue(m.p()))
                        .append(" | ").append(Numbers.pValue(m.pAdjusted()))
                        .append(" | ").append(icon).append(verdict);
                if (m.notDefined() > 0) {
                    sb.append(" (").append(m.notDefined()).append(" items undefined or failed left out)");
                }
                sb.append(" |\n");
            }
            sb.append('\n');
        }
        notes(c.notes(), sb);
    }

    static void summary(Results r, StringBuilder sb) {
        sb.append("## Plumbline results: ").append(Markdown.code(r.runId())).append("\n\n");
        Provenance p = r.provenance();
        sb.append("Plumbline ").append(Markdown.text(p.plumblineVersion())).append(" (")
                .append(Markdown.code(p.gitCommit() + (p.gitDirty() ? "-dirty" : ""))).append(") · ")
                .append(Markdown.text(p.hardware().describe()))
                .append(Double.isNaN(p.peakRssBytes()) ? ""
                        : " · process peak RSS " + Numbers.human(p.peakRssBytes() / (1 << 20)) + " MiB")
                .append(" · ").append(p.startedAt()).append("\n\n");
        verdict(r, sb);
        leaderboard(r, sb);
        String conf = Numbers.human(r.statistics().confidence() * 100) + "%";
        sb.append("Mean [").append(conf).append(" bootstrap CI] over defined items; undefined (u) and failed (f)")
                .append(" items are counted, not averaged in.\n\n");
        sb.append("| metric |");
        for (EngineRun e : r.engines()) {
            sb.append(' ').append(Markdown.text(e.engine())).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(r.engines().size()));
        sb.append('\n');
        for (MetricInfo m : r.metrics().values()) {
            sb.append("| ");
            boolean primary = m.name().equals(r.primaryMetric());
            sb.append(primary ? "**" : "").append(Markdown.text(m.name())).append(primary ? "**" : "")
                    .append(m.unit().isEmpty() ? "" : " (" + Markdown.text(m.unit()) + ")").append(arrow(m.direction()))
                    .append(" |");
            for (EngineRun e : r.engines()) {
                Aggregate a = r.aggregate(e.engine(), m.name());
                sb.append(' ').append(a == null ? "" : cell(a, e.itemIds().size())).append(" |");
            }
            sb.append('\n');
        }
        Set<String> runValueNames = new LinkedHashSet<>();
        r.engines().forEach(e -> runValueNames.addAll(e.runValues().keySet()));
        if (!runValueNames.isEmpty()) {
            // Kept out of a pull-request comment: they are in summary.csv and the HTML report's folded section.
            sb.append("\n").append(runValueNames.size()).append(" run-level values (stage timings, memory, counts)")
                    .append(" are in the HTML report and in `summary.csv` (csv format).\n");
        }
        detection(r, sb);
        sb.append('\n');
        for (EngineRun e : r.engines()) {
            int bad = e.failedOrUndefinedItems();
            sb.append("- ").append(Markdown.text(e.engine())).append(": ").append(e.itemIds().size()).append(" items");
            if (bad > 0) {
                sb.append(", ").append(bad).append(" with an undefined or failed value");
            }
            sb.append('\n');
        }
        RagTables.markdown(r, sb);
    }

    /** The verdict lines, a significant win in bold; nothing when no dataset has two configurations. */
    static void verdict(Results r, StringBuilder sb) {
        List<Verdicts.Line> lines = Verdicts.of(r, InRunComparisons.of(r));
        if (lines.isEmpty()) {
            return;
        }
        sb.append("**Verdict** (paired randomization test on the same queries, p Holm-adjusted across pairs;")
                .append(" bold: a significant win)\n\n");
        for (Verdicts.Line l : lines) {
            sb.append("- ").append(Markdown.text(l.pair())).append(": ").append(l.win() ? "**" : "")
                    .append(Markdown.text(l.quality())).append(l.win() ? "**" : "")
                    .append(l.cost().isEmpty() ? "" : "; " + Markdown.text(l.cost())).append('\n');
        }
        sb.append('\n');
    }

    /** The dataset × configuration leaderboard, only when the run has more than one dataset. */
    static void leaderboard(Results r, StringBuilder sb) {
        Leaderboard b = Leaderboard.of(r);
        if (b == null || b.datasets().size() < 2) {
            return;
        }
        sb.append("| configuration | mean rank |");
        b.datasets().forEach(d -> sb.append(' ').append(Markdown.text(d)).append(" |"));
        sb.append("\n|---|---|").append("---|".repeat(b.datasets().size())).append('\n');
        for (int i = 0; i < b.configurations().size(); i++) {
            sb.append("| ").append(Markdown.text(b.configurations().get(i))).append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", b.meanRank()[i])).append(" |");
            for (double v : b.values()[i]) {
                sb.append(' ').append(Double.isNaN(v) ? "–" : Numbers.stat(v)).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nLeaderboard: mean ").append(Markdown.text(b.metric().name()))
                .append(" per dataset; mean rank over the datasets each configuration ran on (1 = best).\n\n");
    }

    /** One line per judge cell with labelled samples: its quality as a hallucination detector. */
    static void detection(Results r, StringBuilder sb) {
        for (EngineRun e : r.engines()) {
            DetectionQuality q = DetectionQuality.of(e);
            if (q == null) {
                continue;
            }
            sb.append("\n").append(Markdown.text(e.engine())).append(" as a hallucination detector on ")
                    .append(q.scores().n()).append(" labelled samples (").append(q.scores().positives())
                    .append(" hallucinated): AUROC ").append(Numbers.stat(q.scores().auroc()))
                    .append(", balanced accuracy ").append(Numbers.stat(q.scores().balancedAccuracy()))
                    .append("; caught ").append(q.truePositives()).append(" of ")
                    .append(q.truePositives() + q.falseNegatives()).append(" hallucinations, ")
                    .append(q.falsePositives()).append(q.falsePositives() == 1 ? " false alarm on " : " false alarms on ")
                    .append(q.falsePositives() + q.trueNegatives()).append(" faithful samples")
                    .append(q.unscored() > 0 ? "; " + q.unscored() + " not scored (a verdict failed)" : "")
                    .append(".\n");
        }
    }

    private static String cell(Aggregate a, long n) {
        StringBuilder sb = new StringBuilder();
        sb.append(Numbers.stat(a.mean()));
        if (!Double.isNaN(a.ciLow())) {
            sb.append(" [").append(Numbers.stat(a.ciLow())).append(", ").append(Numbers.stat(a.ciHigh())).append(']');
        }
        for (Map.Entry<String, Double> p : a.percentiles().entrySet()) {
            if (!Percentiles.supported(p.getKey(), a.defined())) {
                continue;
            }
            sb.append(" · ").append(p.getKey()).append(' ').append(Numbers.human(p.getValue()));
        }
        if (a.undefined() > 0) {
            sb.append(" · ").append(a.undefined()).append('u');
        }
        if (a.failed() > 0) {
            sb.append(" · ").append(a.failed()).append('f');
        }
        return sb.toString();
    }

    private static String arrow(Direction d) {
        return switch (d) {
            case HIGHER_IS_BETTER -> " ↑";
            case LOWER_IS_BETTER -> " ↓";
            case NEUTRAL -> "";
        };
    }

    private static void notes(List<String> notes, StringBuilder sb) {
        if (notes.isEmpty()) {
            return;
        }
        sb.append("\nNotes:\n\n");
        for (String n : notes) {
            sb.append("- ").append(Markdown.text(n)).append('\n');
        }
        sb.append('\n');
    }
}
