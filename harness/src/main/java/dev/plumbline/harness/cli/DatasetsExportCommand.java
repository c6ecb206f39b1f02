package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Dataset;
import dev.plumbline.datasets.DatasetExport;
import dev.plumbline.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code plumbline datasets export SPEC DIR}: writes a dataset as BEIR files and RAG JSON Lines
 * (e.g. {@code builtin:demo}, to look at it or use it elsewhere).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a dataset as BEIR (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv) and RAG JSONL (samples.jsonl).")
public final class DatasetsExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Dataset spec, e.g. builtin:demo.")
    String spec;

    @Parameters(index = "1", paramLabel = "DIR", description = "Folder to write (created; existing files are not overwritten).")
    Path dir;

    @Mixin
    DatasetOptions options;

    @Override
    public Integer call() throws IOException {
        Dataset d = Datasets.load(spec, options.toLoadOptions());
        List<Path> files = DatasetExport.write(d, dir);
        PrintWriter out = DatasetsCommand.stdout();
        for (Path f : files) {
            out.println("wrote " + f);
        }
        out.println(d.fingerprint());
        out.flush();
        return 0;
    }
}
