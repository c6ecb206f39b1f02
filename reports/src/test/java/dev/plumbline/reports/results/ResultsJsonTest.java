package dev.plumbline.reports.results;

import dev.plumbline.reports.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsJsonTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryValueFailureAndAggregate() {
        Results original = Fixtures.current();
        Path file = dir.resolve("run.json");
        List<Path> written = ResultsJson.write(original, file);
        assertEquals(List.of(file, dir.resolve("run.items.jsonl")), written);
        Results back = ResultsJson.read(file);
        assertEquals(original.runId(), back.runId());
        assertEquals(original.provenance(), back.provenance());
        assertEquals(original.statistics(), back.statistics());
        assertEquals(original.metrics(), back.metrics());
        for (EngineRun e : original.engines()) {
            EngineRun b = back.engine(e.engine());
            assertEquals(e.itemIds(), b.itemIds());
            assertEquals(e.runValues(), b.runValues());
            for (MetricValues m : e.metrics().values()) {
                MetricValues bm = b.metric(m.name());
                for (int i = 0; i < m.size(); i++) {
                    assertEquals(Double.doubleToLongBits(m.value(i)), Double.doubleToLongBits(bm.value(i)),
                            e.engine() + " " + m.name() + " " + i);
                    assertEquals(m.failure(i), bm.failure(i));
                }
                assertEquals(original.aggregate(e.engine(), m.name()), back.aggregate(e.engine(), m.name()));
            }
            for (int i = 0; i < e.itemIds().size(); i++) {
                assertEquals(e.evidence(i).toString(), b.evidence(i).toString());
            }
        }
        // Same document written again is byte-identical.
        assertEquals(ResultsJson.documentString(original, "run.items.jsonl"), ResultsJson.documentString(back, "run.items.jsonl"));
        assertEquals(ResultsJson.itemsString(original), ResultsJson.itemsString(back));
    }

    /** The process peak is recorded once per run, in provenance; unknown stays unknown (left out, read as NaN). */
    @Test
    void processPeakRssRoundTripsInProvenanceAndUnknownIsLeftOut() {
        Results r = Fixtures.current();
        assertTrue(Double.isNaN(r.provenance().peakRssBytes()));
        assertTrue(!ResultsJson.documentString(r, "x.jsonl").contains("peakRssBytes"));
        var p = r.provenance();
        Results withPeak = Results.of(r.runId(), r.primaryMetric(), r.statistics(),
                new dev.plumbline.reports.provenance.Provenance(p.plumblineVersion(), p.gitCommit(), p.gitDirty(),
                        p.jvm(), p.os(), p.hardware(), p.threads(), p.engines(), p.datasets(), p.judge(), p.seeds(),
                        p.startedAt(), p.finishedAt(), p.command(), p.experimentFile(), 1_448_083_456.0),
                r.engines());
        Path file = dir.resolve("peak.json");
        ResultsJson.write(withPeak, file);
        assertEquals(1_448_083_456.0, ResultsJson.read(file).provenance().peakRssBytes());
    }

    @Test
    void aggregatesCountUndefinedAndFailedAndNeverAverageThemIn() {
        Results r = Fixtures.current();
        Aggregate a = r.aggregate("dense", "faithfulness");
        assertEquals(30, a.count());
        assertEquals(28, a.defined());
        assertEquals(1, a.undefined());
        assertEquals(1, a.failed());
        double sum = 0;
        MetricValues m = r.engine("dense").metric("faithfulness");
        for (int i = 0; i < m.size(); i++) {
            if (!Double.isNaN(m.value(i))) {
                sum += m.value(i);
            }
        }
        assertEquals(sum / 28, a.mean(), 1e-15);
        assertTrue(a.ciLow() <= a.mean() && a.mean() <= a.ciHigh());
        Aggregate latency = r.aggregate("bm25", "latency");
        assertEquals(List.of("p50", "p90", "p99", "p99.9"), List.copyOf(latency.percentiles().keySet()));
        assertTrue(r.aggregate("bm25", "ndcg_cut_10").percentiles().isEmpty());
    }

    @Test
    void itemLineWithoutAValueNamesFileLineAndFix() throws IOException {
        Path file = dir.resolve("r.json");
        ResultsJson.write(Fixtures.baseline(), file);
        Path items = dir.resolve("r.items.jsonl");
        List<String> lines = Files.readAllLines(items);
        lines.set(4, lines.get(4).replace("\"recall_100\":", "\"recall_1000\":"));
        Files.write(items, lines);
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file));
        assertTrue(e.getMessage().startsWith(items + ":5: item q05 has no value for metric recall_100"), e.getMessage());
    }

    @Test
    void wrongSchemaVersionAndMissingItemsFileAreExplained() throws IOException {
        Path file = dir.resolve("r.json");
        ResultsJson.write(Fixtures.baseline(), file);
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"schemaVersion\": 1", "\"schemaVersion\": 9"));
        ResultsFormatException v = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file));
        assertTrue(v.getMessage().contains("schemaVersion: version 9 is not supported"), v.getMessage());
        Files.writeString(file, json);
        Files.delete(dir.resolve("r.items.jsonl"));
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> ResultsJson.read(file));
        assertTrue(missing.getMessage().contains("r.items.jsonl: cannot read: no such file"), missing.getMessage());
        Files.writeString(file, "{\"schema\": \"something else\"}");
        ResultsFormatException schema = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file));
        assertTrue(schema.getMessage().contains("expected \"plumbline.results\""), schema.getMessage());
        Files.writeString(file, "{\n  \"schema\": \n");
        ResultsFormatException syntax = assertThrows(ResultsFormatException.class, () -> ResultsJson.read(file));
        assertTrue(syntax.getMessage().startsWith(file + ":3: not valid JSON"), syntax.getMessage());
    }

    @Test
    void builderNamesAMissingValue() {
        EngineRun.Builder b = EngineRun.builder("e").metric(MetricInfo.score("m", ""));
        b.item("q1").value("m", 0.5);
        b.item("q2");
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("item q2 has no value for metric m; call value(), undefined() or failed() for it", e.getMessage());
    }

    @Test
    void failedValuesMustBeNaNAndInfinityIsRejected() {
        MetricInfo info = MetricInfo.score("m", "");
        assertThrows(IllegalArgumentException.class,
                () -> new MetricValues(info, new double[] {0.5}, new String[] {"boom"}));
        assertThrows(IllegalArgumentException.class,
                () -> new MetricValues(info, new double[] {Double.POSITIVE_INFINITY}, new String[] {null}));
    }

    @Test
    void latencyColumnsJoinAnExistingRun() {
        EngineRun.Builder b = EngineRun.builder("e").metric(MetricInfo.score("a", ""));
        b.item("q1").value("a", 0.5);
        b.item("q2").value("a", 0.7);
        EngineRun run = b.build().withMetrics(List.of(new MetricValues(MetricInfo.latencyMillis("latency", ""),
                new double[] {3.5, 4.0}, new String[2])));
        assertEquals(List.of("a", "latency"), List.copyOf(run.metrics().keySet()));
        assertThrows(IllegalArgumentException.class, () -> run.withMetrics(List.of(new MetricValues(
                MetricInfo.score("b", ""), new double[] {1}, new String[1]))));
    }

    @Test
    void failedOrUndefinedItemsCountsItemsNotValues() {
        EngineRun.Builder b = EngineRun.builder("e").metric(MetricInfo.score("a", "")).metric(MetricInfo.score("b", ""));
        b.item("q1").undefined("a").failed("b", "x");
        b.item("q2").value("a", 1).value("b", 1);
        b.item("q3").value("a", 1).undefined("b");
        assertEquals(2, b.build().failedOrUndefinedItems());
    }
}
