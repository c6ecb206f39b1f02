package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.StageConfig;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.engines.cache.VectorKey;
import dev.plumbline.engines.chunking.Chunkers;
import dev.plumbline.engines.retrieval.BatchEncoder;
import dev.plumbline.engines.retrieval.Corpus;
import dev.plumbline.engines.retrieval.Retriever;
import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.harness.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The corpus encoding of an experiment split by document: part {@code I/N} builds every cell's
 * first stage (the retriever over whole documents or chunks) over only the documents it owns
 * ({@link Shard#owns} of the document id), through the embedding cache under {@code root}, so the
 * vectors of its documents land in the cache's namespace files and nothing else is computed. The
 * parts' cache folders merged ({@code plumbline cache merge}) hold every vector a whole run
 * encodes; a run or a query part reading that cache then encodes no document. Each part writes
 * {@code encode-parts/part-I-of-N.json}: experiment, its content's SHA-256, the part, and the
 * namespace files with their dimensions (what the merge needs to read them).
 */
public final class CorpusEncoding {
    /** The folder under a cache root that holds the parts' manifests. */
    public static final String PARTS = "encode-parts";
    static final String SCHEMA = "plumbline.encode-part";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a part did.
     *
     * @param files     namespace files written to (relative to the cache root) and their dimensions
     * @param documents documents of the part, over all datasets
     * @param of        documents over all datasets
     * @param encoded   texts encoded (documents or chunks, over all cells)
     * @param cached    texts already in the cache
     */
    public record Part(Map<String, Integer> files, int documents, int of, int encoded, int cached) {
    }

    private CorpusEncoding() {
    }

    /** Encodes part {@code shard} of every corpus {@code x}'s retrieval cells encode, into the cache under {@code root}. */
    public static Part encode(Experiment x, Shard shard, Path root, Progress progress) {
        Map<String, Integer> files = new TreeMap<>();
        int documents = 0;
        int of = 0;
        int[] counts = new int[2];
        for (String spec : x.datasets()) {
            Dataset d = Datasets.load(spec, x.split() == null ? LoadOptions.DEFAULTS : LoadOptions.DEFAULTS.withSplit(x.split()));
            if (d.docs().isEmpty() || d.queries().isEmpty() || d.qrels() == null) {
                continue;
            }
            List<Doc> mine = d.docs().stream().filter(doc -> shard.owns(doc.id())).toList();
            documents += mine.size();
            of += d.docs().size();
            progress.note(spec + ": " + mine.size() + " of " + d.docs().size() + " documents (part " + shard + ")");
            if (mine.isEmpty()) {
                continue;
            }
            Corpus corpus = new Corpus(mine.stream().map(Doc::id).toList(), mine.stream().map(Doc::fullText).toList());
            for (RetrieverConfig r : x.retrievers()) {
                for (StageConfig chunking : x.chunkingOrNone()) {
                    if (r.type().equals("bm25") && Chunkers.none(chunking)) {
                        continue; // encodes nothing
                    }
                    String cell = r.name() + (Chunkers.none(chunking) ? "" : "@" + chunking.name());
                    BatchEncoder encoder = (engine, texts, query, label) -> encodeInto(root, files, counts, engine, texts,
                            query, progress, cell + " encoding " + label);
                    try (ModelTokens model = ModelTokens.of(r, encoder);
                         Retriever ignored = RetrievalCell.openFirstStage(r, chunking, corpus, encoder, model, cell)) {
                        progress.note(cell + ": part " + shard + " encoded");
                    } catch (IOException e) {
                        throw new UncheckedIOException(cell + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        Part part = new Part(files, documents, of, counts[0], counts[1]);
        write(x, shard, root, part);
        return part;
    }

    private static float[][] encodeInto(Path root, Map<String, Integer> files, int[] counts, Engine engine,
                                        List<String> texts, boolean query, Progress progress, String label) {
        Progress.Task task = progress.start(label, texts.size());
        CachedEncoder.Result r = CachedEncoder.encode(engine, texts, query, root, (n, nanos, done, pending) ->
                task.update(texts.size() - pending + done));
        task.finish(r.cached());
        files.put(root.relativize(EmbeddingCache.file(root, VectorKey.of(engine), query, engine.dimension()))
                .toString(), engine.dimension());
        counts[0] += texts.size() - r.cached();
        counts[1] += r.cached();
        return r.vectors();
    }

    /** The manifest file of part {@code shard} under a cache root. */
    public static Path manifest(Path root, Shard shard) {
        return root.resolve(PARTS).resolve("part-" + shard.index() + "-of-" + shard.count() + ".json");
    }

    private static void write(Experiment x, Shard shard, Path root, Part part) {
        ShardManifest m = ShardManifest.of(x, shard);
        ObjectNode n = JSON.createObjectNode().put("schema", SCHEMA).put("experiment", m.experiment())
                .put("experimentSha256", m.experimentSha256()).put("shard", shard.index()).put("of", shard.count())
                .put("documents", part.documents()).put("corpusDocuments", part.of());
        ObjectNode f = n.putObject("files");
        part.files().forEach(f::put);
        try {
            java.nio.file.Files.createDirectories(root.resolve(PARTS));
        } catch (IOException e) {
            throw new UsageException("cannot create " + root.resolve(PARTS) + ": " + e.getMessage());
        }
        Checkpoints.atomically(manifest(root, shard), n.toPrettyString() + "\n");
    }
}
