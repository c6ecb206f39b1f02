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
        assertEquals(0, count(dom, "<script"), "no script element in the DOM");
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
        for (String id : List.of("gate", "comparison", "summary", "pareto", "latency", "metrics", "worst", "provenance")) {
            assertTrue(dom.contains("<section id=\"" + id + "\""), "section " + id);
        }
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
