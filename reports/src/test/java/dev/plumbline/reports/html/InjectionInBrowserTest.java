package dev.plumbline.reports.html;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriters;
import dev.plumbline.reports.compare.Comparisons;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.results.Results;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Script and attribute payloads in every name a report shows — the run name, engine names, item
 * ids, dataset names and paths, document text, provenance (command line, JVM) — reach the HTML
 * report and the Allure report as text. Each payload, if it ran, would set {@code document.title} to a {@code pwned-} marker; the
 * pages are loaded in headless Chromium with time for scripts and error handlers to run, and the
 * test checks the title, that no element or event-handler attribute was injected, that the
 * payloads show as text, and that the console stayed silent.
 *
 * <p>Skipped without Chromium unless {@code PLUMBLINE_REQUIRE_CHROMIUM=1} (set by .ci/run,
 * which installs it); the Allure half also needs the Allure command line the build unpacks.
 */
class InjectionInBrowserTest {
    static final String RUN = "run</title><script>document.title='pwned-run'</script>";
    static final String ENGINE = "dense\"><img src=x onerror=\"document.title='pwned-engine'\">";
    static final String ITEM = "q03'><svg onload=\"document.title='pwned-item'\">";
    static final String FAILED_ITEM = "q12<img src=x onerror=document.title='pwned-failed'>";
    static final String DATASET = "scifact<iframe src=\"javascript:document.title='pwned-dataset'\">";
    static final String PATH = "data/\"><script>document.title='pwned-path'</script>";
    static final String COMMAND = "--out=<img src=x onerror=document.title='pwned-command'>";
    static final String VENDOR = "Vendor<img src=x onerror=document.title='pwned-vendor'>";

    static Path chromium;
    static Path dir;
    static Report report;

    @BeforeAll
    static void payloads() throws IOException {
        chromium = Chromium.find();
        if ("1".equals(System.getenv("PLUMBLINE_REQUIRE_CHROMIUM"))) {
            assertTrue(chromium != null, "PLUMBLINE_REQUIRE_CHROMIUM=1 but no chromium on PATH; apt-get install chromium");
        }
        assumeTrue(chromium != null, "chromium not installed; apt-get install -y chromium to run this test");
        dir = Files.createDirectories(Path.of("target", "chromium", "injection")).toAbsolutePath();
        DatasetFingerprint data = new DatasetFingerprint(DATASET, PATH, "sha256:" + "ab".repeat(32),
                Map.of("documents", 5L));
        Results baseline = Fixtures.withDatasets(hostile(Fixtures.baseline(), "baseline"), data);
        Results current = withCommand(Fixtures.withDatasets(hostile(Fixtures.current(), RUN), data));
        var comparison = Comparisons.compare(baseline, current, "baseline.json", "current.json", 0.05);
        GateOutcome gate = Gate.evaluate(GateRulesParser.parse(Path.of("gates.yaml"),
                "ndcg_cut.10: max_drop 0.01\nfailed_items: max 0\n"), baseline, "baseline.json", current, "current.json");
        report = new Report(current, null, comparison, gate);
    }

    private static Results withCommand(Results r) {
        var p = r.provenance();
        var jvm = new dev.plumbline.reports.provenance.JvmInfo(VENDOR, p.jvm().version(), p.jvm().vmName(), p.jvm().flags());
        var q = new dev.plumbline.reports.provenance.Provenance(p.plumblineVersion(), p.gitCommit(), p.gitDirty(), jvm,
                p.os(), p.hardware(), p.threads(), p.engines(), p.datasets(), p.judge(), p.seeds(), p.startedAt(),
                p.finishedAt(), List.of("plumbline", "run", "x.yaml", COMMAND), p.experimentFile(), p.peakRssBytes());
        return Results.of(r.runId(), r.primaryMetric(), r.statistics(), q, r.engines());
    }

    private static Results hostile(Results r, String runId) {
        return Fixtures.renamed(r, runId, e -> e.equals("dense") ? ENGINE : e,
                i -> i.equals("q03") ? ITEM : i.equals("q12") ? FAILED_ITEM : i);
    }

    /** Loads {@code page} with scripts enabled and a few seconds of virtual time, and returns its DOM. */
    private static Chromium.Output load(Path page, String fragment) throws Exception {
        Chromium.Output out = Chromium.run(chromium, dir, List.of("--virtual-time-budget=8000", "--dump-dom"),
                page, fragment);
        assertEquals(0, out.exitCode(), out.stderr());
        return out;
    }

    private static void assertNothingRan(String dom, String what) {
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
        assertTrue(title.find(), what + ": no title in the DOM");
        // A payload that ran sets the title to its marker alone; the escaped payloads may be part of the title text.
        assertFalse(title.group(1).startsWith("pwned-"), what + ": a payload ran, title " + title.group(1));
        assertFalse(dom.contains("pwned-") && Pattern.compile("<(img|svg|iframe|script)[^>]*pwned").matcher(dom).find(),
                what + ": a payload became an element");
        // Event-handler attributes, outside attribute values (which may hold an escaped payload).
        Matcher tag = Pattern.compile("<[a-zA-Z][^>]*>").matcher(dom);
        while (tag.find()) {
            String names = tag.group().replaceAll("=\"[^\"]*\"", "=");
            assertFalse(Pattern.compile("\\son[a-z]+=").matcher(names).find(),
                    what + ": an event-handler attribute: " + tag.group());
        }
    }

    private static void assertSilentConsole(Chromium.Output out, String what) {
        List<String> console = out.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
        assertTrue(console.isEmpty(), what + ": console messages: " + console);
    }

    @Test
    void htmlReportShowsEveryPayloadAsText() throws Exception {
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(report), StandardCharsets.UTF_8);
        Chromium.Output out = load(page, null);
        String dom = out.stdout();
        Files.writeString(dir.resolve("report-dom.html"), dom, StandardCharsets.UTF_8);
        assertNothingRan(dom, "report.html");
        assertEquals(1, count(dom, "<script"), "one script element: the page's own filter");
        assertEquals(0, count(dom, "<img"), "no img element");
        assertEquals(0, count(dom, "<iframe"), "no iframe element");
        for (String payload : List.of(RUN, ENGINE, ITEM, FAILED_ITEM, DATASET, PATH, COMMAND, VENDOR)) {
            assertTrue(dom.contains(text(payload)), "shown as text: " + payload);
        }
        assertSilentConsole(out, "report.html");
    }

    @Test
    void allureReportShowsEveryPayloadAsText() throws Exception {
        String home = System.getProperty("plumbline.allure.home");
        assumeTrue(home != null && Files.isDirectory(Path.of(home, "lib")),
                "Allure command line not unpacked (the Maven build does it)");
        Path out = dir.resolve("allure");
        List<Path> written = ReportWriters.get("allure-html").write(report, out);
        Path index = written.get(1);
        for (String fragment : List.of("", "#suites", "#behaviors")) {
            Chromium.Output page = load(index, fragment);
            String dom = page.stdout();
            Files.writeString(dir.resolve("allure-dom" + fragment.replace('#', '-') + ".html"), dom, StandardCharsets.UTF_8);
            assertNothingRan(dom, "allure " + fragment);
            assertSilentConsole(page, "allure " + fragment);
        }
        String suites = Files.readString(dir.resolve("allure-dom-suites.html"));
        assertTrue(suites.contains(text("engine run " + ENGINE)), "the engine payload is listed as text on the suites page");
        assertTrue(suites.contains(text("plumbline " + RUN)), "the run payload is listed as text on the suites page");

        // The pages of the hostile engine's results: the engine run (its failed-items trace names the
        // hostile item id) and its gate verdicts (the failed_items message names it too).
        Matcher link = Pattern.compile("href=\"(#suites/[0-9a-f]+/[0-9a-f]+/)\"[\\s\\S]*?</a>").matcher(suites);
        List<String> results = new java.util.ArrayList<>();
        while (link.find()) {
            if (link.group().contains(text(ENGINE))) {
                results.add(link.group(1));
            }
        }
        assertEquals(3, results.size(), "the engine run and its two gate verdicts: " + results);
        StringBuilder all = new StringBuilder();
        for (String result : results) {
            Chromium.Output page = load(index, result);
            String dom = page.stdout();
            assertNothingRan(dom, "allure " + result);
            assertSilentConsole(page, "allure " + result);
            all.append(dom);
        }
        Files.writeString(dir.resolve("allure-dom-results.html"), all, StandardCharsets.UTF_8);
        assertTrue(all.indexOf(text(FAILED_ITEM + ": faithfulness failed")) >= 0, "the failed item's id is shown as text");
        assertTrue(Files.readString(dir.resolve("allure-dom.html")).contains(text(VENDOR)),
                "the JVM vendor is shown as text in the environment widget");
    }

    /** How Chromium serializes {@code s} as element text: only {@code & < >} escaped. */
    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
