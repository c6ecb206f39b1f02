package dev.plumbline.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Loads datasets from spec strings {@code FORMAT:LOCATION}:
 * <ul>
 *   <li>{@code beir:DIR} or {@code beir:FILE.zip} — BEIR corpus, queries and qrels of a split</li>
 *   <li>{@code trec:QRELS[,RUN]} — TREC qrels and run, read as trec_eval reads them</li>
 *   <li>{@code rag:FILE.jsonl|.json|.csv} — RAG samples with RAGAS field names</li>
 *   <li>{@code halueval:FILE} — HaluEval QA, dialogue, summarization or general files</li>
 *   <li>{@code ragtruth:DIR} — RAGTruth {@code response.jsonl} + {@code source_info.jsonl}</li>
 *   <li>{@code begin:FILE.tsv} — BEGIN groundedness labels</li>
 *   <li>{@code builtin:demo} — the generated demo benchmark</li>
 * </ul>
 */
public final class Datasets {
    private static volatile Map<String, DatasetFormat> formats;

    private Datasets() {
    }

    /**
     * The result of {@link #validate}: every problem found, and the dataset when it could be read.
     *
     * @param report  problems, skipped records and notes
     * @param dataset the dataset (documents not retained), or {@code null} when a problem stopped the load
     */
    public record Validation(LoadReport report, Dataset dataset) {
        /** Whether no error was found (warnings allowed). */
        public boolean valid() {
            return !report.hasErrors();
        }
    }

    /** Loads with the default options (format defaults, fail on the first problem). */
    public static Dataset load(String spec) {
        return load(spec, LoadOptions.DEFAULTS);
    }

    /** Loads a dataset and keeps everything in memory. */
    public static Dataset load(String spec, LoadOptions options) {
        return run(spec, options, null);
    }

    /**
     * Loads a dataset, handing each document to {@code docs} instead of keeping it: memory then
     * holds one document at a time plus the ids (for the duplicate and qrels checks).
     */
    public static Dataset stream(String spec, LoadOptions options, Consumer<Doc> docs) {
        return run(spec, options, java.util.Objects.requireNonNull(docs, "docs"));
    }

    /**
     * Reads a dataset to find every problem: records are skipped and listed rather than failing,
     * documents are streamed, not kept. A problem that stops reading (e.g. a broken JSON array) is
     * listed too.
     */
    public static Validation validate(String spec, LoadOptions options) {
        LoadOptions o = options.withOnError(OnError.SKIP);
        DatasetFormat f = format(spec);
        DatasetBuilder b = new DatasetBuilder(spec, f.prefix(), o, d -> { });
        try {
            f.load(location(spec), b);
            Dataset d = b.build();
            return new Validation(d.report(), d);
        } catch (DatasetFormatException e) {
            return new Validation(b.report(e), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec + ": " + e.getMessage(), e);
        }
    }

    private static Dataset run(String spec, LoadOptions options, Consumer<Doc> docs) {
        DatasetFormat f = format(spec);
        DatasetBuilder b = new DatasetBuilder(spec, f.prefix(), options, docs);
        try {
            f.load(location(spec), b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    /** All formats, by prefix. */
    public static List<DatasetFormat> formats() {
        List<DatasetFormat> list = new ArrayList<>(registry().values());
        list.sort(Comparator.comparing(DatasetFormat::prefix));
        return list;
    }

    /**
     * The format a spec names.
     *
     * @throws IllegalArgumentException for a spec without a known prefix or without a location
     */
    public static DatasetFormat format(String spec) {
        int colon = spec.indexOf(':');
        String known = String.join(", ", registry().keySet());
        if (colon <= 0) {
            throw new IllegalArgumentException("dataset spec \"" + spec + "\" has no format (expected FORMAT:PATH, "
                    + "e.g. beir:data/scifact, with FORMAT one of " + known + ")");
        }
        String prefix = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        DatasetFormat f = registry().get(prefix);
        if (f == null) {
            throw new IllegalArgumentException("unknown dataset format \"" + spec.substring(0, colon) + "\" in \"" + spec
                    + "\" (expected one of " + known + ")");
        }
        if (spec.length() == colon + 1) {
            throw new IllegalArgumentException("dataset spec \"" + spec + "\" has no location (expected " + f.synopsis() + ")");
        }
        return f;
    }

    private static String location(String spec) {
        return spec.substring(spec.indexOf(':') + 1);
    }

    private static Map<String, DatasetFormat> registry() {
        Map<String, DatasetFormat> m = formats;
        if (m == null) {
            synchronized (Datasets.class) {
                m = formats;
                if (m == null) {
                    m = new TreeMap<>();
                    for (DatasetFormat f : ServiceLoader.load(DatasetFormat.class, Datasets.class.getClassLoader())) {
                        DatasetFormat prev = m.putIfAbsent(f.prefix(), f);
                        if (prev != null && prev.getClass() != f.getClass()) {
                            throw new IllegalStateException("two dataset formats claim the prefix " + f.prefix() + ": "
                                    + prev.getClass().getName() + " and " + f.getClass().getName());
                        }
                    }
                    formats = m;
                }
            }
        }
        return m;
    }

    /** {@code beir:DIR|FILE.zip  BEIR corpus…} lines for help texts. */
    public static String formatsHelp() {
        int w = formats().stream().mapToInt(f -> f.synopsis().length()).max().orElse(0);
        return formats().stream().map(f -> String.format(Locale.ROOT, "  %-" + w + "s  %s", f.synopsis(), f.description()))
                .collect(Collectors.joining("\n"));
    }
}
