package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.OnError;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.ann.AnnBenchmarksFile;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.index.IndexOptions;
import dev.plumbline.engines.index.SearchResults;
import dev.plumbline.engines.index.SyntheticVectors;
import dev.plumbline.engines.index.VectorIndex;
import dev.plumbline.engines.index.VectorIndexProvider;
import dev.plumbline.engines.index.VectorIndexes;
import dev.plumbline.engines.kernels.FmaPeak;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.CachedEncoder;
import dev.plumbline.metrics.ir.EvalParams;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.reports.provenance.Hardware;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code plumbline bench retrieval}: every index of {@link VectorIndexes} on one corpus, side by side
 * in one process, as ann-benchmarks reports them: recall against exact search and queries per
 * second, one point per setting of the knobs, and the points no other beats on both (the Pareto
 * frontier) marked.
 *
 * <p>Corpora: {@code --synthetic NxD} (seeded Gaussian mixture of unit vectors, {@link SyntheticVectors}),
 * {@code --dataset beir:DIR} (documents and judged queries encoded with {@code --model} on
 * {@code --engine}, through the embeddings cache, and nDCG@10 against the qrels), and {@code --hdf5
 * FILE} (an ann-benchmarks file). Ground truth is always the exact FP32 {@code flat} index's top 100,
 * so recall means "against exact inner-product search" for every corpus.
 *
 * <p>Index specs ({@code --indexes}, separated by {@code ;}) are a name and {@code key=value}
 * options; a comma list in a value sweeps it. Build options multiply builds; search-time options
 * ({@link VectorIndex#searchOptionNames()}: {@code oversample}, {@code efSearch}) are swept on one
 * build. Measured per point: build seconds (of its build), bytes (measured by the index) per vector,
 * recall@10 and @100, nDCG@10 where there are qrels, one-query-at-a-time queries/s and latency
 * p50/p99 (HdrHistogram) at each {@code --threads}, and batch queries/s (all queries in one call).
 * Timed rounds alternate between all points, so a change in load touches every index alike; the
 * figures are medians over rounds. Also printed: the CPU model, the FP32 FMA peak and the memory
 * bandwidth measured first, exact batched search as a share of the peak and exact one-query search
 * as a share of the bandwidth, and the targets (binary ≥ 8×, int8 ≥ 2.5× the exact search's
 * queries/s at recall@10 ≥ 0.95 and 0.99) met or missed.
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = "Vector indexes side by side: recall@10/@100 against exact search vs queries/s, Pareto points.")
public final class BenchRetrievalCommand implements Callable<Integer> {
    /** Every index with its knobs swept; lucene-hnsw is skipped on corpora over --hnsw-max-docs. */
    static final String DEFAULT_INDEXES = "flat;int8 oversample=1,2,4,8;int8 rescore=false;"
            + "int4 oversample=2,4,8,16;int4 rescore=false;binary oversample=5,10,20,40,80;binary rescore=false;"
            + "lucene-hnsw m=16 beamWidth=100 efSearch=10,20,40,80,160,320;"
            + "lucene-hnsw quantization=int7 efSearch=20,80,320;"
            + "lucene-hnsw quantization=int4 efSearch=20,80,320;"
            + "lucene-hnsw quantization=binary rescore=true efSearch=40,160,640";
    /** Queries timed one at a time per round, at least (when --seconds runs out sooner). */
    private static final int MIN_SINGLE_QUERIES = 20;
    /** Least untimed one-query searching per point and thread count before the timed rounds. */
    private static final double WARMUP_SECONDS = 0.5;
    /** Bytes of the array the bandwidth is measured on: far beyond any cache. */
    private static final long STREAM_BYTES = 512L << 20;

    @Option(names = "--synthetic", description = "NxD synthetic clustered unit vectors, e.g. 1000000x384 (repeatable)")
    List<String> synthetic = new ArrayList<>();

    @Option(names = "--clusters", defaultValue = "4096", description = "mixture components of --synthetic")
    int clusters;

    @Option(names = "--spread", defaultValue = "1.0", description = "noise norm around each (unit) centroid")
    double spread;

    @Option(names = "--seed", defaultValue = "42", description = "seed of --synthetic")
    long seed;

    @Option(names = "--dataset", description = "beir:DIR whose corpus and judged queries are encoded (repeatable)")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--model", defaultValue = "minilm-l6", description = "model for --dataset")
    String model;

    @Option(names = "--engine", defaultValue = "simd", description = "encoder engine for --dataset")
    String engine;

    @Option(names = "--hdf5", description = "ann-benchmarks HDF5 file (train, test, neighbors) (repeatable)")
    List<Path> hdf5 = new ArrayList<>();

    @Option(names = "--queries", defaultValue = "1000", description = "queries used, at most (synthetic: generated)")
    int maxQueries;

    @Option(names = "--indexes", split = ";", defaultValue = DEFAULT_INDEXES,
            description = "index specs separated by ';': NAME key=value..., a comma list sweeps a value")
    List<String> indexes;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts")
    List<Integer> threads;

    @Option(names = "--seconds", defaultValue = "1", description = "seconds of one-query-at-a-time search per point, thread count and round")
    double seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds, alternating between all points")
    int rounds;

    @Option(names = "--hnsw-max-docs", defaultValue = "200000",
            description = "skip lucene-hnsw on larger corpora (its graph build is the slow part)")
    int hnswMaxDocs;

    @Option(names = "--peak-gflops", defaultValue = "0", description = "FP32 peak GFLOPS per core (default: measured)")
    double peakPerCore;

    @Option(names = "--html", description = "also write a self-contained HTML page plotting the frontier")
    Path html;

    /** One corpus: vectors, queries, and (BEIR) what nDCG needs. */
    record Corpus(String name, float[][] docs, float[][] queries, List<String> docIds, List<String> queryIds,
                  Dataset dataset) {
    }

    /** One measured point. */
    static final class Point {
        final String family;
        final String label;
        final VectorIndex index;
        final double buildSeconds;
        double recall10;
        double recall100;
        double ndcg10 = Double.NaN;
        final Map<Integer, List<Double>> singleQps = new LinkedHashMap<>();
        final Map<Integer, List<Double>> batchQps = new LinkedHashMap<>();
        final Map<Integer, Histogram> latency = new LinkedHashMap<>();
        boolean pareto;

        Point(String family, String label, VectorIndex index, double buildSeconds) {
            this.family = family;
            this.label = label;
            this.index = index;
            this.buildSeconds = buildSeconds;
        }

        double single(int t) {
            return median(singleQps.get(t));
        }

        double batch(int t) {
            return median(batchQps.get(t));
        }
    }

    @Override
    public Integer call() throws IOException {
        if (synthetic.isEmpty() && datasets.isEmpty() && hdf5.isEmpty()) {
            throw new UsageException("give a corpus: --synthetic NxD, --dataset beir:DIR or --hdf5 FILE");
        }
        if (maxQueries < 1 || rounds < 1 || seconds <= 0 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new UsageException("--queries and --rounds must be >= 1, --seconds > 0, --threads >= 1");
        }
        List<Spec> specs = new ArrayList<>();
        for (String s : indexes) {
            if (!s.isBlank()) {
                specs.add(Spec.parse(s.trim()));
            }
        }
        for (String s : synthetic) {
            parseShape(s);
        }
        String peakSource = "--peak-gflops";
        if (peakPerCore <= 0) {
            peakPerCore = FmaPeak.gflopsPerCore(2.0);
            peakSource = "measured FMA peak";
        }
        Map<Integer, Double> bandwidth = new LinkedHashMap<>();
        for (int t : threads) {
            bandwidth.put(t, streamGBps(t));
        }
        StringBuilder page = new StringBuilder();
        String header = String.format(Locale.ROOT, "on %s; FP32 peak %.0f GFLOPS per core (%s); streaming read %s;"
                        + " %s UTC", Hardware.current().describe(), peakPerCore, peakSource,
                String.join(", ", bandwidth.entrySet().stream().map(e -> String.format(Locale.ROOT, "%.1f GB/s at %d thread%s",
                        e.getValue(), e.getKey(), e.getKey() == 1 ? "" : "s")).toList()),
                LocalDate.now(ZoneOffset.UTC));
        System.out.println(header);
        for (String s : synthetic) {
            int[] shape = parseShape(s);
            Corpus c = syntheticCorpus(shape[0], shape[1]);
            page.append(bench(c, specs, bandwidth));
        }
        for (String d : datasets) {
            page.append(bench(beirCorpus(d), specs, bandwidth));
        }
        for (Path f : hdf5) {
            AnnBenchmarksFile file;
            try {
                file = AnnBenchmarksFile.read(f);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--hdf5 " + e.getMessage());
            }
            if (!file.distance().equals("angular")) {
                System.out.println("note: " + f + " is '" + file.distance() + "'; every index here ranks by inner"
                        + " product, so recall is against exact inner-product search, not the file's neighbors");
            }
            float[][] test = Arrays.copyOf(file.test(), Math.min(maxQueries, file.test().length));
            page.append(bench(new Corpus(f.getFileName().toString(), file.train(), test, null, null, null), specs,
                    bandwidth));
        }
        if (html != null) {
            Files.writeString(html, "<!doctype html><html><head><meta charset=\"utf-8\"><title>plumbline bench retrieval"
                    + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:13px}"
                    + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child{text-align:left}"
                    + "</style></head><body><h1>plumbline bench retrieval</h1><p>" + escape(header) + "</p>" + page
                    + "</body></html>\n", StandardCharsets.UTF_8);
            System.out.println("wrote " + html);
        }
        return 0;
    }

    private static int[] parseShape(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int n = Integer.parseInt(p[0].trim());
                int d = Integer.parseInt(p[1].trim());
                if (n > 0 && d > 0) {
                    return new int[] {n, d};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new UsageException("--synthetic expects NxD with positive N and D, e.g. 1000000x384; got '" + s + "'");
    }

    private Corpus syntheticCorpus(int n, int dim) {
        long t0 = System.nanoTime();
        SyntheticVectors set = new SyntheticVectors(dim, clusters, spread, seed);
        int maxThreads = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        // Queries come from the same mixture (stream 1), never from the corpus itself.
        float[][] docs = set.rows(0, 0, n, maxThreads);
        float[][] queries = set.rows(1, 0, maxQueries, maxThreads);
        System.out.printf(Locale.ROOT, "%nsynthetic %dx%d: %d clusters, spread %.2f, seed %d, %d queries (generated in %.1f s)%n",
                n, dim, clusters, spread, seed, queries.length, (System.nanoTime() - t0) / 1e9);
        return new Corpus(String.format(Locale.ROOT, "synthetic %dx%d", n, dim), docs, queries, null, null, null);
    }

    private Corpus beirCorpus(String spec) {
        Dataset d = Datasets.load(spec, new LoadOptions("test", OnError.FAIL, LoadOptions.DEFAULT_MAX_LINE_BYTES,
                LoadOptions.DEFAULT_MAX_ARCHIVE_BYTES, 1000));
        if (d.docs().isEmpty() || d.queries().isEmpty()) {
            throw new UsageException(spec + " has no corpus or no queries; --dataset needs a beir: dataset");
        }
        List<Query> queries = new ArrayList<>();
        for (Query q : d.queries()) {
            if ((d.qrels() == null || d.qrels().topic(q.id()) != null) && queries.size() < maxQueries) {
                queries.add(q);
            }
        }
        ModelSpec spec0 = ModelRegistry.get(model);
        EngineProvider provider = Engines.provider(engine);
        if (!provider.availability().available()) {
            throw new UsageException("--engine " + engine + " is " + provider.availability().describe());
        }
        float[][] docs;
        float[][] qv;
        try (Engine e = provider.open(spec0, new EngineOptions(threads.stream().mapToInt(Integer::intValue).max()
                .orElse(1), 32))) {
            docs = CachedEncoder.encode(e, d.docs().stream().map(Doc::fullText).toList(), false,
                    EmbeddingCache.defaultRoot(), (n, nanos, done, pending) -> { }).vectors();
            qv = CachedEncoder.encode(e, queries.stream().map(Query::text).toList(), true,
                    EmbeddingCache.defaultRoot(), (n, nanos, done, pending) -> { }).vectors();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot load model " + model + ": " + e.getMessage(), e);
        }
        System.out.printf(Locale.ROOT, "%n%s: %d documents, %d judged queries, %s on %s (embeddings cache %s)%n", spec,
                docs.length, qv.length, model, engine, EmbeddingCache.defaultRoot());
        return new Corpus(spec + " " + model, docs, qv, d.docs().stream().map(Doc::id).toList(),
                queries.stream().map(Query::id).toList(), d);
    }

    /** Benchmarks every spec on one corpus, prints its table and targets; returns its HTML section. */
    private String bench(Corpus c, List<Spec> specs, Map<Integer, Double> bandwidth) {
        int n = c.docs().length;
        int dim = c.docs()[0].length;
        int maxThreads = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Point> points = new ArrayList<>();
        SearchResults truth10 = null;
        SearchResults truth100 = null;
        Point flatPoint = null;
        // The exact reference first: its top 100 is the ground truth of every recall below.
        for (Spec s : withFlatFirst(specs)) {
            if (s.name.equals("lucene-hnsw") && n > hnswMaxDocs) {
                System.out.println("skipped " + s.text + ": " + n + " vectors, over --hnsw-max-docs " + hnswMaxDocs);
                continue;
            }
            // Built first with every swept value at its first: the index then says which options are
            // search-time (swept on this build) and which need builds of their own.
            Map<String, String> first = s.firstValues();
            long t00 = System.nanoTime();
            VectorIndex firstBuilt = VectorIndexes.build(s.name, c.docs(), new IndexOptions("--indexes " + s.name, first),
                    maxThreads);
            double firstSeconds = (System.nanoTime() - t00) / 1e9;
            for (Map<String, String> build : s.builds(firstBuilt.searchOptionNames())) {
                VectorIndex built = firstBuilt;
                double buildSeconds = firstSeconds;
                if (!build.equals(first)) {
                    long t0 = System.nanoTime();
                    built = VectorIndexes.build(s.name, c.docs(), new IndexOptions("--indexes " + s.name, build), maxThreads);
                    buildSeconds = (System.nanoTime() - t0) / 1e9;
                }
                if (truth10 == null) {
                    truth10 = built.search(c.queries(), 10, maxThreads);
                    truth100 = built.search(c.queries(), 100, maxThreads);
                }
                for (Map<String, String> search : s.searches(built)) {
                    VectorIndex index = search.isEmpty() ? built
                            : built.withSearchOptions(new IndexOptions("--indexes " + s.name, search));
                    Point p = new Point(s.name, index.describe(), index, buildSeconds);
                    if (s.implicit) {
                        flatPoint = p;
                    } else {
                        points.add(p);
                        if (s.name.equals("flat") && flatPoint == null) {
                            flatPoint = p;
                        }
                    }
                }
            }
        }
        List<Point> timed = new ArrayList<>(points);
        if (flatPoint != null && !points.contains(flatPoint)) {
            timed.add(0, flatPoint);
        }
        for (Point p : timed) {
            SearchResults r10 = p.index.search(c.queries(), 10, maxThreads);
            p.recall10 = recall(truth10, r10, 10);
            p.recall100 = recall(truth100, p.index.search(c.queries(), 100, maxThreads), 100);
            if (c.dataset() != null && c.dataset().qrels() != null) {
                p.ndcg10 = ndcg10(c, r10);
            }
            // Warm-up, untimed: one-query searches for a while at every thread count, so the JIT has
            // compiled each index's one-query path (the Vector API is very slow until C2 has) before
            // any timed query; the batch path was warmed by the recall searches above.
            for (int t : threads) {
                long end = System.nanoTime() + (long) (Math.max(WARMUP_SECONDS, seconds / 2) * 1e9);
                for (int q = 0; q < MIN_SINGLE_QUERIES || System.nanoTime() < end; q++) {
                    p.index.search(new float[][] {c.queries()[q % c.queries().length]}, 10, t);
                }
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (Point p : timed) {
                for (int t : threads) {
                    p.singleQps.computeIfAbsent(t, x -> new ArrayList<>()).add(single(p, c.queries(), t));
                    long t0 = System.nanoTime();
                    p.index.search(c.queries(), 10, t);
                    p.batchQps.computeIfAbsent(t, x -> new ArrayList<>())
                            .add(c.queries().length / ((System.nanoTime() - t0) / 1e9));
                }
            }
        }
        markPareto(points, threads.getFirst());
        String table = table(c, points, dim);
        System.out.print(table);
        String summary = summary(c, flatPoint, points, n, dim, bandwidth);
        System.out.print(summary);
        return "<h2>" + escape(c.name()) + "</h2>" + svg(points, threads.getFirst()) + "<pre>" + escape(table + summary)
                + "</pre>";
    }

    private static List<Spec> withFlatFirst(List<Spec> specs) {
        List<Spec> out = new ArrayList<>();
        Spec flat = specs.stream().filter(s -> s.name.equals("flat")).findFirst().orElse(null);
        out.add(flat != null ? flat : new Spec("flat", "flat", new LinkedHashMap<>(), true));
        for (Spec s : specs) {
            if (s != flat) {
                out.add(s);
            }
        }
        return out;
    }

    /** One-query-at-a-time queries/s for at least --seconds (and at least a few queries), latencies recorded. */
    private double single(Point p, float[][] queries, int t) {
        Histogram h = p.latency.computeIfAbsent(t, x -> new Histogram(3_600_000_000L, 3));
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int done = 0;
        int q = 0;
        while (done < Math.min(MIN_SINGLE_QUERIES, queries.length) || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            p.index.search(new float[][] {queries[q]}, 10, t);
            h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
            done++;
            q = (q + 1) % queries.length;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    static double recall(SearchResults truth, SearchResults got, int k) {
        long hits = 0;
        long total = 0;
        for (int q = 0; q < truth.ids().length; q++) {
            Set<Integer> want = new HashSet<>();
            for (int r = 0; r < Math.min(k, truth.ids()[q].length); r++) {
                want.add(truth.ids()[q][r]);
            }
            for (int r = 0; r < Math.min(k, got.ids()[q].length); r++) {
                if (want.contains(got.ids()[q][r])) {
                    hits++;
                }
            }
            total += want.size();
        }
        return total == 0 ? Double.NaN : (double) hits / total;
    }

    private static double ndcg10(Corpus c, SearchResults r) {
        Map<String, TopicRun> topics = new LinkedHashMap<>();
        for (int q = 0; q < r.ids().length; q++) {
            TopicRun.Builder b = TopicRun.builder(c.queryIds().get(q));
            for (int i = 0; i < r.ids()[q].length; i++) {
                b.add(c.docIds().get(r.ids()[q][i]), r.scores()[q][i]);
            }
            topics.put(c.queryIds().get(q), b.build());
        }
        return IrEvaluator.of(c.dataset().qrels(), List.of("ndcg_cut.10"), EvalParams.DEFAULTS.withAverageComplete(true))
                .evaluate(new Run("bench", topics)).summary("ndcg_cut_10");
    }

    /** Marks the points no other point beats on both recall@10 and one-query queries/s at {@code t} threads. */
    static void markPareto(List<Point> points, int t) {
        for (Point p : points) {
            p.pareto = true;
            for (Point o : points) {
                if (o != p && o.recall10 >= p.recall10 && o.single(t) >= p.single(t)
                        && (o.recall10 > p.recall10 || o.single(t) > p.single(t))) {
                    p.pareto = false;
                    break;
                }
            }
        }
    }

    private String table(Corpus c, List<Point> points, int dim) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n%s, %d queries, k = 10; q/s one query at a time (median of %d rounds),"
                        + " batch = all queries in one call; * = Pareto point (recall@10 vs q/s at %d thread%s)%n",
                c.name(), c.queries().length, rounds, threads.getFirst(), threads.getFirst() == 1 ? "" : "s"));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-62s %7s %7s %7s %6s %6s", "index", "build s",
                "B/vec", "codes B", "R@10", "R@100"));
        if (c.dataset() != null) {
            h.append(String.format(Locale.ROOT, " %7s", "nDCG@10"));
        }
        for (int t : threads) {
            h.append(String.format(Locale.ROOT, " %9s %7s %7s", "q/s " + t + "t", "p50 ms", "p99 ms"));
        }
        for (int t : threads) {
            h.append(String.format(Locale.ROOT, " %10s", "batch " + t + "t"));
        }
        b.append(h).append(" P\n");
        for (Point p : points) {
            int n = p.index.size();
            b.append(String.format(Locale.ROOT, "%-62s %7.2f %7.0f %7.0f %6.4f %6.4f", p.label, p.buildSeconds,
                    (double) p.index.bytes() / n, (double) (p.index.bytes() - p.index.rescoreBytes()) / n,
                    p.recall10, p.recall100));
            if (c.dataset() != null) {
                b.append(String.format(Locale.ROOT, " %7.4f", p.ndcg10));
            }
            for (int t : threads) {
                Histogram hist = p.latency.get(t);
                b.append(String.format(Locale.ROOT, " %9.1f %7.3f %7.3f", p.single(t),
                        hist.getValueAtPercentile(50) / 1000.0, hist.getValueAtPercentile(99) / 1000.0));
            }
            for (int t : threads) {
                b.append(String.format(Locale.ROOT, " %10.1f", p.batch(t)));
            }
            b.append(p.pareto ? " *" : "").append('\n');
        }
        return b.toString();
    }

    /** Exact search against the machine's limits, and the targets. */
    private String summary(Corpus c, Point flat, List<Point> points, int n, int dim, Map<Integer, Double> bandwidth) {
        StringBuilder b = new StringBuilder();
        if (flat == null) {
            return "";
        }
        double flopPerQuery = 2.0 * n * dim;
        for (int t : threads) {
            double gflops = flat.batch(t) * flopPerQuery / 1e9;
            double gbps = flat.single(t) * flat.index.bytes() / 1e9;
            b.append(String.format(Locale.ROOT, "exact flat, %d thread%s: batched %.1f GFLOPS = %.0f%% of FP32 peak"
                            + " (%.0f GFLOPS); one query at a time %.1f GB/s = %.0f%% of the streaming read (%.1f GB/s)%s%n",
                    t, t == 1 ? "" : "s", gflops, 100 * gflops / (peakPerCore * t), peakPerCore * t, gbps,
                    100 * gbps / bandwidth.get(t), bandwidth.get(t),
                    // Below the streaming array's size the caches serve part of each scan: not a memory figure.
                    flat.index.bytes() < STREAM_BYTES ? " (index smaller than the 512 MiB streaming array: caches"
                            + " serve part of it)" : ""));
        }
        int t1 = threads.contains(1) ? 1 : threads.getFirst();
        b.append(target(points, flat, "binary", 0.95, 8, t1));
        b.append(target(points, flat, "int8", 0.99, 2.5, t1));
        b.append(String.format(Locale.ROOT, "memory per vector (codes, without the FP32 copy kept for rescoring):"
                + " %s%n", String.join(" → ", List.of("flat", "int8", "int4", "binary").stream().map(name -> {
            Point p = points.stream().filter(x -> x.family.equals(name)).findFirst().orElse(name.equals("flat") ? flat : null);
            return p == null ? name + " (not run)" : String.format(Locale.ROOT, "%s %.0f B",
                    name, (double) (p.index.bytes() - p.index.rescoreBytes()) / n);
        }).toList())));
        return b.toString();
    }

    private String target(List<Point> points, Point flat, String family, double minRecall, double ratio, int t) {
        Point best = null;
        Point bestBatch = null;
        for (Point p : points) {
            if (p.family.equals(family) && p.recall10 >= minRecall) {
                if (best == null || p.single(t) > best.single(t)) {
                    best = p;
                }
                if (bestBatch == null || p.batch(t) > bestBatch.batch(t)) {
                    bestBatch = p;
                }
            }
        }
        if (best == null) {
            return String.format(Locale.ROOT, "target %s ≥ %.1f× exact at recall@10 ≥ %.2f: MISSED, no %s point reaches"
                    + " that recall%n", family, ratio, minRecall, family);
        }
        double r = best.single(t) / flat.single(t);
        double rb = bestBatch.batch(t) / flat.batch(t);
        return String.format(Locale.ROOT, "target %s ≥ %.1f× exact at recall@10 ≥ %.2f, %d thread: one query at a time"
                        + " %.1f× (%s, recall@10 %.4f, %.1f vs %.1f q/s) %s; batched %.1f× (%s, %.1f vs %.1f q/s) %s%n",
                family, ratio, minRecall, t, r, best.label, best.recall10, best.single(t), flat.single(t),
                r >= ratio ? "MET" : "MISSED", rb, bestBatch.label, bestBatch.batch(t), flat.batch(t),
                rb >= ratio ? "MET" : "MISSED");
    }

    /**
     * Best GB/s of summing a 512 MiB array on {@code t} threads ({@link StreamBandwidth}: the
     * Vector API loop lives there, so this command class loads in a JVM without the incubator
     * module, as picocli inspects every command when the CLI starts).
     */
    static double streamGBps(int t) {
        return StreamBandwidth.gbPerSecond(t, STREAM_BYTES);
    }

    /** Inline SVG: recall@10 (x) against one-query q/s (y, log scale), each family's frontier as a line. */
    static String svg(List<Point> points, int t) {
        if (points.isEmpty()) {
            return "";
        }
        int w = 760;
        int hgt = 460;
        int left = 70;
        int right = 200;
        int top = 20;
        int bottom = 50;
        double minRecall = Math.floor(points.stream().mapToDouble(p -> p.recall10).min().orElse(0) * 10) / 10;
        minRecall = Math.min(minRecall, 0.9);
        double lo = Math.floor(Math.log10(points.stream().mapToDouble(p -> p.single(t)).min().orElse(1)));
        double hi = Math.ceil(Math.log10(points.stream().mapToDouble(p -> p.single(t)).max().orElse(10)));
        if (hi <= lo) {
            hi = lo + 1;
        }
        double x0 = minRecall;
        double ylo = lo;
        double yhi = hi;
        java.util.function.DoubleUnaryOperator fx = r -> left + (r - x0) / (1 - x0) * (w - left - right);
        java.util.function.DoubleUnaryOperator fy = q -> top + (yhi - Math.log10(q)) / (yhi - ylo) * (hgt - top - bottom);
        String[] colors = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"12\">", w, hgt));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                left, top, w - left - right, hgt - top - bottom));
        for (double e = lo; e <= hi; e++) {
            double y = fy.applyAsDouble(Math.pow(10, e));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left, w - right, y, y, left - 6, y + 4,
                    e >= 3 ? String.format(Locale.ROOT, "%.0fk", Math.pow(10, e - 3)) : String.format(Locale.ROOT, "%.0f", Math.pow(10, e))));
        }
        for (double r = x0; r <= 1.0001; r += (1 - x0) / 5) {
            double x = fx.applyAsDouble(r);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>", x,
                    hgt - bottom + 16, r));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">recall@10</text>",
                left + (w - left - right) / 2, hgt - 10));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">"
                + "queries/s, one at a time, %d thread%s</text>", top + (hgt - top - bottom) / 2, top + (hgt - top - bottom) / 2,
                t, t == 1 ? "" : "s"));
        List<String> families = points.stream().map(p -> p.family).distinct().toList();
        for (int f = 0; f < families.size(); f++) {
            String color = colors[f % colors.length];
            String fam = families.get(f);
            List<Point> mine = points.stream().filter(p -> p.family.equals(fam)).toList();
            // The family's own frontier: sorted by recall, keep a point when no other of the family beats it on both.
            List<Point> front = new ArrayList<>();
            for (Point p : mine) {
                boolean dominated = mine.stream().anyMatch(o -> o != p && o.recall10 >= p.recall10 && o.single(t) >= p.single(t)
                        && (o.recall10 > p.recall10 || o.single(t) > p.single(t)));
                if (!dominated) {
                    front.add(p);
                }
            }
            front.sort((a, b) -> Double.compare(a.recall10, b.recall10));
            StringBuilder line = new StringBuilder();
            for (Point p : front) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", fx.applyAsDouble(p.recall10), fy.applyAsDouble(p.single(t))));
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(line.toString().trim()).append("\"/>");
            for (Point p : mine) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%s: recall@10"
                                + " %.4f, %.1f q/s</title></circle>", fx.applyAsDouble(p.recall10), fy.applyAsDouble(p.single(t)),
                        p.pareto ? 5 : 3, color, escape(p.label), p.recall10, p.single(t)));
            }
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", w - right + 14, top + 18 * f, color, w - right + 32, top + 18 * f + 11,
                    escape(fam)));
        }
        return s.append("</svg>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static double median(List<Double> xs) {
        if (xs == null || xs.isEmpty()) {
            return Double.NaN;
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** One {@code --indexes} entry: a name and options whose comma lists are swept. */
    static final class Spec {
        final String name;
        final String text;
        final Map<String, String> options;
        /** The flat index added for the ground truth when the user did not list it (not reported). */
        final boolean implicit;

        Spec(String name, String text, Map<String, String> options, boolean implicit) {
            this.name = name;
            this.text = text;
            this.options = options;
            this.implicit = implicit;
        }

        static Spec parse(String text) {
            String[] words = text.split("\\s+");
            VectorIndexProvider provider;
            try {
                provider = VectorIndexes.provider(words[0]);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--indexes '" + text + "': " + e.getMessage());
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                if (eq <= 0 || eq == words[i].length() - 1) {
                    throw new UsageException("--indexes '" + text + "': expected key=value, got '" + words[i] + "'");
                }
                String key = words[i].substring(0, eq);
                if (!provider.optionNames().contains(key)) {
                    throw new UsageException("--indexes '" + text + "': index '" + provider.name() + "' has no option '"
                            + key + "'; it knows " + String.join(", ", new java.util.TreeSet<>(provider.optionNames())));
                }
                options.put(key, words[i].substring(eq + 1));
            }
            return new Spec(provider.name(), text, options, false);
        }

        /** Every option at its first value. */
        Map<String, String> firstValues() {
            Map<String, String> m = new LinkedHashMap<>();
            options.forEach((k, v) -> m.put(k, v.split(",")[0].trim()));
            return m;
        }

        /** The build-option combinations; options in {@code searchKeys} stay at their first value here. */
        List<Map<String, String>> builds(Set<String> searchKeys) {
            Map<String, String> fixed = firstValues();
            Map<String, List<String>> swept = new LinkedHashMap<>();
            for (var e : options.entrySet()) {
                List<String> values = List.of(e.getValue().split(","));
                if (values.size() > 1 && !searchKeys.contains(e.getKey())) {
                    swept.put(e.getKey(), values);
                }
            }
            return product(fixed, swept);
        }

        /** The search-option combinations to try on one build (empty map: as built). */
        List<Map<String, String>> searches(VectorIndex built) {
            Map<String, List<String>> swept = new LinkedHashMap<>();
            for (var e : options.entrySet()) {
                if (built.searchOptionNames().contains(e.getKey()) && e.getValue().contains(",")) {
                    swept.put(e.getKey(), List.of(e.getValue().split(",")));
                }
            }
            return swept.isEmpty() ? List.of(Map.of()) : product(new LinkedHashMap<>(), swept);
        }

        private static List<Map<String, String>> product(Map<String, String> fixed, Map<String, List<String>> swept) {
            List<Map<String, String>> out = new ArrayList<>();
            out.add(new LinkedHashMap<>(fixed));
            for (var e : swept.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> m : out) {
                    for (String v : e.getValue()) {
                        Map<String, String> copy = new LinkedHashMap<>(m);
                        copy.put(e.getKey(), v.trim());
                        next.add(copy);
                    }
                }
                out = next;
            }
            return out;
        }
    }
}
