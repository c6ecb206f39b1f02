package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.harness.UsageException;
import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.EvalContext;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.MeasureSelection;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.EngineIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.provenance.ShardRecord;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricValues;
import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Combines the partial results folders of a sharded run ({@code run --shard I/N}) into the results
 * document, TREC runs and contexts files the unsharded run writes. Every part searched its own
 * queries against the whole corpus and judged its own samples, so every per-item value is the
 * unsharded one; the merge puts items back in their unsharded positions, recomputes the summaries
 * that are not means of items ({@code num_q}, {@code gm_map}, {@code gm_bpref}) from the per-topic
 * values the parts carried, and sums the counts over items. Aggregates and intervals follow from
 * the items as in any run.
 *
 * <p>Figures of a process, not of the items (latency percentiles and throughput, memory, build and
 * warm-up figures), cannot be the unsharded run's: the merged run value is the largest part's (the
 * smallest for a throughput), the figure a gate on the slowest machine needs, and each part's own
 * stay in its folder, which the provenance names. See {@link #isProcessFigure(String)}.
 */
public final class ShardMerge {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardMerge() {
    }

    /**
     * One partial results folder, read.
     *
     * @param dir      the folder as given
     * @param manifest its {@code shard.json}
     * @param results  its partial results document
     */
    public record Part(Path dir, ShardManifest manifest, Results results) {
    }

    /**
     * Reads the parts and checks that they are exactly the parts of one run: one experiment, one
     * split, every part once, the same data, build, engines and judge.
     *
     * @throws UsageException naming the first folder that does not fit, in one line
     */
    public static List<Part> read(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new UsageException("give the partial results folders of every part, e.g. plumbline merge"
                    + " out/part-1 out/part-2 --out out/merged");
        }
        List<Part> parts = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException(dir + " is not a folder; give the --out folder of each plumbline run --shard I/N");
            }
            ShardManifest m = ShardManifest.read(dir);
            if (m == null) {
                throw new UsageException(dir + " is not a part of a sharded run: it has no " + ShardManifest.FILE
                        + " (plumbline run EXPERIMENT --shard I/N writes one)");
            }
            Path results = dir.resolve("results.json");
            if (!Files.exists(results)) {
                throw new UsageException(dir + " (part " + m.shard() + ") has no results.json: the part did not finish;"
                        + " continue it with plumbline run --resume " + dir);
            }
            parts.add(new Part(dir, m, ResultsJson.read(results)));
        }
        Part first = parts.get(0);
        Map<Integer, Part> byIndex = new TreeMap<>();
        for (Part p : parts) {
            ShardManifest a = first.manifest();
            ShardManifest b = p.manifest();
            if (!a.experiment().equals(b.experiment()) || !a.experimentSha256().equals(b.experimentSha256())) {
                throw new UsageException(p.dir() + " is a part of experiment " + b.experiment() + " (sha256 "
                        + shortHash(b.experimentSha256()) + "), " + first.dir() + " of " + a.experiment() + " (sha256 "
                        + shortHash(a.experimentSha256()) + "); merge only the parts of one experiment file");
            }
            if (a.shard().count() != b.shard().count()) {
                throw new UsageException(p.dir() + " is part " + b.shard() + " but " + first.dir() + " is part "
                        + a.shard() + "; merge the parts of one split (the same N in every --shard I/N)");
            }
            Part twice = byIndex.put(b.shard().index(), p);
            if (twice != null) {
                throw new UsageException(twice.dir() + " and " + p.dir() + " are both part " + b.shard()
                        + "; give each part once");
            }
            checkSameRun(first, p);
        }
        int n = first.manifest().shard().count();
        if (byIndex.size() != n) {
            List<String> missing = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                if (!byIndex.containsKey(i)) {
                    missing.add(i + "/" + n);
                }
            }
            throw new UsageException((missing.size() == 1 ? "part " : "parts ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing (given: " + byIndex.values().stream()
                    .map(p -> p.manifest().shard().toString()).collect(Collectors.joining(", "))
                    + "); add " + (missing.size() == 1 ? "its folder" : "their folders"));
        }
        return List.copyOf(byIndex.values());
    }

    /** The fingerprints that make two parts parts of one run: data, build, cells and judge. */
    private static void checkSameRun(Part first, Part p) {
        Provenance a = first.results().provenance();
        Provenance b = p.results().provenance();
        if (!a.plumblineVersion().equals(b.plumblineVersion()) || !a.gitCommit().equals(b.gitCommit())) {
            throw new UsageException(p.dir() + " was run by plumbline " + b.plumblineVersion() + " (commit "
                    + b.gitCommit() + "), " + first.dir() + " by " + a.plumblineVersion() + " (commit " + a.gitCommit()
                    + "); run every part with the same build");
        }
        List<String> da = a.datasets().stream().map(DatasetFingerprint::sha256).toList();
        List<String> db = b.datasets().stream().map(DatasetFingerprint::sha256).toList();
        if (!da.equals(db)) {
            int i = 0;
            while (i < Math.min(da.size(), db.size()) && da.get(i).equals(db.get(i))) {
                i++;
            }
            String which = i < a.datasets().size() ? a.datasets().get(i).path() : b.datasets().get(i).path();
            throw new UsageException(p.dir() + " ran on other data than " + first.dir() + " (dataset " + which
                    + ": fingerprint " + (i < db.size() ? shortHash(db.get(i)) : "none") + " vs "
                    + (i < da.size() ? shortHash(da.get(i)) : "none") + "); run every part on the same data");
        }
        List<String> ea = a.engines().stream().map(EngineIdentity::name).toList();
        List<String> eb = b.engines().stream().map(EngineIdentity::name).toList();
        if (!ea.equals(eb) || !p.results().engines().stream().map(EngineRun::engine).toList()
                .equals(first.results().engines().stream().map(EngineRun::engine).toList())) {
            throw new UsageException(p.dir() + " has cells " + eb + ", " + first.dir() + " " + ea
                    + "; run every part from the same experiment file");
        }
        for (int i = 0; i < a.engines().size(); i++) {
            if (!a.engines().get(i).equals(b.engines().get(i))) {
                throw new UsageException(p.dir() + ": cell " + ea.get(i) + " ran with another configuration than in "
                        + first.dir() + " (" + difference(a.engines().get(i), b.engines().get(i)) + "); run every part"
                        + " with the same engines and models");
            }
        }
        if (!Objects.equals(a.judge(), b.judge())) {
            throw new UsageException(p.dir() + " was judged by " + (b.judge() == null ? "no judge" : b.judge().name()
                    + " " + b.judge().details()) + ", " + first.dir() + " by " + (a.judge() == null ? "no judge"
                    : a.judge().name() + " " + a.judge().details()) + "; run every part with the same judge");
        }
    }

    private static String difference(EngineIdentity a, EngineIdentity b) {
        if (!a.modelSha256().equals(b.modelSha256())) {
            return "model sha256 " + shortHash(a.modelSha256()) + " vs " + shortHash(b.modelSha256());
        }
        if (!a.kernelBackend().equals(b.kernelBackend())) {
            return "kernel backend " + a.kernelBackend() + " vs " + b.kernelBackend();
        }
        for (String k : a.details().keySet()) {
            if (!Objects.equals(a.details().get(k), b.details().get(k))) {
                return k + " " + a.details().get(k) + " vs " + b.details().get(k);
            }
        }
        return "details " + a.details().keySet() + " vs " + b.details().keySet();
    }

    private static String shortHash(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    /**
     * The unsharded run's results from its parts (as {@link #read} returns them).
     *
     * @param irMeasures the experiment's IR measures, whose summary-only values are recomputed
     * @param command    the merge's command line, for provenance
     */
    public static Results merge(List<Part> parts, List<String> irMeasures, List<String> command) {
        Map<String, Summary> summaries = summaries(irMeasures);
        List<EngineRun> runs = new ArrayList<>();
        Results first = parts.get(0).results();
        for (int e = 0; e < first.engines().size(); e++) {
            int cell = e;
            runs.add(mergeCell(parts.stream().map(p -> p.results().engines().get(cell)).toList(), summaries));
        }
        List<ShardRecord> records = parts.stream().map(p -> {
            Provenance pp = p.results().provenance();
            return new ShardRecord(p.manifest().shard().index(), p.manifest().shard().count(), p.dir().toString(),
                    pp.startedAt(), pp.finishedAt(), pp.command(), pp.peakRssBytes());
        }).toList();
        return Results.of(first.runId(), first.primaryMetric(), first.statistics(),
                first.provenance().mergedFrom(records, command), runs);
    }

    /** How a summary-only IR value is recomputed: its measure and the value's index within it. */
    private record Summary(BoundMeasure measure, int index) {
    }

    private static Map<String, Summary> summaries(List<String> irMeasures) {
        Map<String, Summary> out = new HashMap<>();
        for (BoundMeasure bm : MeasureSelection.parse(irMeasures)) {
            for (int i = 0; i < bm.names().size(); i++) {
                out.put(bm.names().get(i), new Summary(bm, i));
            }
        }
        return out;
    }

    private static EngineRun mergeCell(List<EngineRun> cells, Map<String, Summary> summaries) {
        String name = cells.get(0).engine();
        int total = -1;
        for (EngineRun c : cells) {
            Double items = c.runValues().get(ShardItems.ITEMS);
            if (items == null || c.metric(ShardItems.POSITION) == null) {
                throw new UsageException("cell " + name + " of a part carries no item positions; it was not written"
                        + " by plumbline run --shard, so rerun the part");
            }
            if (total >= 0 && total != items.intValue()) {
                throw new UsageException("cell " + name + " has " + total + " items in one part's count and "
                        + items.intValue() + " in another's; the parts ran on different data");
            }
            total = items.intValue();
        }
        // Where each unsharded item comes from: part and index within the part.
        int[] fromPart = new int[total];
        int[] fromIndex = new int[total];
        Arrays.fill(fromPart, -1);
        for (int s = 0; s < cells.size(); s++) {
            MetricValues pos = cells.get(s).metric(ShardItems.POSITION);
            for (int i = 0; i < pos.size(); i++) {
                int p = (int) pos.value(i);
                if (p < 0 || p >= total || fromPart[p] >= 0) {
                    throw new UsageException("cell " + name + ": item " + cells.get(s).itemIds().get(i)
                            + (p < 0 || p >= total ? " has no unsharded position" : " is in two parts")
                            + "; the parts were not split the same way, so rerun them with one plumbline build");
                }
                fromPart[p] = s;
                fromIndex[p] = i;
            }
        }
        for (int p = 0; p < total; p++) {
            if (fromPart[p] < 0) {
                throw new UsageException("cell " + name + ": " + Arrays.stream(fromPart).filter(s -> s < 0).count()
                        + " of its " + total + " items are in no part; a part is incomplete, so rerun it");
            }
        }
        EngineRun first = cells.get(0);
        List<String> ids = new ArrayList<>(total);
        List<Map<String, Object>> evidence = new ArrayList<>(total);
        for (int p = 0; p < total; p++) {
            EngineRun c = cells.get(fromPart[p]);
            ids.add(c.itemIds().get(fromIndex[p]));
            evidence.add(c.evidence(fromIndex[p]));
        }
        List<MetricValues> metrics = new ArrayList<>();
        for (MetricValues m : first.metrics().values()) {
            if (m.name().startsWith(ShardItems.PREFIX)) {
                continue;
            }
            double[] v = new double[total];
            String[] f = new String[total];
            for (int p = 0; p < total; p++) {
                MetricValues pm = cells.get(fromPart[p]).metric(m.name());
                if (pm == null || !pm.info().equals(m.info())) {
                    throw new UsageException("cell " + name + ": metric " + m.name() + " differs between parts;"
                            + " run every part from the same experiment file");
                }
                v[p] = pm.value(fromIndex[p]);
                f[p] = pm.failure(fromIndex[p]);
            }
            metrics.add(new MetricValues(m.info(), v, f));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : runValueKeys(cells)) {
            double[] perPart = cells.stream().mapToDouble(c -> c.runValues().getOrDefault(key, Double.NaN)).toArray();
            boolean[] present = new boolean[cells.size()];
            for (int s = 0; s < cells.size(); s++) {
                present[s] = cells.get(s).runValues().containsKey(key);
            }
            MetricValues perTopic = first.metric(ShardItems.PREFIX + key);
            if (perTopic != null && summaries.containsKey(key)) {
                double[] column = new double[total];
                for (int p = 0; p < total; p++) {
                    column[p] = cells.get(fromPart[p]).metric(ShardItems.PREFIX + key).value(fromIndex[p]);
                }
                Summary sm = summaries.get(key);
                // Summaries need no qrels: they are functions of the per-topic values in topic order.
                values.put(key, sm.measure().summarize(sm.index(), column,
                        new EvalContext(EvalParams.DEFAULTS.withAverageComplete(true), null, "")));
            } else {
                values.put(key, combine(name, key, perPart, present));
            }
        }
        return EngineRun.of(name, ids, metrics, values, evidence);
    }

    /**
     * Every run value's name once, in the parts' order: a name only some parts have (a failure
     * kind, a stage of a part with no items) goes after the name it follows there, and the counts
     * by kind ({@code generate.failed.KIND}) stay sorted as a cell writes them.
     */
    private static List<String> runValueKeys(List<EngineRun> cells) {
        List<String> keys = new ArrayList<>();
        for (EngineRun c : cells) {
            String previous = null;
            for (String k : c.runValues().keySet()) {
                if (k.startsWith(ShardItems.PREFIX)) {
                    continue;
                }
                if (!keys.contains(k)) {
                    keys.add(previous == null ? 0 : keys.indexOf(previous) + 1, k);
                }
                previous = k;
            }
        }
        for (String group : List.of("generate.failed.", "rerank.failed.")) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).startsWith(group)) {
                    at.add(i);
                }
            }
            List<String> sorted = at.stream().map(keys::get).sorted(Comparator.naturalOrder()).toList();
            for (int j = 0; j < at.size(); j++) {
                keys.set(at.get(j), sorted.get(j));
            }
        }
        return keys;
    }

    /** Whether run value {@code key} sums over items: counts of items, failures and timed per-item calls. */
    static boolean isItemCount(String key) {
        return key.equals("retrieval.identical_ids_dropped") || key.startsWith("rerank.failed")
                || key.startsWith("generate.failed") || key.endsWith(".calls") && !key.startsWith("encode_docs.");
    }

    /**
     * Whether run value {@code key} is a figure of the process rather than of the items: latency
     * and throughput, memory, the corpus encoding (each part encodes or reads back the whole
     * corpus), build, chunking and warm-up times, the run-to-run spread. Such values differ between
     * any two runs, sharded or not, and are excluded from the merge's identity with the unsharded run.
     */
    public static boolean isProcessFigure(String key) {
        return key.startsWith("memory.") || key.startsWith("encode_docs.") || key.startsWith("query.spread.")
                || key.endsWith("_ms") || key.endsWith(".ms") || key.endsWith("_per_s") || key.endsWith("_s")
                || key.endsWith(".warmup");
    }

    private static double combine(String cell, String key, double[] perPart, boolean[] present) {
        if (isItemCount(key)) {
            double sum = 0;
            for (int s = 0; s < perPart.length; s++) {
                if (present[s]) {
                    sum += perPart[s];
                }
            }
            return sum;
        }
        if (isProcessFigure(key)) {
            boolean throughput = key.endsWith("_per_s");
            double out = Double.NaN;
            for (double v : perPart) {
                if (!Double.isNaN(v)) {
                    out = Double.isNaN(out) ? v : throughput ? Math.min(out, v) : Math.max(out, v);
                }
            }
            return out;
        }
        // Everything else describes the corpus or the configuration, the same in every part.
        Double same = null;
        for (int s = 0; s < perPart.length; s++) {
            if (!present[s]) {
                continue;
            }
            if (same == null) {
                same = perPart[s];
            } else if (Double.compare(same, perPart[s]) != 0) {
                throw new UsageException("cell " + cell + ": run value " + key + " is " + same + " in one part and "
                        + perPart[s] + " in part " + (s + 1) + "; it should be the same in every part, so the parts"
                        + " ran on different data or configurations");
            }
        }
        return same == null ? Double.NaN : same;
    }

    /**
     * Writes the unsharded run's files under {@code out/runs}: each TREC run and contexts file with
     * the parts' topics put back in the unsharded query order.
     */
    public static void writeRuns(List<Part> parts, Path out) {
        Path runs = out.resolve("runs");
        try {
            Files.createDirectories(runs);
            // Each retrieval cell's file names and where its queries go.
            Map<String, Map<String, Integer>> positions = new HashMap<>();
            for (Part p : parts) {
                for (EngineRun c : p.results().engines()) {
                    MetricValues q = c.metric(ShardItems.QUERY_POSITION);
                    if (q == null) {
                        continue;
                    }
                    Map<String, Integer> byId = positions.computeIfAbsent(c.engine().replace('/', '_'), k -> new HashMap<>());
                    for (int i = 0; i < q.size(); i++) {
                        if (!Double.isNaN(q.value(i))) {
                            byId.put(c.itemIds().get(i), (int) q.value(i));
                        }
                    }
                }
            }
            Map<String, TreeMap<Integer, StringBuilder>> files = new TreeMap<>();
            for (Part p : parts) {
                Path dir = p.dir().resolve("runs");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> listed;
                try (Stream<Path> s = Files.list(dir)) {
                    listed = s.filter(f -> f.getFileName().toString().endsWith(".trec")
                            || f.getFileName().toString().endsWith(".contexts.jsonl")).sorted().toList();
                }
                for (Path f : listed) {
                    String file = f.getFileName().toString();
                    boolean trec = file.endsWith(".trec");
                    String cell = file.substring(0, file.length() - (trec ? ".trec" : ".contexts.jsonl").length());
                    Map<String, Integer> byId = positions.get(cell);
                    if (byId == null) {
                        throw new UsageException(f + " belongs to no retrieval cell of the parts; remove it or rerun the part");
                    }
                    TreeMap<Integer, StringBuilder> blocks = files.computeIfAbsent(file, k -> new TreeMap<>());
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        String id = trec ? line.substring(0, line.indexOf(' '))
                                : JSON.readTree(line).path("id").asText();
                        Integer at = byId.get(id);
                        if (at == null) {
                            throw new UsageException(f + ": query " + id + " is not one of the part's queries; rerun the part");
                        }
                        blocks.computeIfAbsent(at, k -> new StringBuilder()).append(line).append('\n');
                    }
                }
            }
            for (Map.Entry<String, TreeMap<Integer, StringBuilder>> e : files.entrySet()) {
                StringBuilder text = new StringBuilder();
                e.getValue().values().forEach(text::append);
                Checkpoints.atomically(runs.resolve(e.getKey()), text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the run files into " + runs + ": " + e.getMessage(), e);
        }
    }

    /** Writes the merged results document and its items file into {@code out}, as a run does. */
    public static void writeResults(Results r, Path out) {
        Pipeline.write(r, out.resolve("results.json"));
    }
}
