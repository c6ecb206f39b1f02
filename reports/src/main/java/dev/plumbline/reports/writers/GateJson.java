package dev.plumbline.reports.writers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.Verdict;
import dev.plumbline.reports.results.JsonSupport;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The {@code gate.json} document (schema {@value GateOutcome#SCHEMA}). */
public final class GateJson {
    private GateJson() {
    }

    /** Writes the gate outcome. */
    public static void write(GateOutcome o, Writer out) throws IOException {
        try (JsonGenerator g = JsonSupport.pretty(out)) {
            g.writeStartObject();
            g.writeStringField("schema", GateOutcome.SCHEMA);
            g.writeNumberField("schemaVersion", GateOutcome.SCHEMA_VERSION);
            g.writeBooleanField("passed", o.passed());
            g.writeNumberField("exitCode", o.exitCode());
            g.writeStringField("rules", o.rulesFile());
            g.writeObjectFieldStart("baseline");
            g.writeStringField("runId", o.baselineRunId());
            g.writeStringField("file", o.baselineFile());
            g.writeEndObject();
            g.writeObjectFieldStart("current");
            g.writeStringField("runId", o.currentRunId());
            g.writeStringField("file", o.currentFile());
            g.writeEndObject();
            g.writeArrayFieldStart("verdicts");
            for (Verdict v : o.verdicts()) {
                g.writeStartObject();
                g.writeStringField("rule", v.rule().text());
                g.writeNumberField("line", v.rule().line());
                g.writeStringField("subject", v.rule().subject());
                g.writeStringField("constraint", v.rule().constraint().keyword());
                g.writeNumberField("limit", v.rule().limit());
                g.writeBooleanField("relative", v.rule().relative());
                g.writeBooleanField("significant", v.rule().significant());
                g.writeNumberField("alpha", v.rule().alpha());
                g.writeStringField("engine", v.engine());
                g.writeStringField("status", v.status().name().toLowerCase(Locale.ROOT));
                JsonSupport.number(g, "baseline", v.baseline());
                JsonSupport.number(g, "current", v.current());
                JsonSupport.number(g, "p", v.p());
                JsonSupport.number(g, "pAdjusted", v.pAdjusted());
                g.writeStringField("message", v.message());
                g.writeArrayFieldStart("notes");
                for (String n : v.notes()) {
                    g.writeString(n);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : o.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
