package dev.plumbline.harness.cli;

import dev.plumbline.datasets.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code plumbline datasets}: inspect, check and export datasets given as {@code FORMAT:PATH} specs. */
@Command(name = "datasets",
        description = "Inspect, validate and export datasets (spec FORMAT:PATH, e.g. beir:data/scifact).",
        mixinStandardHelpOptions = true,
        subcommands = {DatasetsInfoCommand.class, DatasetsValidateCommand.class, DatasetsExportCommand.class},
        footerHeading = "%nDataset specs:%n")
public final class DatasetsCommand implements Runnable {
    CommandSpec spec;

    /** Receives the command's spec and lists the dataset formats (found at run time) in its help. */
    @Spec
    void spec(CommandSpec s) {
        this.spec = s;
        String footer = formatsFooter().replace("%", "%%") + "%n";
        s.usageMessage().footer(footer);
        for (CommandLine sub : s.subcommands().values()) {
            sub.getCommandSpec().usageMessage().footerHeading("%nDataset specs:%n").footer(footer);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: info, validate or export");
    }

    /** The footer listing every format, filled in when the command line is built. */
    static String formatsFooter() {
        return Datasets.formatsHelp();
    }

    /** Standard output as UTF-8, whatever the platform's console encoding. */
    static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    }
}
