package dev.plumbline.harness.cli;

import dev.plumbline.datasets.LoadOptions;
import dev.plumbline.datasets.OnError;
import picocli.CommandLine.Option;

/** Options shared by the {@code datasets} commands that load a dataset. */
public final class DatasetOptions {
    @Option(names = "--split", paramLabel = "NAME",
            description = "Split to load: test, dev, train (BEIR default: test; RAGTruth default: all).")
    String split;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "On a malformed record: fail (default) or skip it, counting and listing it.")
    String onError;

    @Option(names = "--max-line-bytes", paramLabel = "N", description = "Longest accepted line (default 32 MiB).")
    Integer maxLineBytes;

    @Option(names = "--max-archive-bytes", paramLabel = "N",
            description = "Most bytes a .zip may expand to (default 16 GiB).")
    Long maxArchiveBytes;

    /** The load options these flags describe. */
    public LoadOptions toLoadOptions() {
        LoadOptions o = LoadOptions.DEFAULTS.withSplit(split).withOnError(OnError.parse(onError));
        if (maxLineBytes != null) {
            o = o.withMaxLineBytes(maxLineBytes);
        }
        if (maxArchiveBytes != null) {
            o = o.withMaxArchiveBytes(maxArchiveBytes);
        }
        return o;
    }
}
