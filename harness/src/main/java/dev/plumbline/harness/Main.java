package dev.plumbline.harness;

import dev.plumbline.datasets.DatasetFormatException;
import dev.plumbline.harness.cli.TrecEvalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The {@code plumbline} command line. Exit codes: 0 success, 1 a failed gate, 2 bad input or
 * usage (one line on stderr naming the problem and the fix), 3 internal failure.
 * {@code --verbose} adds stack traces.
 */
@Command(name = "plumbline",
        description = "Evaluation and hallucination-benchmark harness for retrieval and RAG.",
        versionProvider = Main.Version.class,
        mixinStandardHelpOptions = true,
        subcommands = {TrecEvalCommand.class,
                dev.plumbline.harness.cli.DatasetsCommand.class,
                dev.plumbline.harness.cli.EnginesCommand.class,
                dev.plumbline.harness.cli.RetrieveCommand.class,
                dev.plumbline.harness.cli.FuseCommand.class,
                dev.plumbline.harness.cli.ReproduceCommand.class,
                dev.plumbline.harness.cli.BenchCommand.class,
                dev.plumbline.harness.cli.JudgeCommand.class,
                dev.plumbline.harness.cli.JudgeEvalCommand.class,
                dev.plumbline.harness.cli.JudgeFitCommand.class,
                dev.plumbline.harness.cli.JudgeTrainCommand.class,
                dev.plumbline.harness.cli.ReportCommand.class,
                dev.plumbline.harness.cli.CompareCommand.class,
                dev.plumbline.harness.cli.GateCommand.class,
                dev.plumbline.harness.cli.RunCommand.class,
                dev.plumbline.harness.cli.MergeCommand.class,
                dev.plumbline.harness.cli.EncodeCommand.class,
                dev.plumbline.harness.cli.CacheCommand.class,
                dev.plumbline.harness.cli.DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input or usage. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an internal failure. */
    public static final int EXIT_INTERNAL = 3;

    @Option(names = "--verbose", description = "Print stack traces with errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "no command given; run plumbline --help to list commands");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new Main());
        // trec_eval's own getopt forms (-q, -M100, -mP.5) reach TrecEvalArgs untouched.
        cli.getSubcommands().get("trec-eval").setUnmatchedOptionsArePositionalParams(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, verbose, commandLine.getErr()));
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("plumbline: " + oneLine(ex.getMessage()) + usageHint(ex.getCommandLine()));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    private static String usageHint(CommandLine cmd) {
        String name = cmd.getCommandName();
        String path = "plumbline".equals(name) ? "plumbline" : "plumbline " + name;
        return " (see " + path + " --help)";
    }

    public static int handle(Exception ex, boolean verbose, PrintWriter err) {
        int code;
        String message;
        if (ex instanceof UsageException || ex instanceof DatasetFormatException
                || ex instanceof IllegalArgumentException) {
            code = EXIT_USAGE;
            message = ex.getMessage();
        } else if (ex instanceof UncheckedIOException io) {
            code = EXIT_USAGE;
            message = io.getMessage();
        } else if (ex instanceof java.nio.file.NoSuchFileException missing) {
            // A path the user gave that is not there: bad input, not an internal failure.
            code = EXIT_USAGE;
            message = missing.getFile() + ": " + (missing.getReason() != null ? missing.getReason() : "no such file");
        } else if (ex instanceof java.nio.file.FileSystemException fs) {
            // A path that is a folder, not writable, on a full or read-only disk: the user's to fix.
            code = EXIT_USAGE;
            message = (fs.getFile() != null ? fs.getFile() : "") + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "")
                    + ": " + (ex instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName());
        } else if (ex instanceof dev.plumbline.engines.EngineUnavailableException) {
            // An engine that was named and cannot run here: its message gives the reason and the fix.
            code = EXIT_USAGE;
            message = ex.getMessage();
        } else {
            code = EXIT_INTERNAL;
            message = "internal error: " + ex + " (rerun with --verbose for the stack trace and report it)";
        }
        err.println("plumbline: " + oneLine(message));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * An error is one line: a message from a library that spans lines (a parser's excerpt) is
     * joined, and other control characters (a NUL or an escape sequence from a file name) are
     * shown as {@code \\uXXXX}, so they cannot garble the terminal.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String joined = message.strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder b = new StringBuilder(joined.length());
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Prints version and commit for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "plumbline " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")",
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
