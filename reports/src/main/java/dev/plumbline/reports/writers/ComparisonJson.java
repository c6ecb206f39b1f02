package dev.plumbline.reports.writers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.plumbline.reports.compare.Comparison;
import dev.plumbline.reports.compare.EngineComparison;
import dev.plumbline.reports.compare.MetricComparison;
import dev.plumbline.reports.results.JsonSupport;

import java.io.IOException;
import java.io.Writer;

/** The {@code compare.json} document (schema {@value Comparison#SCHEMA}). */
public final class ComparisonJson {
    private ComparisonJson() {
    }

    /** Writes the comparison. */
    public static void write(Comparison c, Writer out) throws IOException {
        try (JsonGenerator g = JsonSupport.pretty(out)) {
            g.writeStartObject();
            g.writeStringField("schema", Comparison.SCHEMA);
            g.writeNumberField("schemaVersion", Comparison.SCHEMA_VERSION);
            g.writeObjectFieldStart("baseline");
            g.writeStringField("runId", c.baselineRunId());
            g.writeStringField("file", c.baselineFile());
            g.writeEndObject();
            g.writeObjectFieldStart("current");
            g.writeStringField("runId", c.currentRunId());
            g.writeStringField("file", c.currentFile());
            g.writeEndObject();
            g.writeNumberField("alpha", c.alpha());
            g.writeObjectFieldStart("statistics");
            g.writeNumberField("seed", c.statistics().seed());
            g.writeNumberField("bootstrapSamples", c.statistics().bootstrapSamples());
            g.writeNumberField("confidence", c.statistics().confidence());
            g.writeNumberField("permutations", c.statistics().permutations());
            g.writeStringField("test", "paired randomization (sign flip), Holm-Bonferroni per engine");
            g.writeStringField("interval", "paired percentile bootstrap of the mean difference");
            g.writeEndObject();
            g.writeArrayFieldStart("engines");
            for (EngineComparison e : c.engines()) {
                g.writeStartObject();
                g.writeStringField("baselineEngine", e.baselineEngine());
                g.writeStringField("currentEngine", e.currentEngine());
                g.writeNumberField("commonItems", e.commonItems());
                g.writeNumberField("onlyBaseline", e.onlyBaseline());
                g.writeNumberField("onlyCurrent", e.onlyCurrent());
                g.writeNumberField("tested", e.tested());
                g.writeArrayFieldStart("metrics");
                for (MetricComparison m : e.metrics()) {
                    g.writeStartObject();
                    g.writeStringField("metric", m.metric());
                    g.writeStringField("direction", m.direction().json());
                    g.writeNumberField("paired", m.paired());
                    g.writeNumberField("notDefined", m.notDefined());
                    JsonSupport.number(g, "baselineMean", m.baselineMean());
                    JsonSupport.number(g, "currentMean", m.currentMean());
                    JsonSupport.number(g, "difference", m.difference());
                    JsonSupport.number(g, "ciLow", m.ciLow());
                    JsonSupport.number(g, "ciHigh", m.ciHigh());
                    JsonSupport.number(g, "p", m.p());
                    JsonSupport.number(g, "pAdjusted", m.pAdjusted());
                    g.writeBooleanField("significant", m.significant());
                    g.writeStringField("verdict", m.verdict());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : c.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
