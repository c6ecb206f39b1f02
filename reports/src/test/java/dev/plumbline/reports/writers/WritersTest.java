package dev.plumbline.reports.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.ReportWriters;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.html.HtmlReport;
import dev.plumbline.reports.results.JsonSupport;
import dev.plumbline.reports.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WritersTest {
    @TempDir
    Path dir;

    static GateOutcome gate() {
        return Gate.evaluate(GateRulesParser.parse(Path.of("gates.yaml"), "ndcg_cut.10: max_drop 0.01\nfailed_items: max 0\n"),
                Fixtures.baseline(), "b.json", Fixtures.current(), "c.json");
    }

    @Test
    void registryFindsOneWriterPerFormat() {
        assertEquals(List.of("json", "csv", "md", "junit", "html", "allure", "allure-html", "parquet"),
                List.copyOf(ReportWriters.all().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriters.parse(List.of("html,pdf")));
        assertEquals("unknown report format 'pdf'; formats: json, csv, md, junit, html, allure, allure-html, parquet", e.getMessage());
        assertEquals(2, ReportWriters.parse(List.of("md, html", "md")).size());
    }

    @Test
    void jsonWriterDoesNotOverwriteItsSource() throws IOException {
        Path source = dir.resolve("results.json");
        dev.plumbline.reports.results.ResultsJson.write(Fixtures.baseline(), source);
        List<Path> written = ReportWriters.get("json").write(Report.of(Fixtures.baseline(), source), dir);
        assertTrue(written.isEmpty(), written.toString());
    }

    @Test
    void htmlEscapesEveryPayload() {
        String html = HtmlReport.render(new Report(Fixtures.current(), null, null, gate()));
        assertFalse(html.contains(Fixtures.SCRIPT_PAYLOAD));
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;pwned-script&#39;&lt;/script&gt;"));
        assertEquals(1, html.split("<script", -1).length - 1, "one script element: the page's own filter");
        assertTrue(html.contains("<script>" + dev.plumbline.reports.html.FilterScript.SOURCE + "</script>"),
                "the one script is the filter script, admitted by its hash");
        assertTrue(html.contains("Content-Security-Policy"));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no external reference besides the SVG namespace");
    }

    @Test
    void junitIsWellFormedWithOneCasePerRuleAndEngine() throws Exception {
        String xml = JunitReportWriter.render(new Report(Fixtures.current(), null, null, gate()));
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        assertEquals("6", ((org.w3c.dom.Element) suites.item(0)).getAttribute("tests"));
        assertEquals("2", ((org.w3c.dom.Element) suites.item(0)).getAttribute("failures"));
        assertEquals(9, doc.getElementsByTagName("testcase").getLength());
        // dense has a failed item: its engine run case fails.
        assertEquals(3, doc.getElementsByTagName("failure").getLength());
    }

    @Test
    void allureStatusTextIsEscapedBecauseAllureInsertsItAsHtml() throws IOException {
        Results r = Fixtures.renamed(Fixtures.current(), "run", e -> e,
                i -> i.equals("q12") ? "q12<img src=x onerror=alert(1)>" : i);
        Path results = new AllureReportWriter().write(new Report(r, null, null, null), dir).getFirst();
        String trace = null;
        try (Stream<Path> s = Files.list(results)) {
            for (Path p : s.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode n = JsonSupport.MAPPER.readTree(p.toFile());
                if (n.get("name").asText().equals("engine run dense")) {
                    trace = n.get("statusDetails").get("trace").asText();
                }
            }
        }
        assertEquals("q12&lt;img src=x onerror=alert(1)&gt;: faithfulness failed: judge call failed: HTTP 503 after 3 "
                + "attempts\n", trace);
    }

    @Test
    void allureResultsHaveOneResultPerEngineRunAndRuleWithAttachments() throws IOException {
        List<Path> written = new AllureReportWriter().write(new Report(Fixtures.current(), null, null, gate()), dir);
        Path results = written.getFirst();
        List<Path> files;
        try (Stream<Path> s = Files.list(results)) {
            files = s.sorted().toList();
        }
        List<Path> resultFiles = files.stream().filter(p -> p.toString().endsWith("-result.json")).toList();
        assertEquals(3 + 6, resultFiles.size());
        int failed = 0;
        int broken = 0;
        for (Path p : resultFiles) {
            JsonNode n = JsonSupport.MAPPER.readTree(p.toFile());
            String status = n.get("status").asText();
            failed += status.equals("failed") ? 1 : 0;
            broken += status.equals("broken") ? 1 : 0;
            for (JsonNode a : n.get("attachments")) {
                assertTrue(Files.exists(results.resolve(a.get("source").asText())), a.toString());
            }
            assertTrue(n.get("attachments").size() >= 2, "HTML report and plots attached");
        }
        assertEquals(2, failed, "two gate rules fail");
        assertEquals(1, broken, "dense has a failed item");
        assertTrue(Files.readString(results.resolve("environment.properties")).contains("CPU=Fixture CPU 9000"));
        // Name-based ids: writing again gives the same files.
        List<Path> again = new AllureReportWriter().write(new Report(Fixtures.current(), null, null, gate()), dir);
        try (Stream<Path> s = Files.list(again.getFirst())) {
            assertEquals(files, s.sorted().toList());
        }
    }

    @Test
    void allureHtmlRendersOfflineWithTheAllureCommandLine() throws IOException {
        String home = System.getProperty("plumbline.allure.home");
        assumeTrue(home != null && Files.isDirectory(Path.of(home, "lib")),
                "Allure command line not unpacked (the Maven build does it)");
        Results r = Fixtures.current();
        ReportWriter w = ReportWriters.get("allure-html");
        List<Path> written = w.write(new Report(r, null, null, gate()), dir);
        Path index = written.get(1);
        assertEquals(dir.resolve("allure-report").resolve("index.html"), index);
        String html = Files.readString(index);
        assertTrue(html.length() > 100_000, "single-file report with its scripts inlined");
        assertTrue(html.contains("allure"), "an Allure page");
    }
}
