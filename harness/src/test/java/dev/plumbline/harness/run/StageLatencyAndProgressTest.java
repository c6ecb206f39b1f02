package dev.plumbline.harness.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageLatencyAndProgressTest {
    @Test
    void warmUpIsCountedButNotTimed() {
        StageLatency s = new StageLatency("search");
        s.warmup();
        s.warmup();
        for (int ms = 1; ms <= 100; ms++) {
            s.record(ms * 1_000_000L, 1);
        }
        Map<String, Double> v = s.values();
        assertEquals(2.0, v.get("search.warmup"));
        assertEquals(100.0, v.get("search.calls"));
        // HdrHistogram with 3 significant digits: values are exact to 0.1% at this range.
        assertEquals(50.0, v.get("search.p50_ms"), 0.05);
        assertEquals(99.0, v.get("search.p99_ms"), 0.1);
        assertEquals(100.0, v.get("search.max_ms"), 0.1);
        assertEquals(50.5, v.get("search.mean_ms"), 0.1);
        // 100 items in 5.05 s of timed calls.
        assertEquals(100 / 5.05, v.get("search.items_per_s"), 1e-9);
    }

    @Test
    void spreadOverPasses() {
        Map<String, Double> s = Spread.of("search.spread", java.util.List.of(Map.of("pass.items_per_s", 90.0),
                Map.of("pass.items_per_s", 100.0), Map.of("pass.items_per_s", 110.0)),
                java.util.List.of("pass.items_per_s"));
        assertEquals(90.0, s.get("search.spread.items_per_s.min"));
        assertEquals(110.0, s.get("search.spread.items_per_s.max"));
        assertEquals(100.0, s.get("search.spread.items_per_s.mean"));
        assertEquals(0.1, s.get("search.spread.items_per_s.cv"), 1e-12);
        Map<String, Double> one = Spread.of("x", java.util.List.of(Map.of("pass.p50_ms", 1.0)),
                java.util.List.of("pass.p50_ms"));
        assertTrue(Double.isNaN(one.get("x.p50_ms.cv")));
    }

    @Test
    void aStageWithNoTimedCallIsUndefinedNotZero() {
        Map<String, Double> v = new StageLatency("encode_docs").values();
        assertTrue(Double.isNaN(v.get("encode_docs.p50_ms")));
        assertTrue(Double.isNaN(v.get("encode_docs.items_per_s")));
        assertEquals(0.0, v.get("encode_docs.calls"));
    }

    @Test
    void progressSaysWhatCameFromTheCacheAndIsSilentWhenQuiet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress.Task t = new Progress(err, false).start("encoding", 10);
        t.update(10);
        t.finish(10);
        Progress.Task partly = new Progress(err, false).start("encoding", 10);
        partly.update(10);
        partly.finish(4);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("plumbline: encoding: all 10 from the cache\n"), out);
        assertTrue(out.contains("plumbline: encoding 6 in ") && out.endsWith(", 4 more from the cache\n"), out);

        ByteArrayOutputStream quietBytes = new ByteArrayOutputStream();
        Progress quiet = new Progress(new PrintStream(quietBytes, true, StandardCharsets.UTF_8), true);
        quiet.note("hello");
        Progress.Task q = quiet.start("x", 1);
        q.update(1);
        q.finish(0);
        assertEquals(0, quietBytes.size());
    }
}
