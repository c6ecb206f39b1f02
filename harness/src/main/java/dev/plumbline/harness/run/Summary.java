package dev.plumbline.harness.run;

import dev.plumbline.reports.compare.InRunComparisons;
import dev.plumbline.reports.compare.Verdicts;
import dev.plumbline.reports.hallucination.DetectionQuality;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short terminal summary of a run: the verdict first, then one row per retrieval cell (quality, speed, memory) and one
 * per judge cell (RAG metric means with their undefined and failed counts). A title line says
 * what was timed and on which machine, every column names its unit, and notes under the table
 * define the memory columns. Undefined figures print as {@code -}.
 */
public final class Summary {
    private static final double MIB = 1 << 20;

    private Summary() {
    }

    /**
     * The verdict lines of a run (one per pair of retrieval configurations that matters), each
     * prefixed {@code verdict: }; empty when no dataset has two configurations.
     */
    public static List<String> verdict(Results r) {
        return Verdicts.of(r, InRunComparisons.of(r)).stream().map(l -> "verdict: " + l.text()).toList();
    }

    /** Prints the verdict, then the tables. */
    public static void print(Results r, PrintStream out) {
        List<String> verdict = verdict(r);
        if (!verdict.isEmpty()) {
            verdict.forEach(out::println);
            out.println("(paired randomization test on the same queries, p Holm-adjusted across pairs; Δ = first − second)");
            out.println();
        }
        List<String[]> retrieval = new ArrayList<>();
        List<String[]> judging = new ArrayList<>();
        List<String[]> endToEnd = new ArrayList<>();
        boolean anyCached = false;
        boolean anyMeasured = false;
        boolean anyMissing = false;
        long warmTexts = 0;
        long warmQueries = 0;
        for (EngineRun e : r.engines()) {
            // Every retrieval cell times its queries; BM25 cells have no encoder, so no encode_docs values.
            if (e.runValues().containsKey("query.calls")) {
                anyCached |= encodedNothing(e);
                anyMeasured |= !Double.isNaN(value(e, "memory.native_rss_growth_bytes"));
                warmTexts = Math.max(warmTexts, (long) orZero(value(e, "encode_docs.warmup")));
                warmQueries = Math.max(warmQueries, (long) orZero(value(e, "query.warmup")));
                retrieval.add(new String[] {e.engine(), threads(r, e), Integer.toString(e.itemIds().size()),
                        mean(r, e, "ndcg_cut_10"), mean(r, e, "recall_100"), mean(r, e, "recip_rank"),
                        rate(e, "encode_docs.items_per_s"), rate(e, "encode_docs.tokens_per_s"),
                        num(e, "query.p50_ms", 1, "%.2f"), num(e, "query.p99_ms", 1, "%.2f"),
                        num(e, "search.p50_ms", 1, "%.3f"), num(e, "memory.index_bytes", MIB, "%.1f"),
                        engineMemory(e), num(e, "memory.heap_peak_bytes", MIB, "%.0f"),
                        num(e, "memory.rss_growth_bytes", MIB, "%.0f")});
            } else if (e.metrics().containsKey(RagCell.HALLUCINATED)) {
                endToEnd.add(new String[] {e.engine(), Integer.toString(e.itemIds().size()),
                        interval(r, e, RagCell.HALLUCINATED), rag(r, e, "faithfulness"), rag(r, e, "answer_relevance"),
                        rag(r, e, "context_precision"), rag(r, e, "context_recall"),
                        num(e, "generate.failed", 1, "%.0f"), num(e, "generate.p50_ms", 1, "%.2f")});
            } else {
                String[] row = {e.engine(), Integer.toString(e.itemIds().size()),
                        rag(r, e, "faithfulness"), rag(r, e, "answer_relevance"), rag(r, e, "context_precision"),
                        rag(r, e, "context_recall"), num(e, "judge.items_per_s", 1, "%.0f")};
                for (String cell : row) {
                    anyMissing |= cell.endsWith("]");
                }
                judging.add(row);
            }
        }
        String machine = r.provenance().hardware().describe();
        if (!retrieval.isEmpty()) {
            out.println("Retrieval on " + machine + ", timed after warm-up (" + (warmTexts > 0 ? warmTexts
                    + " texts encoded and " : "") + warmQueries + " queries run untimed first): docs/s and tok/s"
                    + " encode the corpus in batches; query ms is one query per call, encoding + search");
            table(out, new String[] {"retrieval", "threads", "queries", "nDCG@10", "R@100", "MRR", "docs/s", "tok/s",
                    "query p50 ms", "query p99 ms", "search p50 ms", "index MiB", "engine MiB", "heap MiB",
                    "RSS+ MiB"}, retrieval);
            if (anyCached) {
                out.println("cached: the corpus vectors came from the embedding cache, so its encoding was not timed"
                        + " (--no-cache, or cache: false, times it)");
            }
            out.println("engine MiB: model weights + work buffers, exact bytes" + (anyMeasured
                    ? "; ~ marks resident-set growth across the engine's creation and first batch (memory its library"
                    + " allocates out of sight)" : "") + "; heap MiB: JVM heap peak during the cell; RSS+ MiB: the"
                    + " cell's own growth of the resident set");
        }
        if (!judging.isEmpty()) {
            if (!retrieval.isEmpty()) {
                out.println();
            }
            table(out, new String[] {"RAG judge", "samples", "faithfulness", "answer_rel", "ctx_precision",
                    "ctx_recall", "samples/s"}, judging);
            out.println(anyMissing ? "(mean; [n] counts the samples whose value was undefined or failed, never"
                    + " averaged as 0)" : "(mean over all samples; none undefined or failed)");
            // The judge's own detection quality on labelled samples: the reference point for its scores.
            for (EngineRun e : r.engines()) {
                DetectionQuality q = DetectionQuality.of(e);
                if (q != null) {
                    out.printf(Locale.ROOT, "%s as a hallucination detector on %d labelled samples: AUROC %.3f,"
                                    + " balanced accuracy %.3f; caught %d of %d hallucinations, %d false alarm%s on %d"
                                    + " faithful%n", e.engine(), q.scores().n(), q.scores().auroc(),
                            q.scores().balancedAccuracy(), q.truePositives(), q.truePositives() + q.falseNegatives(),
                            q.falsePositives(), q.falsePositives() == 1 ? "" : "s",
                            q.falsePositives() + q.trueNegatives());
                }
            }
        }
        if (!endToEnd.isEmpty()) {
            out.println();
            out.println("End to end: each retrieval cell's own top contexts -> generator -> judge; hallucination rate ="
                    + " share of answers with at least one unsupported claim [95% bootstrap CI]");
            table(out, new String[] {"RAG cell", "queries", "hallucination", "faithfulness", "answer_rel",
                    "ctx_precision", "ctx_recall", "gen failed", "gen p50 ms"}, endToEnd);
        }
        double peak = r.provenance().peakRssBytes();
        if (!Double.isNaN(peak)) {
            out.printf(Locale.ROOT, "process peak RSS (VmHWM): %.0f MiB%n", peak / MIB);
        }
    }

    /**
     * Weights + scratch, exact, where the engine counts them; otherwise {@code ~} and the
     * resident-set growth its library caused, so no engine that ran shows nothing.
     */
    private static String engineMemory(EngineRun e) {
        double weights = value(e, "memory.weight_bytes");
        if (!Double.isNaN(weights)) {
            return String.format(Locale.ROOT, "%.1f", (weights + orZero(value(e, "memory.scratch_bytes"))) / MIB);
        }
        double growth = value(e, "memory.native_rss_growth_bytes");
        return Double.isNaN(growth) ? "-" : String.format(Locale.ROOT, "~%.1f", growth / MIB);
    }

    private static String threads(Results r, EngineRun e) {
        EngineIdentity id = r.provenance().engine(e.engine());
        String t = id == null ? null : id.details().get("threads");
        return t == null ? "-" : t;
    }

    private static String mean(Results r, EngineRun e, String metric) {
        Aggregate a = r.aggregate(e.engine(), metric);
        return a == null || Double.isNaN(a.mean()) ? "-" : String.format(Locale.ROOT, "%.4f", a.mean());
    }

    private static String rag(Results r, EngineRun e, String metric) {
        Aggregate a = r.aggregate(e.engine(), metric);
        if (a == null) {
            return "-";
        }
        String m = Double.isNaN(a.mean()) ? "-" : String.format(Locale.ROOT, "%.3f", a.mean());
        int missing = a.undefined() + a.failed();
        return missing == 0 ? m : m + " [" + missing + "]";
    }

    /** The mean with its bootstrap interval, and the count of undefined or failed items. */
    private static String interval(Results r, EngineRun e, String metric) {
        Aggregate a = r.aggregate(e.engine(), metric);
        if (a == null || Double.isNaN(a.mean())) {
            return "-";
        }
        String m = String.format(Locale.ROOT, "%.3f", a.mean()) + (Double.isNaN(a.ciLow()) ? ""
                : String.format(Locale.ROOT, " [%.3f, %.3f]", a.ciLow(), a.ciHigh()));
        int missing = a.undefined() + a.failed();
        return missing == 0 ? m : m + " (" + missing + " u/f)";
    }

    /** Whether the cache held the whole corpus, so the engine encoded none of it. */
    private static boolean encodedNothing(EngineRun e) {
        Double calls = e.runValues().get("encode_docs.calls");
        return calls != null && calls == 0;
    }

    /** A corpus encoding rate, or {@code cached} when the embedding cache held it all. */
    private static String rate(EngineRun e, String key) {
        return encodedNothing(e) ? "cached" : num(e, key, 1, "%.0f");
    }

    private static double value(EngineRun e, String key) {
        Double v = e.runValues().get(key);
        return v == null ? Double.NaN : v;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String num(EngineRun e, String key, double divisor, String format) {
        double v = value(e, key);
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v / divisor);
    }

    private static void table(PrintStream out, String[] header, List<String[]> rows) {
        int[] w = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            w[c] = header[c].length();
            for (String[] row : rows) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        print(out, header, w);
        for (String[] row : rows) {
            print(out, row, w);
        }
    }

    private static void print(PrintStream out, String[] row, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            if (c == 0) {
                sb.append(String.format(Locale.ROOT, "%-" + w[c] + "s", row[c]));
            } else {
                sb.append("  ").append(String.format(Locale.ROOT, "%" + w[c] + "s", row[c]));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
