package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.EngineMemory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * Other retrievers fused per query (see {@link HybridRetrieverProvider}). Each part's list is
 * read in trec_eval's order (score descending, ties by document id descending in bytes), so the
 * fused run equals {@code plumbline fuse} over the parts' run files at the same depth, and the
 * fused list breaks its own ties the same way. One query's parts run one after the other, so its
 * latency is their sum plus the fusion (each recorded on its own as {@code PART.STAGE} and {@code fuse}).
 */
final class HybridRetriever implements Retriever {
    private final String name;
    private final List<Retriever> parts;
    private final Fusion fusion;
    private final int depth;
    private final byte[][] ids;
    private final IntBinaryOperator docnoDescending;

    HybridRetriever(String name, List<Retriever> parts, Fusion fusion, int depth, Corpus corpus) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.fusion = fusion;
        this.depth = depth;
        this.ids = new byte[corpus.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = corpus.ids().get(i).getBytes(StandardCharsets.UTF_8);
        }
        this.docnoDescending = (a, b) -> Arrays.compareUnsigned(ids[b], ids[a]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "hybrid";
    }

    @Override
    public String describe() {
        return "hybrid " + fusion.describe() + " depth=" + depth + " of [" + String.join(", ",
                parts.stream().map(p -> p.name() + ": " + p.describe()).toList()) + "]";
    }

    @Override
    public long bytes() {
        return parts.stream().mapToLong(Retriever::bytes).sum();
    }

    @Override
    public double buildMillis() {
        return parts.stream().mapToDouble(Retriever::buildMillis).sum();
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("retriever", describe());
        d.put("fusion", fusion.describe());
        d.put("depth", Integer.toString(depth));
        for (Retriever p : parts) {
            p.details().forEach((k, v) -> d.put(p.name() + "." + k, v));
        }
        return d;
    }

    @Override
    public String kernelBackend() {
        return String.join("+", parts.stream().map(Retriever::kernelBackend).filter(s -> !s.isEmpty()).toList());
    }

    @Override
    public String modelSource() {
        return String.join(" + ", parts.stream().map(Retriever::modelSource).filter(s -> !s.isEmpty()).toList());
    }

    @Override
    public String modelSha256() {
        return String.join("+", parts.stream().map(Retriever::modelSha256).filter(s -> !s.isEmpty()).toList());
    }

    /** The parts' encoders together; unknown when any part's is unknown and another's known. */
    @Override
    public EngineMemory engineMemory() {
        long[] sum = new long[4];
        boolean any = false;
        for (Retriever p : parts) {
            EngineMemory m = p.engineMemory();
            if (m.equals(EngineMemory.NOT_REPORTED)) {
                continue;
            }
            any = true;
            long[] v = {m.weightBytes(), m.scratchBytes(), m.offHeapBytes(), m.nativeRssGrowthBytes()};
            for (int i = 0; i < 4; i++) {
                sum[i] = sum[i] < 0 || v[i] < 0 ? EngineMemory.UNKNOWN : sum[i] + v[i];
            }
        }
        return any ? new EngineMemory(sum[0], sum[1], sum[2], sum[3]) : EngineMemory.NOT_REPORTED;
    }

    @Override
    public Hits search(String query, int k) {
        Map<String, Long> stages = new LinkedHashMap<>();
        List<Fusion.Ranked> lists = new ArrayList<>(parts.size());
        for (Retriever p : parts) {
            Hits h = p.search(query, depth);
            h.stageNanos().forEach((s, ns) -> stages.put(p.name() + "." + s, ns));
            lists.add(trecOrder(h));
        }
        long t0 = System.nanoTime();
        Fusion.Ranked fused = fusion.fuse(lists, k, docnoDescending);
        stages.put("fuse", System.nanoTime() - t0);
        return new Hits(fused.keys(), fused.scores(), stages);
    }

    @Override
    public List<Hits> searchAll(List<String> queries, int k, int threads) {
        List<List<Hits>> byPart = new ArrayList<>();
        for (Retriever p : parts) {
            byPart.add(p.searchAll(queries, depth, threads));
        }
        List<Hits> out = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            List<Fusion.Ranked> lists = new ArrayList<>(parts.size());
            for (List<Hits> part : byPart) {
                lists.add(trecOrder(part.get(q)));
            }
            Fusion.Ranked fused = fusion.fuse(lists, k, docnoDescending);
            out.add(new Hits(fused.keys(), fused.scores(), Map.of()));
        }
        return out;
    }

    /** A part's hits in trec_eval's order: score descending, then document id descending. */
    private Fusion.Ranked trecOrder(Hits h) {
        Integer[] idx = new Integer[h.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> {
            int c = Double.compare(h.scores()[y], h.scores()[x]);
            return c != 0 ? c : docnoDescending.applyAsInt(h.docs()[x], h.docs()[y]);
        });
        int[] keys = new int[idx.length];
        double[] scores = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            keys[i] = h.docs()[idx[i]];
            scores[i] = h.scores()[idx[i]];
        }
        return new Fusion.Ranked(keys, scores);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Retriever p : parts) {
            try {
                p.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
