package dev.plumbline.harness.run;

import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short terminal summary of a run: one row per retrieval cell (quality, speed, memory) and one
 * per judge cell (RAG metric means with their undefined and failed counts). Undefined figures
 * print as {@code -}.
 */
public final class Summary {
    private Summary() {
    }

    /** Prints the tables. */
    public static void print(Results r, PrintStream out) {
        List<String[]> retrieval = new ArrayList<>();
        List<String[]> judging = new ArrayList<>();
        for (EngineRun e : r.engines()) {
            if (e.runValues().containsKey("encode_docs.calls")) {
                retrieval.add(new String[] {e.engine(), Integer.toString(e.itemIds().size()),
                        mean(r, e, "ndcg_cut_10"), mean(r, e, "recall_100"), mean(r, e, "recip_rank"),
                        encodeRate(e), num(e, "search.p50_ms", 1, "%.3f"),
                        num(e, "search.p99_ms", 1, "%.3f"), num(e, "memory.index_bytes", 1 << 20, "%.1f"),
                        num(e, "memory.weight_bytes", 1 << 20, "%.1f"), num(e, "memory.heap_peak_bytes", 1 << 20, "%.0f")});
            } else {
                judging.add(new String[] {e.engine(), Integer.toString(e.itemIds().size()),
                        rag(r, e, "faithfulness"), rag(r, e, "answer_relevance"), rag(r, e, "context_precision"),
                        rag(r, e, "context_recall"), num(e, "judge.items_per_s", 1, "%.0f")});
            }
        }
        if (!retrieval.isEmpty()) {
            table(out, new String[] {"retrieval", "queries", "nDCG@10", "R@100", "MRR", "docs/s", "p50 ms", "p99 ms",
                    "index MiB", "weights MiB", "heap MiB"}, retrieval);
        }
        if (!judging.isEmpty()) {
            if (!retrieval.isEmpty()) {
                out.println();
            }
            table(out, new String[] {"RAG judge", "samples", "faithfulness", "answer_rel", "ctx_precision",
                    "ctx_recall", "samples/s"}, judging);
            boolean bracketed = judging.stream().flatMap(java.util.Arrays::stream).anyMatch(c -> c.endsWith("]"));
            out.println(bracketed ? "(mean over defined values; [n]: n samples undefined or failed, counted, never averaged"
                    + " as 0)" : "(mean; every sample's value is defined, none failed)");
        }
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

    /** Documents encoded per second, or {@code cached} when the embedding cache held them all. */
    private static String encodeRate(EngineRun e) {
        Double calls = e.runValues().get("encode_docs.calls");
        return calls != null && calls == 0 ? "cached" : num(e, "encode_docs.items_per_s", 1, "%.0f");
    }

    private static String num(EngineRun e, String key, double divisor, String format) {
        Double v = e.runValues().get(key);
        return v == null || Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v / divisor);
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
