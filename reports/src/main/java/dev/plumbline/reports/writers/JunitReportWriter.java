package dev.plumbline.reports.writers;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.Verdict;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code junit}: {@code junit.xml} in the JUnit/Surefire XML dialect that CI systems (GitHub
 * Actions reporters, GitLab, Jenkins, Azure) display. With gate verdicts, suite
 * {@code plumbline.gate} holds one test case per rule and engine (failed, skipped or passed,
 * with the explanation); suite {@code plumbline.runs} holds one test case per engine run,
 * failed when any item's computation failed, listing its aggregates.
 * Times are 0: a report describes results, it does not time tests.
 */
public final class JunitReportWriter implements ReportWriter {
    /** Failed items listed by name in a run's failure text. */
    private static final int ITEMS_SHOWN = 20;

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public String description() {
        return "junit.xml: each gate rule and each engine run a test case";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("junit.xml");
        AtomicFiles.writeString(p, render(report));
        return List.of(p);
    }

    /** The XML text. */
    public static String render(Report report) {
        List<String> suites = new ArrayList<>();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        if (report.gate() != null) {
            GateOutcome o = report.gate();
            StringBuilder sb = new StringBuilder();
            int f = (int) o.count(Verdict.Status.FAIL);
            int s = (int) o.count(Verdict.Status.SKIPPED);
            sb.append("  <testsuite name=\"plumbline.gate\" tests=\"").append(o.verdicts().size())
                    .append("\" failures=\"").append(f).append("\" errors=\"0\" skipped=\"").append(s)
                    .append("\" time=\"0\">\n");
            sb.append("    <properties>\n");
            property(sb, "rules", o.rulesFile());
            property(sb, "baseline", o.baselineRunId());
            property(sb, "current", o.currentRunId());
            for (int i = 0; i < o.notes().size(); i++) {
                property(sb, "note." + (i + 1), o.notes().get(i));
            }
            sb.append("    </properties>\n");
            for (Verdict v : o.verdicts()) {
                sb.append("    <testcase classname=\"plumbline.gate.").append(Xml.escape(v.engine()))
                        .append("\" name=\"").append(Xml.escape(v.rule().text())).append("\" time=\"0\"");
                String detail = v.message() + notes(v.notes());
                switch (v.status()) {
                    case PASS -> sb.append(">\n      <system-out>").append(Xml.text(detail)).append("</system-out>\n");
                    case FAIL -> sb.append(">\n      <failure type=\"GateRuleFailed\" message=\"")
                            .append(Xml.escape(v.message())).append("\">").append(Xml.text(detail))
                            .append("\nrule at ").append(Xml.text(o.rulesFile() + ":" + v.rule().line()))
                            .append("</failure>\n");
                    case SKIPPED -> sb.append(">\n      <skipped message=\"").append(Xml.escape(v.message()))
                            .append("\"/>\n");
                }
                sb.append("    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
            suites.add(sb.toString());
            tests += o.verdicts().size();
            failures += f;
            skipped += s;
        }
        Results r = report.results();
        StringBuilder sb = new StringBuilder();
        int runFailures = 0;
        for (EngineRun e : r.engines()) {
            if (failedItems(e) > 0) {
                runFailures++;
            }
        }
        sb.append("  <testsuite name=\"plumbline.runs\" tests=\"").append(r.engines().size()).append("\" failures=\"")
                .append(runFailures).append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
        sb.append("    <properties>\n");
        property(sb, "runId", r.runId());
        property(sb, "plumbline", r.provenance().plumblineVersion() + " " + r.provenance().gitCommit()
                + (r.provenance().gitDirty() ? "-dirty" : ""));
        property(sb, "hardware", r.provenance().hardware().describe());
        sb.append("    </properties>\n");
        for (EngineRun e : r.engines()) {
            sb.append("    <testcase classname=\"plumbline.runs\" name=\"").append(Xml.escape(e.engine()))
                    .append("\" time=\"0\">\n");
            int failed = failedItems(e);
            if (failed > 0) {
                sb.append("      <failure type=\"ItemsFailed\" message=\"").append(failed)
                        .append(failed == 1 ? " item failed" : " items failed").append("\">")
                        .append(Xml.text(failedItemsText(e))).append("</failure>\n");
            }
            sb.append("      <system-out>").append(Xml.text(aggregatesText(r, e))).append("</system-out>\n");
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n");
        suites.add(sb.toString());
        tests += r.engines().size();
        failures += runFailures;
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"plumbline\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"0\">\n");
        suites.forEach(out::append);
        out.append("</testsuites>\n");
        return out.toString();
    }

    private static int failedItems(EngineRun e) {
        int n = 0;
        for (int i = 0; i < e.itemIds().size(); i++) {
            for (MetricValues m : e.metrics().values()) {
                if (m.failed(i)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static String failedItemsText(EngineRun e) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < e.itemIds().size() && shown < ITEMS_SHOWN; i++) {
            for (MetricValues m : e.metrics().values()) {
                if (m.failed(i)) {
                    sb.append(e.itemIds().get(i)).append(": ").append(m.name()).append(" failed: ")
                            .append(m.failure(i)).append('\n');
                    shown++;
                    break;
                }
            }
        }
        return sb.toString();
    }

    private static String aggregatesText(Results r, EngineRun e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.itemIds().size()).append(" items\n");
        for (Aggregate a : r.aggregates(e.engine()).values()) {
            sb.append(a.metric()).append(" = ").append(Numbers.stat(a.mean()));
            if (!Double.isNaN(a.ciLow())) {
                sb.append(" [").append(Numbers.stat(a.ciLow())).append(", ").append(Numbers.stat(a.ciHigh())).append(']');
            }
            if (a.undefined() + a.failed() > 0) {
                sb.append(" (").append(a.undefined()).append(" undefined, ").append(a.failed()).append(" failed)");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String notes(List<String> notes) {
        StringBuilder sb = new StringBuilder();
        for (String n : notes) {
            sb.append("\nNote: ").append(n);
        }
        return sb.toString();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(Xml.escape(name)).append("\" value=\"").append(Xml.escape(value))
                .append("\"/>\n");
    }
}
