package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetCounts;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadReport;
import dev.plumbline.datasets.Problem;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.trec.TopicQrels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code plumbline datasets info SPEC}: counts, fingerprint, report and a few examples. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a dataset's counts, fingerprint, load report and a few examples.")
public final class DatasetsInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Dataset spec, e.g. beir:data/scifact or builtin:demo.")
    String spec;

    @Mixin
    DatasetOptions options;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "3", description = "Examples of each kind (default 3).")
    int examples;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "20",
            description = "Problems listed one by one (default 20; all are counted).")
    int maxProblems;

    @Override
    public Integer call() {
        if (examples < 0 || maxProblems < 0) {
            throw new IllegalArgumentException("--examples and --max-problems must be >= 0");
        }
        Dataset d = Datasets.load(spec, options.toLoadOptions().withMaxProblemsKept(maxProblems));
        PrintWriter out = DatasetsCommand.stdout();
        print(d, out, examples);
        out.flush();
        return 0;
    }

    static void print(Dataset d, PrintWriter out, int examples) {
        DatasetCounts c = d.counts();
        row(out, "dataset", d.spec());
        row(out, "format", d.format() + (d.split() == null ? "" : " (split " + d.split() + ")"));
        row(out, "fingerprint", d.fingerprint());
        row(out, "docs", Long.toString(c.docs()));
        row(out, "queries", Long.toString(c.queries()));
        row(out, "judgments", Long.toString(c.judgments()));
        if (d.run() != null) {
            row(out, "run", c.runResults() + " results, " + d.run().topics().size() + " topics, tag " + d.run().runId());
        }
        row(out, "samples", Long.toString(c.samples()));
        if (!c.labels().isEmpty()) {
            row(out, "labels", join(c.labels()));
        }
        Map<String, Long> types = new TreeMap<>();
        for (RagSample s : d.samples()) {
            if (s.hallucinationType() != null) {
                types.merge(s.hallucinationType(), 1L, Long::sum);
            }
        }
        if (!types.isEmpty()) {
            row(out, "types", join(types));
        }
        LoadReport r = d.report();
        if (!r.files().isEmpty()) {
            out.println("files");
            for (LoadReport.FileSummary f : r.files()) {
                out.println("  " + f.file() + ": " + f.records() + " records" + (f.skipped() > 0 ? ", " + f.skipped()
                        + " skipped" : ""));
            }
        }
        if (!r.notes().isEmpty()) {
            out.println("notes");
            r.notes().forEach(n -> out.println("  " + n));
        }
        row(out, "problems", r.summary());
        printProblems(r, out);
        if (examples > 0) {
            printExamples(d, out, examples);
        }
    }

    static void printProblems(LoadReport r, PrintWriter out) {
        for (Problem p : r.problems()) {
            out.println("  " + (p.severity() == Problem.Severity.WARNING ? "warning: " : "error: ") + p);
        }
        if (r.unlisted() > 0) {
            Map<String, Long> byCheck = new TreeMap<>();
            r.byCheck().forEach((k, v) -> byCheck.put(k.id(), v));
            out.println("  ... and " + r.unlisted() + " more not listed (all problems by check: " + join(byCheck) + ")");
        }
    }

    private static void printExamples(Dataset d, PrintWriter out, int n) {
        List<String> lines = new ArrayList<>();
        for (Doc doc : d.docs().subList(0, Math.min(n, d.docs().size()))) {
            lines.add("doc " + doc.id() + ": " + clip((doc.title().isEmpty() ? "" : doc.title() + " | ") + doc.text()));
        }
        for (Query q : d.queries().subList(0, Math.min(n, d.queries().size()))) {
            lines.add("query " + q.id() + ": " + clip(q.text()));
        }
        if (d.qrels() != null) {
            int shown = 0;
            for (TopicQrels t : d.qrels().topics().values()) {
                for (int i = 0; i < t.size() && shown < n; i++, shown++) {
                    lines.add("judgment " + t.qid() + " " + t.docno(i) + " " + t.relevance(i));
                }
                if (shown >= n) {
                    break;
                }
            }
        }
        for (RagSample s : d.samples().subList(0, Math.min(n, d.samples().size()))) {
            String label = s.label() == null ? "" : " [" + s.label().id()
                    + (s.hallucinationType() == null ? "" : ", " + s.hallucinationType()) + "]";
            lines.add("sample " + s.id() + label + ": " + clip(s.userInput()) + " -> "
                    + (s.response() == null ? "(no response)" : clip(s.response())) + " (" + s.retrievedContexts().size()
                    + " contexts)");
        }
        if (!lines.isEmpty()) {
            out.println("examples");
            lines.forEach(l -> out.println("  " + l));
        }
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("%-12s %s%n", key, value);
    }

    private static String join(Map<String, Long> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return b.toString();
    }

    /** One line of at most 100 characters. */
    static String clip(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= 100 ? t : t.substring(0, 97) + "...";
    }
}
