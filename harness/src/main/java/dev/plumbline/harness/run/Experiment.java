package dev.plumbline.harness.run;

import dev.plumbline.engines.retrieval.RetrieverConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment: what {@link ExperimentParser} reads from an experiment file. Every
 * dataset × retriever combination with retrieval data is one retrieval cell, every dataset with
 * answered RAG samples one judge cell; all cells land in one results document with shared
 * provenance.
 *
 * @param name        run name, shown in reports
 * @param source      the experiment file, or {@code null} for the built-in demo
 * @param datasets    dataset specs ({@code builtin:demo}, {@code beir:DIR})
 * @param split       qrels split, or {@code null} for the dataset's default
 * @param models      built-in model names
 * @param engines     engines to compare with their options; empty when the file lists none
 * @param retrievers  the retrievers to compare, by name: the file's {@code retrievers:} after the
 *                    dense ones {@code models} × {@code engines} stand for; empty only for an
 *                    experiment without retrieval data (corpus, queries and qrels)
 * @param ignoreIdenticalIds whether a hit whose id equals the query id is dropped before scoring
 *                    (BEIR's {@code ignore_identical_ids}); {@code null} for BEIR's default: on
 *                    for {@code beir:} datasets, off for the others
 * @param k           documents retrieved per query
 * @param irMeasures  IR measures by trec_eval name (evaluated with {@code -c})
 * @param ragMetrics  RAG metrics computed for datasets with samples
 * @param judge       judge for the RAG metrics, a {@link Judges} name ({@code local}, {@code local-lexical}, {@code local-cross}, {@code llm})
 * @param llmJudge    the {@code llm} judge's endpoint and limits, or {@code null} for the other judges
 * @param warmup      before timing starts: corpus texts encoded, then queries encoded and searched
 *                    (cycling through them), and samples judged; excluded from the latency figures
 *                    and counted
 * @param repeat      timed passes over all queries; with more than one, the run-to-run spread is reported
 * @param seed        seed for bootstrap intervals
 * @param cache       whether to read and write the embedding cache
 * @param cacheDir    embedding cache root, or {@code null} for {@code $XDG_CACHE_HOME/plumbline}
 * @param outDir      where results, run files and reports go
 * @param reports     report formats ({@code html}, {@code md}, ...)
 * @param gateRules   gate rules file, or {@code null}
 * @param gateBaseline baseline results for the gate, or {@code null}
 * @param chunking    how documents are cut before retrieval ({@code chunking:}); every retriever runs
 *                    once per entry, {@code none} being whole documents; empty means whole documents only
 * @param generators  the generators under test ({@code generators:}); each answers every query with a
 *                    reference answer from each retrieval cell's own hits, and the answers are judged;
 *                    empty means no end-to-end cells
 * @param rerankers   second stages ({@code rerankers:}); every retriever × chunking cell runs once as it is
 *                    and once per reranker over its top hits
 */
public record Experiment(String name, Path source, List<String> datasets, String split, List<String> models,
                         List<EngineSpec> engines, List<RetrieverConfig> retrievers, Boolean ignoreIdenticalIds, int k, List<String> irMeasures, List<String> ragMetrics,
                         String judge, dev.plumbline.metrics.rag.llm.LlmJudgeConfig llmJudge, int warmup, int repeat, long seed, boolean cache, Path cacheDir, Path outDir,
                         List<String> reports,
                         Path gateRules, Path gateBaseline, List<dev.plumbline.engines.StageConfig> chunking,
                         List<dev.plumbline.engines.StageConfig> generators,
                         List<dev.plumbline.engines.StageConfig> rerankers) {
    /** Copies the lists. */
    public Experiment {
        rerankers = List.copyOf(rerankers);
        chunking = List.copyOf(chunking);
        generators = List.copyOf(generators);
        datasets = List.copyOf(datasets);
        models = List.copyOf(models);
        engines = List.copyOf(engines);
        retrievers = List.copyOf(retrievers);
        irMeasures = List.copyOf(irMeasures);
        ragMetrics = List.copyOf(ragMetrics);
        reports = List.copyOf(reports);
    }

    /** This experiment writing under another folder. */
    public Experiment withOutDir(Path dir) {
        return new Experiment(name, source, datasets, split, models, engines, retrievers, ignoreIdenticalIds, k,
                irMeasures, ragMetrics, judge, llmJudge, warmup, repeat, seed, cache, cacheDir, dir, reports, gateRules, gateBaseline,
                chunking, generators, rerankers);
    }

    /** This experiment with another number of timed query passes (each query encoded, then searched). */
    public Experiment withRepeat(int passes) {
        return new Experiment(name, source, datasets, split, models, engines, retrievers, ignoreIdenticalIds, k,
                irMeasures, ragMetrics, judge, llmJudge, warmup, passes, seed, cache, cacheDir, outDir, reports, gateRules,
                gateBaseline, chunking, generators, rerankers);
    }

    /** The chunking entries each retriever runs with: {@link #chunking()}, or whole documents only. */
    public List<dev.plumbline.engines.StageConfig> chunkingOrNone() {
        return chunking.isEmpty() ? List.of(dev.plumbline.engines.chunking.Chunkers.config(
                dev.plumbline.engines.chunking.Chunkers.NONE, dev.plumbline.engines.chunking.Chunkers.NONE, "chunking",
                Map.of())) : chunking;
    }

    /** What opening the experiment's judge needs, with {@code threads} for a local embedding judge. */
    public JudgeSettings judgeSettings(int threads) {
        return new JudgeSettings(threads, llmJudge, null);
    }

    /**
     * Whether {@code datasetSpec}'s cells drop a hit whose id equals the query id: as configured,
     * else BEIR's default (on for {@code beir:} datasets).
     */
    public boolean dropsIdenticalIds(String datasetSpec) {
        return ignoreIdenticalIds != null ? ignoreIdenticalIds : datasetSpec.startsWith("beir:");
    }

    /**
     * The dense retrievers the {@code models} × {@code engines} shorthand stands for, named
     * {@code ENGINE/MODEL} as cells were before retrievers existed (so old and new results
     * compare), each on {@code index} with {@code indexOptions}.
     *
     * @param keyPath where the index was configured, for messages
     */
    public static List<RetrieverConfig> denseShorthand(List<String> models, List<EngineSpec> engines, String index,
                                                       Map<String, String> indexOptions, String keyPath) {
        List<RetrieverConfig> out = new ArrayList<>();
        for (String model : models) {
            for (EngineSpec e : engines) {
                Map<String, String> o = new LinkedHashMap<>();
                o.put("model", model);
                o.put("engine", e.name());
                o.put("threads", Integer.toString(e.threads()));
                o.put("batch_size", Integer.toString(e.batchSize()));
                if (e.maxSeqLength() > 0) {
                    o.put("max_seq_length", Integer.toString(e.maxSeqLength()));
                }
                o.put("index", index);
                indexOptions.forEach((k, v) -> o.put("index." + k, v));
                out.add(new RetrieverConfig(e.name() + "/" + model, "dense", keyPath, o, List.of()));
            }
        }
        return out;
    }

    /**
     * One engine to run, with its options.
     *
     * @param name         engine name as {@code plumbline engines} lists it
     * @param threads      compute threads
     * @param batchSize    sequences per encoder batch
     * @param maxSeqLength tokens per text before truncation, or 0 for the model's own limit
     */
    public record EngineSpec(String name, int threads, int batchSize, int maxSeqLength) {
    }
}
