package dev.plumbline.harness.cli;

import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.datasets.trec.TrecRunReader;
import dev.plumbline.engines.retrieval.Fusion;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.TrecRunWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code plumbline fuse}: ranx's {@code fuse} for the shell. Reads TREC runs from anywhere, takes
 * each topic's ranks the way trec_eval orders a run (score descending, ties by docno descending in
 * bytes, whatever the rank column says), fuses them with {@link Fusion} and writes one TREC run,
 * whose own ties are broken the same way, so trec_eval reads back exactly the fused order.
 */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = "Fuse TREC runs: rrf, or sum / mnz / wsum over min-max, max or zmuv normalized scores (ranx's names).")
public final class FuseCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "TREC run files (qid Q0 docno rank score tag), two or more")
    List<Path> runs;

    @Option(names = "--method", defaultValue = "rrf", description = "rrf (default), sum (CombSUM), mnz (CombMNZ) or wsum")
    String method;

    @Option(names = "--k", description = "rrf: k in 1 / (k + rank) (default 60)")
    Integer k;

    @Option(names = "--norm", description = "sum, mnz, wsum: min-max (default), max or zmuv (z-score)")
    String norm;

    @Option(names = "--weights", split = ",", description = "wsum: one weight per run, comma-separated")
    List<Double> weights;

    @Option(names = "--alpha", description = "wsum over two runs: weights alpha and 1 - alpha")
    Double alpha;

    @Option(names = "--depth", defaultValue = "1000", description = "documents kept per topic (default 1000)")
    int depth;

    @Option(names = "--tag", description = "run tag written in the last column (default plumbline-fuse-METHOD)")
    String tag;

    @Option(names = "--out", description = "file to write (default: stdout)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Fusion fusion = fusion();
        if (depth < 1 || depth > 1_000_000) {
            throw new UsageException("--depth must be from 1 to 1000000, got " + depth);
        }
        if (tag != null && (tag.isBlank() || tag.chars().anyMatch(Character::isWhitespace))) {
            throw new UsageException("--tag must be one word without spaces, got '" + tag + "'");
        }
        if (out != null && Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a folder; give the TREC run file to write");
        }
        List<Run> read = new ArrayList<>();
        for (Path p : runs) {
            read.add(TrecRunReader.read(p, true));
        }
        List<TrecRunWriter.Topic> topics = fuse(read, fusion, depth);
        String runTag = tag != null ? tag : "plumbline-fuse-" + fusion.method();
        if (out != null) {
            TrecRunWriter.write(out, runTag, topics);
        } else {
            Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            TrecRunWriter.write(w, runTag, topics);
            w.flush();
        }
        return 0;
    }

    private Fusion fusion() {
        if (!Fusion.METHODS.contains(method)) {
            throw new UsageException("--method: unknown fusion method '" + method + "'; use " + String.join(", ",
                    Fusion.METHODS));
        }
        if (k != null && !method.equals("rrf")) {
            throw new UsageException("--k is rrf's constant; " + method + " takes none, so drop --k");
        }
        if (alpha != null && weights != null) {
            throw new UsageException("give --weights or --alpha, not both");
        }
        double[] w = weights == null ? null : weights.stream().mapToDouble(Double::doubleValue).toArray();
        if (alpha != null) {
            if (runs.size() != 2 || !(alpha >= 0 && alpha <= 1)) {
                throw new UsageException("--alpha weighs two runs (alpha, 1 - alpha) with alpha from 0 to 1; got "
                        + alpha + " for " + runs.size() + " runs (give --weights for more)");
            }
            w = new double[] {alpha, 1 - alpha};
        }
        if (w != null && !method.equals("wsum")) {
            throw new UsageException("--weights and --alpha apply to --method wsum");
        }
        if (w != null && w.length != runs.size()) {
            throw new UsageException("--weights has " + w.length + " weights for " + runs.size() + " runs; give one per run");
        }
        try {
            return Fusion.of(method, k != null ? k : Fusion.DEFAULT_K, norm, w);
        } catch (IllegalArgumentException e) {
            throw new UsageException((norm != null ? "--norm: " : "--k: ") + e.getMessage());
        }
    }

    /**
     * Fuses every topic any run has, in the order topics first appear (first run first); a run
     * without a topic adds nothing to it (an empty list, so weights stay with their runs).
     */
    static List<TrecRunWriter.Topic> fuse(List<Run> runs, Fusion fusion, int depth) {
        Set<String> qids = new LinkedHashSet<>();
        for (Run r : runs) {
            qids.addAll(r.topics().keySet());
        }
        List<TrecRunWriter.Topic> out = new ArrayList<>();
        for (String qid : qids) {
            Map<String, Integer> keys = new HashMap<>();
            List<byte[]> docnos = new ArrayList<>();
            List<Fusion.Ranked> lists = new ArrayList<>();
            for (Run r : runs) {
                TopicRun t = r.topic(qid);
                if (t == null) {
                    lists.add(new Fusion.Ranked(new int[0], new double[0]));
                    continue;
                }
                Integer[] order = new Integer[t.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                // trec_eval's order: score descending, then docno descending (byte order).
                Arrays.sort(order, (a, b) -> t.score(a) != t.score(b) ? Double.compare(t.score(b), t.score(a))
                        : t.compareDocnos(b, a));
                int[] ks = new int[order.length];
                double[] scores = new double[order.length];
                for (int i = 0; i < order.length; i++) {
                    String docno = t.docno(order[i]);
                    Integer key = keys.get(docno);
                    if (key == null) {
                        key = docnos.size();
                        keys.put(docno, key);
                        docnos.add(docno.getBytes(StandardCharsets.UTF_8));
                    }
                    ks[i] = key;
                    scores[i] = t.score(order[i]);
                }
                lists.add(new Fusion.Ranked(ks, scores));
            }
            Fusion.Ranked fused = fusion.fuse(lists, depth, (a, b) -> Arrays.compareUnsigned(docnos.get(b), docnos.get(a)));
            List<String> names = new ArrayList<>();
            for (int key : fused.keys()) {
                names.add(new String(docnos.get(key), StandardCharsets.UTF_8));
            }
            out.add(new TrecRunWriter.Topic(qid, names, fused.scores()));
        }
        return out;
    }
}
