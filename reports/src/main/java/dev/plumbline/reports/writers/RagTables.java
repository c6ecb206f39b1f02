package dev.plumbline.reports.writers;

import dev.plumbline.reports.Numbers;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.results.Aggregate;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The two RAG II tables of a results summary, from values the cells recorded (nothing here
 * recomputes a metric): <b>chunking</b>, one row per retrieval cell that names its chunker
 * (retriever × chunker: nDCG@10, R@100, span recall@10, chunks per document, index bytes, encode
 * time, documents the token limit truncates), and the <b>leaderboard</b>, one row per end-to-end
 * cell (generator × retrieval cell), ranked by hallucination rate with its bootstrap interval, in
 * the style of Vectara's hallucination leaderboard. Either is absent when no cell has its data.
 */
public final class RagTables {
    private RagTables() {
    }

    /** Appends both tables as Markdown. */
    public static void markdown(Results r, StringBuilder sb) {
        chunking(r, sb);
        leaderboard(r, sb);
    }

    private static String detail(Results r, EngineRun e, String key) {
        EngineIdentity id = r.provenance().engine(e.engine());
        return id == null ? null : id.details().get(key);
    }

    static void chunking(Results r, StringBuilder sb) {
        List<EngineRun> rows = r.engines().stream().filter(e -> detail(r, e, "cell.chunker") != null).toList();
        if (rows.isEmpty()) {
            return;
        }
        sb.append("\n### Chunking: retriever × chunker × reranker\n\n");
        sb.append("Document-level scores (chunk scores aggregated per document); span recall@10: share of queries"
                + " with a gold span that one of the top 10 chunks (whole documents for `none`) contains.\n\n");
        sb.append("| retriever | chunker | reranker | nDCG@10 | R@100 | span recall@10 | chunks/doc | index MiB |"
                + " encode s | truncated docs | truncated chunks |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (EngineRun e : rows) {
            String aggregation = detail(r, e, "chunk_aggregation");
            sb.append("| ").append(Markdown.text(detail(r, e, "cell.retriever"))).append(" | ")
                    .append(Markdown.text(detail(r, e, "cell.chunker") + (aggregation == null ? "" : " (" + aggregation + ")")))
                    .append(" | ").append(Markdown.text(detail(r, e, "cell.reranker") == null ? "none"
                            : detail(r, e, "cell.reranker")))
                    .append(" | ").append(mean(r, e, "ndcg_cut_10")).append(" | ").append(mean(r, e, "recall_100"))
                    .append(" | ").append(mean(r, e, "span_recall_10"))
                    .append(" | ").append(value(e, "chunking.chunks_per_doc", 1, "1.00"))
                    .append(" | ").append(value(e, "memory.index_bytes", 1 << 20, "1.0"))
                    .append(" | ").append(e.runValues().containsKey("encode_docs.calls")
                            && e.runValues().get("encode_docs.calls") == 0 ? "cached" : value(e, "encode_docs.total_s", 1, "1.0"))
                    .append(" | ").append(value(e, "tokens.truncated_docs", 1, "0"))
                    .append(" | ").append(value(e, "tokens.truncated_chunks", 1, "0")).append(" |\n");
        }
    }

    static void leaderboard(Results r, StringBuilder sb) {
        List<EngineRun> rows = new ArrayList<>(r.engines().stream().filter(e -> e.metrics().containsKey("hallucinated")
                && detail(r, e, "retrieval_cell") != null).toList());
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(Comparator.comparingDouble((EngineRun e) -> orInf(r.aggregate(e.engine(), "hallucinated")))
                .thenComparing(EngineRun::engine));
        sb.append("\n### Leaderboard: generator × retriever\n\n");
        sb.append("Hallucination rate: share of answers with at least one claim the judge found unsupported by the"
                + " answer's own contexts [95% bootstrap CI]; failed generations are counted, never scored.\n\n");
        sb.append("| rank | generator | retrieval | hallucination rate | faithfulness | answer relevance |"
                + " context precision | context recall | answers | failed |\n|---|---|---|---|---|---|---|---|---|---|\n");
        int rank = 0;
        for (EngineRun e : rows) {
            Aggregate h = r.aggregate(e.engine(), "hallucinated");
            sb.append("| ").append(++rank).append(" | ").append(Markdown.text(detail(r, e, "generator")))
                    .append(" | ").append(Markdown.text(detail(r, e, "retrieval_cell")))
                    .append(" | ").append(interval(h))
                    .append(" | ").append(mean(r, e, "faithfulness")).append(" | ").append(mean(r, e, "answer_relevance"))
                    .append(" | ").append(mean(r, e, "context_precision")).append(" | ").append(mean(r, e, "context_recall"))
                    .append(" | ").append(e.itemIds().size())
                    .append(" | ").append(value(e, "generate.failed", 1, "0")).append(" |\n");
        }
    }

    private static double orInf(Aggregate a) {
        return a == null || Double.isNaN(a.mean()) ? Double.POSITIVE_INFINITY : a.mean();
    }

    private static String interval(Aggregate a) {
        if (a == null || Double.isNaN(a.mean())) {
            return "";
        }
        return Numbers.stat(a.mean()) + (Double.isNaN(a.ciLow()) ? "" : " [" + Numbers.stat(a.ciLow()) + ", "
                + Numbers.stat(a.ciHigh()) + "]") + (a.undefined() + a.failed() > 0 ? " · " + a.undefined() + "u "
                + a.failed() + "f" : "");
    }

    private static String mean(Results r, EngineRun e, String metric) {
        Aggregate a = r.aggregate(e.engine(), metric);
        return a == null || Double.isNaN(a.mean()) ? "" : Numbers.stat(a.mean());
    }

    private static String value(EngineRun e, String key, double divisor, String pattern) {
        Double v = e.runValues().get(key);
        if (v == null || Double.isNaN(v)) {
            return "";
        }
        int decimals = pattern.contains(".") ? pattern.length() - pattern.indexOf('.') - 1 : 0;
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v / divisor);
    }
}
