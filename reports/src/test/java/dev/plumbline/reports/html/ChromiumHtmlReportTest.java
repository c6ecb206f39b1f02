package dev.plumbline.reports.html;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.compare.Comparisons;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads the HTML report in headless Chromium from disk and checks the rendered DOM: the charts
 * are there, dataset text with {@code <script>} and {@code "><img onerror=...>} rendered as text,
 * and the console stayed silent (a blocked load or a script error would be logged there).
 * A screenshot is left in {@code target/chromium/report.png} for people to look at.
 *
 * <p>Skipped when no Chromium is installed, unless {@code PLUMBLINE_REQUIRE_CHROMIUM=1}
 * (set by {@code .ci/run}, which installs it), where a missing browser fails the test.
 */
class ChromiumHtmlReportTest {
    /** An engine name that would inject an element if it were not escaped (in tables and SVG labels). */
    static final String ENGINE_PAYLOAD = "hybrid\"><img src=x onerror=\"document.title='pwned-engine'\">";
    static Path chromium;
    static Path dir;
    static Path page;
    /** The page of {@link Fixtures#withTexts()}: drill-down, per-query view, payloads in every text. */
    static Path texts;

    @BeforeAll
    static void render() throws IOException {
        chromium = Chromium.find();
        boolean required = "1".equals(System.getenv("PLUMBLINE_REQUIRE_CHROMIUM"));
        if (required) {
            assertTrue(chromium != null, "PLUMBLINE_REQUIRE_CHROMIUM=1 but no chromium on PATH; apt-get install chromium");
        }
        assumeTrue(chromium != null, "chromium not installed; apt-get install -y chromium to run this test");
        dir = Files.createDirectories(Path.of("target", "chromium")).toAbsolutePath();
        Results baseline = Fixtures.baseline();
        Results current = renameEngine(Fixtures.current(), "hybrid", ENGINE_PAYLOAD);
        baseline = renameEngine(baseline, "hybrid", ENGINE_PAYLOAD);
        var comparison = Comparisons.compare(baseline, current, "baseline.json", "current.json", 0.05);
        var gate = Gate.evaluate(GateRulesParser.parse(Path.of("gates.yaml"),
                "ndcg_cut.10: max_drop 0.01\nlatency.p99: max_increase 10%\nfailed_items: max 0\n"),
                baseline, "baseline.json", current, "current.json");
        page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(new Report(current, null, comparison, gate)), StandardCharsets.UTF_8);
        texts = dir.resolve("texts.html");
        Files.writeString(texts, HtmlReport.render(Report.of(Fixtures.withTexts(), null)), StandardCharsets.UTF_8);
    }

    @Test
    void textsPageHasEverySectionAndKeepsInjectedMarkupAsText() throws Exception {
        Chromium.Output out = Chromium.run(chromium, dir, List.of("--dump-dom"), texts);
        assertEquals(0, out.exitCode(), out.stderr());
        String dom = out.stdout();
        Files.writeString(dir.resolve("texts-dom.html"), dom, StandardCharsets.UTF_8);
        for (String id : List.of("verdict", "leaderboard", "pairwise", "summary", "hallucinations", "queries")) {
            assertTrue(dom.contains("<section id=\"" + id + "\""), "section " + id);
        }
        assertFalse(dom.contains("<title>pwned"), "a payload ran");
        assertEquals(1, count(dom, "<script"), "only the page's own script");
        assertEquals(0, count(dom, "<img"), "no img element from a payload");
        assertTrue(count(dom, "&lt;script&gt;document.title='pwned-script'&lt;/script&gt;") >= 4,
                "the query and question payloads shown as text in the per-query view and the drill-down");
        assertTrue(dom.contains("Passage two \"&gt;&lt;img src=x"), "a snippet payload shown as text");
        assertTrue(dom.contains("<b>hybrid vs bm25: nDCG@10") || dom.contains("<b>nDCG@10 Δ +0.1869"),
                "a significant win is bold in the verdict");
        assertTrue(dom.contains("<mark class=\"unsupported\">Haskmere lies on the Vell.</mark>"),
                "the unsupported claim is marked in the answer");
        assertTrue(dom.contains("AUROC") && dom.contains("swapped_entity") && dom.contains("class=\"roc\""),
                "detection quality with a confusion row per type and a ROC curve");
        // Misclassified first: s04 (a missed hallucination) comes before every correctly judged sample.
        assertTrue(dom.indexOf("<code>s04</code>") < dom.indexOf("<code>s01</code>"), "misclassified first");
        assertTrue(dom.contains("3 relevant missed") || dom.contains("1 relevant missed"), "missed relevant documents");
        assertTrue(dom.contains("0 of 0 shown") || dom.contains("90 of 90 shown"), "the filter script ran on load");
        assertNoExternalReference(dom);
    }

    @Test
    void filterHidesQueriesThatDoNotMatch() throws Exception {
        // #q= fills every search box on load; "aspirin" is in query q03's text only (all three configurations).
        Chromium.Output out = Chromium.run(chromium, dir, List.of("--dump-dom"), texts, "#q=aspirin");
        assertEquals(0, out.exitCode(), out.stderr());
        String dom = out.stdout();
        Files.writeString(dir.resolve("texts-filtered-dom.html"), dom, StandardCharsets.UTF_8);
        assertTrue(dom.contains("3 of 90 shown"), "three queries match in the per-query view");
        assertTrue(dom.contains("0 of 20 shown"), "no judged sample mentions aspirin");
        Matcher m = Pattern.compile("<details class=\"item query\"[^>]*>").matcher(dom);
        int shown = 0;
        int hidden = 0;
        while (m.find()) {
            if (m.group().contains("hidden")) {
                hidden++;
            } else {
                shown++;
            }
        }
        assertEquals(3, shown, "visible query items");
        assertEquals(87, hidden, "hidden query items");
        List<String> console = out.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages: " + console);
    }

    @Test
    void textsPageConsoleStaysSilent() throws Exception {
        Chromium.Output out = Chromium.run(chromium, dir, List.of("--dump-dom"), texts);
        List<String> console = out.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages: " + console);
    }

    @Test
    void screenshotsAt800And1400Pixels() throws Exception {
        for (int width : new int[] {800, 1400}) {
            Path png = dir.resolve("texts-" + width + ".png");
            Files.deleteIfExists(png);
            Chromium.Output out = Chromium.run(chromium, dir,
                    List.of("--screenshot=" + png, "--window-size=" + width + ",5000", "--hide-scrollbars"), texts);
            assertEquals(0, out.exitCode(), out.stderr());
            assertTrue(Files.size(png) > 10_000, "a non-trivial screenshot at " + width + " px");
        }
    }

    /** Every src and href is a fragment or a data: URL: the page asks the network for nothing. */
    static void assertNoExternalReference(String dom) {
        Matcher m = Pattern.compile("\\s(?:src|href|xlink:href|action)=\"([^\"]*)\"").matcher(dom);
        while (m.find()) {
            String url = m.group(1);
            assertTrue(url.startsWith("#") || url.startsWith("data:"), "external reference " + url);
        }
        assertTrue(dom.contains("default-src 'none'"), "the CSP forbids every load");
    }

    @Test
    void renderedDomHasChartsAndShowsInjectedMarkupAsText() throws Exception {
        Chromium.Output out = Chromium.run(chromium, dir, List.of("--dump-dom"), page);
        assertEquals(0, out.exitCode(), out.stderr());
        String dom = out.stdout();
        Files.writeString(dir.resolve("dom.html"), dom, StandardCharsets.UTF_8);
        assertTrue(dom.contains("<title>Plumbline report: current-run</title>"), "title unchanged (no script ran)");
        assertFalse(dom.contains("<title>pwned"), "a payload ran");
        assertTrue(dom.contains("hybrid\"&gt;&lt;img src=x onerror=\"document.title='pwned-engine'\"&gt;"),
                "the engine-name payload is shown as text");
        assertEquals(1, count(dom, "<script"), "one script element in the DOM: the page's own filter");
        assertEquals(0, count(dom, "<img"), "no img element in the DOM");
        assertTrue(dom.contains("&lt;script&gt;document.title='pwned-script'&lt;/script&gt;"),
                "the <script> payload is shown as text");
        assertTrue(dom.contains("\"&gt;&lt;img src=x onerror=\"document.title='pwned-img'\"&gt;"),
                "the img payload is shown as text");
        for (String cls : List.of("pareto", "latency", "bars")) {
            assertTrue(count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + cls + "\"") > 0,
                    "chart " + cls + " rendered");
        }
        assertTrue(count(dom, "class=\"point\"") >= 3, "one Pareto point per engine");
        assertTrue(count(dom, "class=\"curve\"") >= 3, "one latency curve per engine");
        for (String id : List.of("verdict", "gate", "comparison", "leaderboard", "pairwise", "summary", "latency",
                "metrics", "worst", "provenance")) {
            assertTrue(dom.contains("<section id=\"" + id + "\""), "section " + id);
        }
        assertTrue(dom.contains("<h3 id=\"pareto\">"), "the Pareto plot under the leaderboard");
        assertTrue(dom.contains("judge call failed: HTTP 503"), "failed item with its reason among the worst items");
    }

    @Test
    void consoleStaysSilent() throws Exception {
        Chromium.Output out = Chromium.run(chromium, dir, List.of("--dump-dom"), page);
        List<String> console = out.stderr().lines().filter(l -> l.contains("CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages: " + console);
    }

    @Test
    void screenshotForPeople() throws Exception {
        Path png = dir.resolve("report.png");
        Files.deleteIfExists(png);
        Chromium.Output out = Chromium.run(chromium, dir,
                List.of("--screenshot=" + png, "--window-size=1280,4200", "--hide-scrollbars"), page);
        assertEquals(0, out.exitCode(), out.stderr());
        assertTrue(Files.size(png) > 10_000, "a non-trivial screenshot");
    }

    static Results renameEngine(Results r, String from, String to) {
        List<EngineRun> engines = new ArrayList<>();
        for (EngineRun e : r.engines()) {
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (int i = 0; i < e.itemIds().size(); i++) {
                evidence.add(e.evidence(i));
            }
            engines.add(EngineRun.of(e.engine().equals(from) ? to : e.engine(), e.itemIds(),
                    new ArrayList<>(e.metrics().values()), e.runValues(), evidence));
        }
        return Results.of(r.runId(), r.primaryMetric(), r.statistics(), r.provenance(), engines);
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
