package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Datasets;
import dev.plumbline.datasets.LoadReport;
import dev.plumbline.harness.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code plumbline datasets validate SPEC}: reads the whole dataset, skipping and listing every
 * malformed record instead of stopping at the first; exit 0 when there is no error (warnings
 * allowed), 2 otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a dataset and list every problem (bounded); exit 0 when valid, 2 when not.")
public final class DatasetsValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Dataset spec, e.g. beir:data/scifact.")
    String spec;

    @Mixin
    DatasetOptions options;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
            description = "Problems listed one by one (default 100; all are counted).")
    int maxProblems;

    @Override
    public Integer call() {
        if (maxProblems < 0) {
            throw new IllegalArgumentException("--max-problems must be >= 0");
        }
        Datasets.Validation v = Datasets.validate(spec, options.toLoadOptions().withMaxProblemsKept(maxProblems));
        LoadReport r = v.report();
        PrintWriter out = DatasetsCommand.stdout();
        DatasetsInfoCommand.printProblems(r, out);
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        String counts = v.dataset() == null ? "; stopped before the end" : "; read docs " + v.dataset().counts().docs()
                + ", queries " + v.dataset().counts().queries() + ", judgments " + v.dataset().counts().judgments()
                + ", samples " + v.dataset().counts().samples();
        out.println((v.valid() ? "valid " : "invalid ") + spec + ": " + r.summary() + counts);
        out.flush();
        return v.valid() ? 0 : Main.EXIT_USAGE;
    }
}
