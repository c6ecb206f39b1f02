package dev.plumbline.harness.cli;

import dev.plumbline.harness.run.CacheMerge;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code plumbline cache merge DIR... --into DIR}: the embedding cache folders of {@code encode}'s parts, as one. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "Embedding cache folders.",
        subcommands = {CacheCommand.Merge.class, CommandLine.HelpCommand.class})
public final class CacheCommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a subcommand: merge");
    }

    /** {@code cache merge}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Merge the cache folders that plumbline encode EXPERIMENT --shard I/N wrote, all N parts of one"
                    + " experiment, into one cache folder (which may hold other namespaces already).",
                    "Exit 0 ok, 2 the folders are not the parts of one encoding."})
    public static final class Merge implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "each part's cache folder")
        List<Path> parts;

        @Option(names = "--into", paramLabel = "DIR", required = true, description = "the cache folder to merge into")
        Path into;

        @Override
        public Integer call() {
            CacheMerge.Result r = CacheMerge.merge(parts, into);
            System.out.println("merged " + r.parts() + " parts into " + into + ": " + r.records() + " vectors added to "
                    + r.files() + " namespace files");
            return 0;
        }
    }
}
