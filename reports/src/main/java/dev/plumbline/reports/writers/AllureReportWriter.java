package dev.plumbline.reports.writers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;
import dev.plumbline.reports.gate.Verdict;
import dev.plumbline.reports.html.HtmlReport;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.JsonSupport;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code allure}: an {@code allure-results} directory in Allure 2's result format. Each engine
 * run is a test result (broken when items failed; its aggregates as parameters) and each gate
 * verdict is one (passed, failed or skipped, with the explanation). Every result has the HTML
 * report and the charts attached; {@code environment.properties} carries the provenance.
 * Ids are name-based UUIDs, so rewriting the same report gives the same files and Allure's
 * history links runs of the same rule across builds.
 */
public final class AllureReportWriter implements ReportWriter {
    /** Aggregates listed as parameters of an engine run at most (Allure shows them in a table). */
    private static final int MAX_PARAMETERS = 60;

    @Override
    public String format() {
        return "allure";
    }

    @Override
    public String description() {
        return "allure-results/: each engine run and gate rule a test result, HTML report and plots attached";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Path out = dir.resolve("allure-results");
        Files.createDirectories(out);
        Results r = report.results();
        long start = r.provenance().startedAt().toEpochMilli();
        long stop = r.provenance().finishedAt().toEpochMilli();
        List<Attachment> attachments = new ArrayList<>();
        attachments.add(attach(out, r, "report.html", "text/html", HtmlReport.render(report)));
        for (Map.Entry<String, String> chart : HtmlReport.charts(r).entrySet()) {
            attachments.add(attach(out, r, chart.getKey(), "image/svg+xml", chart.getValue()));
        }
        for (EngineRun e : r.engines()) {
            int failed = 0;
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < e.itemIds().size(); i++) {
                for (MetricValues m : e.metrics().values()) {
                    if (m.failed(i)) {
                        failed++;
                        if (failed <= 20) {
                            why.append(e.itemIds().get(i)).append(": ").append(m.name()).append(" failed: ")
                                    .append(m.failure(i)).append('\n');
                        }
                        break;
                    }
                }
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("items", Integer.toString(e.itemIds().size()));
            for (Aggregate a : r.aggregates(e.engine()).values()) {
                if (params.size() >= MAX_PARAMETERS) {
                    break;
                }
                params.put(a.metric(), Numbers.stat(a.mean()) + (Double.isNaN(a.ciLow()) ? ""
                        : " [" + Numbers.stat(a.ciLow()) + ", " + Numbers.stat(a.ciHigh()) + "]"));
            }
            String status = failed > 0 ? "broken" : "passed";
            String message = failed > 0 ? failed + (failed == 1 ? " item failed" : " items failed") : "";
            writeResult(out, r, "run", e.engine(), "engine run " + e.engine(), status, message, why.toString(),
                    Map.of("suite", "engine runs", "subSuite", e.engine()), params, attachments, start, stop);
        }
        if (report.gate() != null) {
            for (Verdict v : report.gate().verdicts()) {
                String status = switch (v.status()) {
                    case PASS -> "passed";
                    case FAIL -> "failed";
                    case SKIPPED -> "skipped";
                };
                Map<String, String> params = new LinkedHashMap<>();
                params.put("engine", v.engine());
                params.put("baseline", Numbers.human(v.baseline()));
                params.put("current", Numbers.human(v.current()));
                if (!Double.isNaN(v.p())) {
                    params.put("p (Holm)", Numbers.pValue(v.pAdjusted()));
                }
                String trace = String.join("\n", v.notes());
                writeResult(out, r, "gate", v.engine() + "\u0000" + v.rule().text(), v.rule().text(), status,
                        v.message(), trace, Map.of("suite", "gate", "subSuite", v.engine()), params, attachments,
                        start, stop);
            }
        }
        writeEnvironment(out, r.provenance());
        return List.of(out);
    }

    private record Attachment(String name, String source, String type) {
    }

    private static Attachment attach(Path dir, Results r, String name, String type, String content) throws IOException {
        String ext = name.substring(name.lastIndexOf('.'));
        String source = uuid(r.runId(), "attachment", name) + "-attachment" + ext;
        AtomicFiles.writeString(dir.resolve(source), content);
        return new Attachment(name, source, type);
    }

    private static void writeResult(Path dir, Results r, String kind, String key, String name, String status,
                                    String message, String trace, Map<String, String> labels,
                                    Map<String, String> params, List<Attachment> attachments, long start, long stop)
            throws IOException {
        String uuid = uuid(r.runId(), kind, key);
        String fullName = "plumbline." + kind + "." + key.replace('\u0000', '.');
        AtomicFiles.write(dir.resolve(uuid + "-result.json"), w -> writeResult(w, r, uuid, fullName, name, status,
                message, trace, labels, params, attachments, start, stop));
    }

    private static void writeResult(Writer w, Results r, String uuid, String fullName, String name, String status,
                                    String message, String trace, Map<String, String> labels,
                                    Map<String, String> params, List<Attachment> attachments, long start, long stop)
            throws IOException {
        try (JsonGenerator g = JsonSupport.pretty(w)) {
            g.writeStartObject();
            g.writeStringField("uuid", uuid);
            g.writeStringField("historyId", md5(fullName));
            g.writeStringField("testCaseId", md5(fullName));
            g.writeStringField("name", name);
            g.writeStringField("fullName", fullName);
            g.writeStringField("status", status);
            g.writeObjectFieldStart("statusDetails");
            g.writeStringField("message", markupFree(message));
            g.writeStringField("trace", markupFree(trace));
            g.writeEndObject();
            g.writeStringField("stage", "finished");
            g.writeNumberField("start", start);
            g.writeNumberField("stop", stop);
            g.writeArrayFieldStart("labels");
            label(g, "parentSuite", "plumbline " + r.runId());
            for (Map.Entry<String, String> l : labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                label(g, l.getKey(), l.getValue());
            }
            label(g, "framework", "plumbline");
            g.writeEndArray();
            g.writeArrayFieldStart("parameters");
            for (Map.Entry<String, String> p : params.entrySet()) {
                g.writeStartObject();
                g.writeStringField("name", p.getKey());
                g.writeStringField("value", p.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("attachments");
            for (Attachment a : attachments) {
                g.writeStartObject();
                g.writeStringField("name", a.name());
                g.writeStringField("source", a.source());
                g.writeStringField("type", a.type());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * Text for Allure's status message and trace, which its page passes through an ANSI-to-HTML
     * converter and inserts as HTML, unescaped (Allure 2.34): an item id or engine name with
     * {@code <img onerror=...>} in a trace would run. Escaping {@code & < >} makes it text there;
     * every other field Allure shows is escaped by its templates and is written as is.
     */
    static String markupFree(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void label(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static void writeEnvironment(Path dir, Provenance p) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Plumbline", p.plumblineVersion() + " " + p.gitCommit() + (p.gitDirty() ? "-dirty" : ""));
        env.put("JVM", p.jvm().vendor() + " " + p.jvm().version());
        env.put("OS", p.os().name() + " " + p.os().version() + " " + p.os().arch());
        env.put("CPU", p.hardware().describe());
        env.put("ISA", String.join(" ", p.hardware().isaFlags()));
        env.put("Command", String.join(" ", p.command()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append(property(e.getKey())).append('=').append(property(e.getValue())).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("environment.properties"), sb.toString());
    }

    /** Escapes a .properties key or value (backslash, separators, line breaks, leading space). */
    private static String property(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case ' ' -> sb.append(i == 0 ? "\\ " : " ");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
