package dev.plumbline.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.JudgedSamples;
import dev.plumbline.metrics.rag.ClaimVerdict;
import dev.plumbline.metrics.rag.ContextVerdict;
import dev.plumbline.metrics.rag.Judge;
import dev.plumbline.metrics.rag.Judgment;
import dev.plumbline.metrics.rag.MetricValue;
import dev.plumbline.metrics.rag.RagInput;
import dev.plumbline.metrics.rag.RagScorer;
import dev.plumbline.metrics.stats.Bootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.plumbline.harness.ProvenanceRecorder;
import dev.plumbline.harness.run.Checkpoints;
import dev.plumbline.harness.run.LocalJudges;
import dev.plumbline.harness.run.VerdictResults;
import dev.plumbline.harness.run.Pipeline;
import dev.plumbline.reports.AtomicFiles;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import dev.plumbline.reports.results.StatisticsConfig;
import java.time.Clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code plumbline judge}: judges every answered sample of a RAG dataset and writes the results
 * document every scoring command writes ({@code results.json} + {@code results.items.jsonl}, one
 * engine run named {@code judge-NAME}), which {@code report}, {@code compare} and {@code gate}
 * read; beside it one JSON line per sample with the verdicts behind its values
 * ({@code samples.jsonl}) and a summary with counts of undefined and failed values and bootstrap
 * intervals ({@code summary.json}). For the local judges on a dataset of samples alone it also keeps
 * the equivalent experiment file ({@code experiment.yaml}), so {@code reproduce} can rerun it.
 */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Score RAG samples for faithfulness, answer relevance, context precision and recall.")
public final class JudgeCommand implements Callable<Integer> {
    private static final List<String> ALL = List.of(RagScorer.FAITHFULNESS, RagScorer.ANSWER_RELEVANCE,
            RagScorer.CONTEXT_PRECISION, RagScorer.CONTEXT_RECALL);

    @Option(names = "--dataset", required = true, description = "dataset spec, e.g. rag:samples.jsonl or builtin:demo")
    String dataset;

    @Option(names = "--metrics", split = ",", description = "subset of: faithfulness, answer_relevance, context_precision, context_recall (default all)")
    List<String> metrics = ALL;

    @Option(names = "--out", required = true, description = "output folder (results.json + results.items.jsonl, samples.jsonl, summary.json)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed")
    long seed;

    @Mixin
    JudgeSupport.JudgeOptions judgeOptions = new JudgeSupport.JudgeOptions();

    @Override
    public Integer call() throws IOException {
        for (String m : metrics) {
            if (!ALL.contains(m)) {
                throw new UsageException("unknown metric '" + m + "'; use " + String.join(", ", ALL));
            }
        }
        Dataset d = JudgeSupport.load(dataset);
        List<RagSample> samples = JudgedSamples.answered(d);
        try (Judge judge = judgeOptions.create()) {
            long start = System.nanoTime();
            List<RagInput> inputs = samples.stream().map(JudgedSamples::input).toList();
            List<Judgment> judgments = judge.judgeAll(inputs);
            JudgeSupport.checkCalls(judge);
            List<Map<String, MetricValue>> values = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                values.add(RagScorer.score(inputs.get(i), judgments.get(i)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Files.createDirectories(out);
            writeResults(d, judge, samples, values, judgments, seconds);
            writeSamples(samples, values, judgments);
            ObjectNode summary = summary(d, judge, values, seconds);
            writeAtomically(out.resolve("summary.json"), summary.toPrettyString() + "\n");
            printTable(summary);
        }
        return 0;
    }

    /**
     * The results document: one engine run named as {@code plumbline run} names a judge cell, so
     * a judged dataset is reported, compared and gated like any run (and reproduced through the
     * experiment file written beside it).
     */
    private void writeResults(Dataset d, Judge judge, List<RagSample> samples, List<Map<String, MetricValue>> values,
                              List<Judgment> judgments, double seconds) throws IOException {
        String name = "judge-" + judgeOptions.judge;
        EngineRun.Builder b = EngineRun.builder(name);
        for (String m : metrics) {
            b.metric(MetricInfo.score(m, m.replace('_', ' ')));
        }
        for (int i = 0; i < samples.size(); i++) {
            VerdictResults.add(b.item(samples.get(i).id()), metrics, values.get(i), samples.get(i), judgments.get(i));
        }
        b.runValue("judge.seconds", seconds);
        b.runValue("judge.items_per_s", samples.size() / Math.max(seconds, 1e-9));
        Provenance p = ProvenanceRecorder.start(List.of("judge", "--dataset", dataset, "--judge", judgeOptions.judge,
                        "--out", out.toString()), Clock.systemUTC())
                .dataset(Pipeline.fingerprint(d))
                .seed("bootstrap", seed)
                .judge(VerdictResults.identity(judge))
                .finishedAt(Clock.systemUTC().instant()).build();
        Results r = Results.of(name, "", StatisticsConfig.DEFAULTS.withSeed(seed), p, List.of(b.build()));
        boolean retrievalData = !d.docs().isEmpty() && !d.queries().isEmpty() && d.qrels() != null;
        if (LocalJudges.NAMES.contains(judgeOptions.judge) && !retrievalData) {
            // The same judging as an experiment: one judge cell, no engines. A dataset with a corpus
            // would add retrieval cells there, so it gets no copy and reproduce refuses it.
            AtomicFiles.writeString(out.resolve(Checkpoints.COPY + ".yaml"), "# written by plumbline judge; plumbline"
                    + " reproduce reruns it\nname: " + name + "\ndatasets: [" + quoted(dataset) + "]\njudge: "
                    + judgeOptions.judge + "\nmetrics: {rag: [" + String.join(", ", metrics) + "]}\nseed: " + seed
                    + "\nlatency: {warmup: 0}\noutput: {reports: [md]}\n");
        }
        ResultsJson.write(r, out.resolve("results.json"));
    }

    /** A YAML double-quoted scalar. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void writeSamples(List<RagSample> samples, List<Map<String, MetricValue>> values, List<Judgment> judgments)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        AtomicFiles.write(out.resolve("samples.jsonl"), w -> {
            for (int i = 0; i < samples.size(); i++) {
                ObjectNode line = json.createObjectNode();
                line.put("id", samples.get(i).id());
                ObjectNode ms = line.putObject("metrics");
                for (String m : metrics) {
                    MetricValue v = values.get(i).get(m);
                    ObjectNode mv = ms.putObject(m);
                    if (Double.isNaN(v.value())) {
                        mv.putNull("value");
                    } else {
                        mv.put("value", v.value());
                    }
                    mv.put("status", v.status().name().toLowerCase(Locale.ROOT));
                    if (!v.reason().isEmpty()) {
                        mv.put("reason", v.reason());
                    }
                }
                Judgment j = judgments.get(i);
                claims(line.putArray("answer_claims"), j.answerClaims());
                ArrayNode ctx = line.putArray("contexts");
                for (ContextVerdict c : j.contexts()) {
                    ctx.addObject().put("index", c.index()).put("verdict", c.verdict().name().toLowerCase(Locale.ROOT))
                            .put("score", c.score()).put("reason", c.reason());
                }
                claims(line.putArray("reference_claims"), j.referenceClaims());
                w.write(line.toString());
                w.write('\n');
            }
        });
    }

    private static void claims(ArrayNode arr, List<ClaimVerdict> claims) {
        for (ClaimVerdict c : claims) {
            ObjectNode o = arr.addObject().put("claim", c.claim()).put("verdict", c.verdict().name().toLowerCase(Locale.ROOT))
                    .put("context", c.supportingContext()).put("reason", c.reason());
            if (Double.isNaN(c.score())) {
                o.putNull("score");
            } else {
                o.put("score", c.score());
            }
        }
    }

    private ObjectNode summary(Dataset d, Judge judge, List<Map<String, MetricValue>> values, double seconds) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("dataset", d.spec());
        root.put("fingerprint", d.fingerprint());
        root.put("samples", values.size());
        ObjectNode id = root.putObject("judge");
        id.put("name", judge.identity().name()).put("version", judge.identity().version())
                .put("model", judge.identity().model()).put("prompt_version", judge.identity().promptVersion())
                .put("parameters_sha256", judge.identity().parametersHash());
        root.put("seconds", seconds);
        root.put("samples_per_second", values.size() / Math.max(seconds, 1e-9));
        ObjectNode ms = root.putObject("metrics");
        for (String m : metrics) {
            List<Double> ok = new ArrayList<>();
            int undefined = 0;
            int failed = 0;
            for (Map<String, MetricValue> v : values) {
                MetricValue mv = v.get(m);
                switch (mv.status()) {
                    case OK -> ok.add(mv.value());
                    case UNDEFINED -> undefined++;
                    case FAILED -> failed++;
                }
            }
            double[] arr = ok.stream().mapToDouble(Double::doubleValue).toArray();
            ObjectNode o = ms.putObject(m);
            o.put("n", arr.length).put("undefined", undefined).put("failed", failed);
            if (arr.length == 0) {
                o.putNull("mean");
                continue;
            }
            double mean = java.util.Arrays.stream(arr).sum() / arr.length;
            Bootstrap.Interval ci = Bootstrap.percentile95(arr.length, idx -> {
                double s = 0;
                for (int i : idx) {
                    s += arr[i];
                }
                return s / idx.length;
            }, 1000, seed);
            o.put("mean", mean).put("ci95_low", ci.low()).put("ci95_high", ci.high());
        }
        return root;
    }

    private static void printTable(ObjectNode summary) {
        System.out.printf(Locale.ROOT, "%s  (%d samples, judge %s, %.1f samples/s)%n", summary.get("dataset").asText(),
                summary.get("samples").asInt(), summary.get("judge").get("name").asText(),
                summary.get("samples_per_second").asDouble());
        System.out.printf(Locale.ROOT, "%-18s %8s %21s %6s %9s %6s%n", "metric", "mean", "95% CI", "n", "undefined", "failed");
        summary.get("metrics").properties().forEach(e -> {
            var o = e.getValue();
            String mean = o.get("mean").isNull() ? "-" : String.format(Locale.ROOT, "%.4f", o.get("mean").asDouble());
            String ci = o.has("ci95_low") ? String.format(Locale.ROOT, "[%.4f, %.4f]", o.get("ci95_low").asDouble(),
                    o.get("ci95_high").asDouble()) : "-";
            System.out.printf(Locale.ROOT, "%-18s %8s %21s %6d %9d %6d%n", e.getKey(), mean, ci, o.get("n").asInt(),
                    o.get("undefined").asInt(), o.get("failed").asInt());
        });
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }
}
