package dev.plumbline.harness.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment: what {@link ExperimentParser} reads from an experiment file. Every
 * dataset × model × engine combination is one cell of the run; all cells land in one results
 * document with shared provenance.
 *
 * @param name        run name, shown in reports
 * @param source      the experiment file, or {@code null} for the built-in demo
 * @param datasets    dataset specs ({@code builtin:demo}, {@code beir:DIR})
 * @param split       qrels split, or {@code null} for the dataset's default
 * @param models      built-in model names
 * @param engines     engines to compare with their options; empty when the file lists none, which
 *                    only an experiment without retrieval data (corpus, queries and qrels) may do
 * @param k           documents retrieved per query
 * @param irMeasures  IR measures by trec_eval name (evaluated with {@code -c})
 * @param ragMetrics  RAG metrics computed for datasets with samples
 * @param judge       judge for the RAG metrics ({@code local} or {@code local-lexical})
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
 */
public record Experiment(String name, Path source, List<String> datasets, String split, List<String> models,
                         List<EngineSpec> engines, int k, List<String> irMeasures, List<String> ragMetrics,
                         String judge, int warmup, int repeat, long seed, boolean cache, Path cacheDir, Path outDir,
                         List<String> reports,
                         Path gateRules, Path gateBaseline) {
    /** Copies the lists. */
    public Experiment {
        datasets = List.copyOf(datasets);
        models = List.copyOf(models);
        engines = List.copyOf(engines);
        irMeasures = List.copyOf(irMeasures);
        ragMetrics = List.copyOf(ragMetrics);
        reports = List.copyOf(reports);
    }

    /** This experiment writing under another folder. */
    public Experiment withOutDir(Path dir) {
        return new Experiment(name, source, datasets, split, models, engines, k, irMeasures, ragMetrics, judge, warmup,
                repeat, seed, cache, cacheDir, dir, reports, gateRules, gateBaseline);
    }

    /** This experiment with another number of timed query passes (each query encoded, then searched). */
    public Experiment withRepeat(int passes) {
        return new Experiment(name, source, datasets, split, models, engines, k, irMeasures, ragMetrics, judge, warmup,
                passes, seed, cache, cacheDir, outDir, reports, gateRules, gateBaseline);
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
