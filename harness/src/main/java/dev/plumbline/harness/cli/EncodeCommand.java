package dev.plumbline.harness.cli;

import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.harness.UsageException;
import dev.plumbline.harness.run.CorpusEncoding;
import dev.plumbline.harness.run.Experiment;
import dev.plumbline.harness.run.ExperimentParser;
import dev.plumbline.harness.run.Progress;
import dev.plumbline.harness.run.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code plumbline encode EXPERIMENT --shard I/N --cache DIR}: the corpus encoding of an
 * experiment split by document id ({@link CorpusEncoding}), so N jobs share the encoding of a large
 * corpus; {@code plumbline cache merge} puts their folders together, and {@code run} (whole or
 * {@code --shard}) with that cache encodes no document.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode part I of N of every corpus an experiment's retrievers encode (documents split by a hash of"
                + " their ids) into an embedding cache folder; combine the parts with plumbline cache merge.",
                "Exit 0 ok, 2 bad input."})
public final class EncodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment file (YAML)")
    Path experiment;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1",
            description = "the part of every corpus to encode (default 1/1: all of it)")
    String shard;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "cache folder to encode into (default: the experiment's cache_dir, else ~/.cache/plumbline)")
    Path cache;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() {
        Experiment x = ExperimentParser.read(experiment);
        if (!x.cache() && cache == null) {
            throw new UsageException(experiment + ": cache: false, so a run would not read what encode writes; give"
                    + " --cache DIR and cache_dir: DIR in the experiment, or drop cache: false");
        }
        Shard part = Shard.parse(shard);
        Path root = cache != null ? cache : x.cacheDir() != null ? x.cacheDir() : EmbeddingCache.defaultRoot();
        CorpusEncoding.Part done = CorpusEncoding.encode(x, part, root, new Progress(System.err, quiet));
        System.out.println("encoded part " + part + " of " + x.name() + ": " + done.documents() + " of " + done.of()
                + " documents, " + done.encoded() + " texts encoded, " + done.cached() + " already cached, into "
                + root + " (" + done.files().size() + " namespace files)");
        System.out.println("manifest: " + CorpusEncoding.manifest(root, part));
        return 0;
    }
}
