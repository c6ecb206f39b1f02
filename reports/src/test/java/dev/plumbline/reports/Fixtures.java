package dev.plumbline.reports;

import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Hardware;
import dev.plumbline.reports.provenance.JudgeIdentity;
import dev.plumbline.reports.provenance.JvmInfo;
import dev.plumbline.reports.provenance.OsInfo;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.Direction;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.StatisticsConfig;
import dev.plumbline.reports.stats.SplitMix64;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Deterministic results for tests: three engines × 30 items with two IR scores, a RAG score
 * with undefined and failed items, a latency and a count. Values come from a seeded SplitMix64
 * and are rounded to four decimals. Item q03's evidence carries HTML injection payloads.
 */
public final class Fixtures {
    /** Text that must render as text, never as markup. */
    public static final String SCRIPT_PAYLOAD = "<script>document.title='pwned-script'</script>";
    /** An attribute-breaking payload. */
    public static final String IMG_PAYLOAD = "\"><img src=x onerror=\"document.title='pwned-img'\">";
    /** Number of items per engine. */
    public static final int ITEMS = 30;

    private Fixtures() {
    }

    /** The baseline: bm25, dense and hybrid. */
    public static Results baseline() {
        return results("baseline-run", 0.0, hardware("Fixture CPU 9000", 8), 11);
    }

    /**
     * The current run: bm25's nDCG drops by about 0.08 and its latency rises by about 30 %;
     * dense and hybrid are unchanged apart from noise from another seed.
     */
    public static Results current() {
        return results("current-run", 0.08, hardware("Fixture CPU 9000", 8), 22);
    }

    /** Like {@link #current()} but recorded on other hardware. */
    public static Results currentOnOtherHardware() {
        return results("current-run", 0.08, hardware("Other CPU 1", 4), 22);
    }

    /** {@code r} with its run, engines and items renamed; values, evidence and provenance kept. */
    public static Results renamed(Results r, String runId, UnaryOperator<String> engine, UnaryOperator<String> item) {
        List<EngineRun> engines = new ArrayList<>();
        for (EngineRun e : r.engines()) {
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (int i = 0; i < e.itemIds().size(); i++) {
                evidence.add(e.evidence(i));
            }
            engines.add(EngineRun.of(engine.apply(e.engine()), e.itemIds().stream().map(item).toList(),
                    new ArrayList<>(e.metrics().values()), e.runValues(), evidence));
        }
        return Results.of(runId, r.primaryMetric(), r.statistics(), r.provenance(), engines);
    }

    /** {@code r} with these dataset fingerprints in its provenance instead of its own. */
    public static Results withDatasets(Results r, DatasetFingerprint... datasets) {
        Provenance p = r.provenance();
        Provenance q = new Provenance(p.plumblineVersion(), p.gitCommit(), p.gitDirty(), p.jvm(), p.os(), p.hardware(),
                p.threads(), p.engines(), List.of(datasets), p.judge(), p.seeds(), p.startedAt(), p.finishedAt(),
                p.command(), p.experimentFile(), p.peakRssBytes());
        return Results.of(r.runId(), r.primaryMetric(), r.statistics(), q, r.engines());
    }

    static Hardware hardware(String model, int cpus) {
        return new Hardware(model, cpus, List.of("avx2", "fma", "sse4_2"), 16L << 30);
    }

    static Results results(String runId, double bm25Drop, Hardware hw, long noiseSeed) {
        List<EngineRun> engines = List.of(
                engine("bm25", 0.42 - bm25Drop, 0.70, 3.0 * (1 + bm25Drop * 3.75), noiseSeed, false),
                engine("dense", 0.50, 0.80, 12.0, noiseSeed + 1, true),
                engine("hybrid", 0.53, 0.84, 15.0, noiseSeed + 2, false));
        Provenance p = Provenance.builder()
                .plumbline("0.1.0-TEST", "0123456789ab-dirty")
                .host(new JvmInfo("Fixture Vendor", "25+36", "Fixture VM", List.of("-Xmx2g", "-XX:+UseSerialGC")),
                        new OsInfo("Linux", "6.1.0", "amd64"), hw)
                .threads("evaluation", 3)
                .engine(EngineIdentity.named("bm25", Map.of("k1", "0.9", "b", "0.4")))
                .engine(new EngineIdentity("dense", "simd", "", "", "models/e5-small.onnx", "ab".repeat(32), Map.of()))
                .engine(new EngineIdentity("hybrid", "native", "int8", "cd".repeat(32), "models/e5-small.onnx",
                        "ab".repeat(32), Map.of("alpha", "0.5")))
                .dataset(new DatasetFingerprint("fixture", "fixture/queries.jsonl", "ef".repeat(32),
                        Map.of("queries", (long) ITEMS)))
                .judge(new JudgeIdentity("local", "", "v1", Map.of()))
                .seed("bootstrap", 42)
                .startedAt(Instant.parse("2025-03-01T10:00:00Z"))
                .finishedAt(Instant.parse("2025-03-01T10:02:05Z"))
                .command(List.of("plumbline", "run", "fixture.yaml"))
                .experimentFile("fixture.yaml")
                .build();
        return Results.of(runId, "ndcg_cut_10", StatisticsConfig.DEFAULTS, p, engines);
    }

    private static EngineRun engine(String name, double ndcg, double recall, double latencyMs, long seed,
                                    boolean withProblems) {
        SplitMix64 rnd = new SplitMix64(seed);
        EngineRun.Builder b = EngineRun.builder(name)
                .metric(MetricInfo.score("ndcg_cut_10", "nDCG at 10"))
                .metric(MetricInfo.score("recall_100", "recall at 100"))
                .metric(MetricInfo.score("faithfulness", "supported claims / claims"))
                .metric(MetricInfo.latencyMillis("latency", "query latency"))
                .metric(new MetricInfo("num_ret", Direction.NEUTRAL, "", false, "documents retrieved"))
                .runValue("num_q", ITEMS);
        for (int i = 1; i <= ITEMS; i++) {
            String id = String.format(java.util.Locale.ROOT, "q%02d", i);
            EngineRun.ItemBuilder item = b.item(id);
            // q03 carries the injection payloads; it misses completely so every report shows it among the worst.
            double nd = clamp(ndcg + (uniform(rnd) - 0.5) * 0.5);
            item.value("ndcg_cut_10", i == 3 ? 0.0 : nd);
            item.value("recall_100", clamp(recall + (uniform(rnd) - 0.5) * 0.3));
            if (withProblems && i == 7) {
                item.undefined("faithfulness");
            } else if (withProblems && i == 12) {
                item.failed("faithfulness", "judge call failed: HTTP 503 after 3 attempts");
            } else {
                item.value("faithfulness", clamp(0.9 + (uniform(rnd) - 0.5) * 0.2));
            }
            // A long-tailed latency: mostly near the typical value, a few items several times slower.
            double tail = uniform(rnd) > 0.9 ? 3 + 4 * uniform(rnd) : 1;
            item.value("latency", round(latencyMs * (0.8 + 0.4 * uniform(rnd)) * tail));
            item.value("num_ret", 100);
            item.evidence(evidence(id, i));
        }
        return b.build();
    }

    private static Map<String, Object> evidence(String id, int i) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("question", i == 3 ? "Is aspirin safe? " + SCRIPT_PAYLOAD : "Question " + id + " about statins?");
        ev.put("answer", i == 3 ? "Yes" + IMG_PAYLOAD : "An answer, with a comma and \"quotes\".");
        List<Object> claims = new ArrayList<>();
        claims.add(ordered("claim", "claim one of " + id, "verdict", "supported"));
        claims.add(ordered("claim", i == 3 ? IMG_PAYLOAD : "claim two", "verdict", "unsupported"));
        ev.put("claims", claims);
        ev.put("contexts", List.of("context <b>one</b> & more", "context two"));
        return ev;
    }

    /** A map in the given key order (Map.of's order changes from JVM to JVM). */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /**
     * Results with the texts reports show: three retrieval configurations on one dataset whose
     * items carry the query, the top ranks with grades and snippets and the relevant documents
     * missed, and a judge cell over 20 labelled samples (half hallucinated, two types) with claims,
     * verdicts, scores, the sentence each rests on and the judge's detection; two samples are
     * misclassified. Query q03, document d2 and sample s03 carry injection payloads.
     */
    public static Results withTexts() {
        List<EngineRun> engines = new ArrayList<>();
        engines.add(retrieval("bm25", 0.34, 3.0, 101));
        engines.add(retrieval("dense", 0.50, 12.0, 102));
        engines.add(retrieval("hybrid", 0.53, 15.0, 103));
        engines.add(judge());
        Provenance.Builder pb = Provenance.builder()
                .plumbline("0.1.0-TEST", "0123456789ab")
                .host(new JvmInfo("Fixture Vendor", "25+36", "Fixture VM", List.of("-Xmx2g")),
                        new OsInfo("Linux", "6.1.0", "amd64"), hardware("Fixture CPU 9000", 8))
                .threads("evaluation", 3)
                .dataset(new DatasetFingerprint("fixture", "fixture/queries.jsonl", "ef".repeat(32),
                        Map.of("queries", (long) ITEMS)))
                .judge(new JudgeIdentity("local", "", "v1", Map.of()))
                .seed("bootstrap", 42)
                .startedAt(Instant.parse("2025-03-01T10:00:00Z"))
                .finishedAt(Instant.parse("2025-03-01T10:02:05Z"))
                .command(List.of("plumbline", "run", "fixture.yaml"))
                .experimentFile("fixture.yaml");
        for (String e : List.of("bm25", "dense", "hybrid")) {
            pb.engine(new EngineIdentity(e, "simd", "", "", "", "", Map.of("dataset", "builtin:fixture",
                    "configuration", e)));
        }
        return Results.of("texts-run", "ndcg_cut_10", StatisticsConfig.DEFAULTS, pb.build(), engines);
    }

    private static EngineRun retrieval(String name, double ndcg, double latencyMs, long seed) {
        SplitMix64 rnd = new SplitMix64(seed);
        EngineRun.Builder b = EngineRun.builder(name)
                .metric(MetricInfo.score("ndcg_cut_10", "nDCG at 10"))
                .metric(MetricInfo.score("recall_100", "recall at 100"))
                .metric(MetricInfo.latencyMillis("latency", "query latency"))
                .runValue("num_q", ITEMS)
                .runValue("memory.index_bytes", 3 << 20)
                .runValue("encode_docs.p50_ms", Double.NaN);
        for (int i = 1; i <= ITEMS; i++) {
            String id = String.format(java.util.Locale.ROOT, "q%02d", i);
            EngineRun.ItemBuilder item = b.item(id);
            // The same per-query offset for every configuration, so differences between them are systematic.
            double base = (i % 7) / 7.0 - 0.4;
            item.value("ndcg_cut_10", i == 3 ? 0.0 : clamp(ndcg + base * 0.4 + (uniform(rnd) - 0.5) * 0.05));
            item.value("recall_100", clamp(0.7 + base * 0.3));
            item.value("latency", round(latencyMs * (0.8 + 0.4 * uniform(rnd))));
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("query", i == 3 ? "aspirin and statins " + SCRIPT_PAYLOAD : "what do statins do, question " + id);
            List<Object> top = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("rank", r);
                doc.put("docno", "d" + (r + i % 3));
                doc.put("score", round(1.0 / r));
                doc.put("relevance", r == 1 ? (Object) 2L : "unjudged");
                doc.put("snippet", r + i % 3 == 2 ? "Passage two " + IMG_PAYLOAD
                        : "Statins lower cholesterol; passage " + (r + i % 3) + ".");
                top.add(doc);
            }
            ev.put("retrieved", top);
            ev.put("retrievedCount", 100);
            ev.put("relevantJudged", i % 4 == 0 ? 2 : 1);
            List<Object> missed = new ArrayList<>();
            if (i % 4 == 0) {
                missed.add(ordered("docno", "d9", "relevance", 1L));
            }
            ev.put("relevantNotInTop10", missed);
            item.evidence(ev);
        }
        return b.build();
    }

    private static EngineRun judge() {
        SplitMix64 rnd = new SplitMix64(7);
        EngineRun.Builder b = EngineRun.builder("judge-local")
                .metric(MetricInfo.score("faithfulness", "supported claims / claims"))
                .metric(MetricInfo.latencyMillis("latency", "query latency"))
                .runValue("judge.items_per_s", 61.5);
        for (int i = 1; i <= 20; i++) {
            String id = String.format(java.util.Locale.ROOT, "s%02d", i);
            boolean hallucinated = i % 2 == 0;
            // s04 is a missed hallucination, s05 a false alarm: the drill-down must put them first.
            boolean flagged = i == 4 ? false : i == 5 || hallucinated;
            double score = flagged ? 0.6 + 0.02 * i : 0.1 + 0.01 * i;
            String context = i == 3 ? "Haskmere lies on the Bromen. " + IMG_PAYLOAD : "Haskmere lies on the Bromen. It has 12,000 people.";
            String answer = hallucinated ? "Haskmere lies on the Vell. It has 12,000 people." : "Haskmere lies on the Bromen.";
            List<Object> claims = new ArrayList<>();
            Map<String, Object> c1 = new LinkedHashMap<>();
            c1.put("claim", hallucinated ? "Haskmere lies on the Vell." : "Haskmere lies on the Bromen.");
            c1.put("verdict", flagged ? "unsupported" : "supported");
            c1.put("score", round(1 - score));
            c1.put("context", flagged ? null : 1);
            c1.put("sentence", "Haskmere lies on the Bromen.");
            c1.put("reason", flagged ? "entity vell not in any context" : "all content words found");
            claims.add(c1);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("question", i == 3 ? "Which river? " + SCRIPT_PAYLOAD : "Which river does Haskmere lie on?");
            ev.put("answer", answer);
            ev.put("contexts", List.of(context));
            ev.put("claims", claims);
            ev.put("label", hallucinated ? "hallucinated" : "faithful");
            if (hallucinated) {
                ev.put("hallucinationType", i % 4 == 0 ? "swapped_entity" : "changed_number");
            }
            ev.put("detection", ordered("score", score, "flagged", flagged));
            EngineRun.ItemBuilder item = b.item(id).evidence(ev);
            item.value("faithfulness", flagged ? 0.0 : 1.0);
            item.value("latency", round(14 * (0.8 + 0.4 * uniform(rnd))));
        }
        return b.build();
    }

    private static double uniform(SplitMix64 rnd) {
        return (rnd.nextLong() >>> 11) * 0x1.0p-53;
    }

    private static double clamp(double v) {
        return round(Math.min(1, Math.max(0, v)));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
