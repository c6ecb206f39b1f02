package dev.plumbline.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code plumbline bench}: end-to-end benchmarks run side by side in one process. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see subcommands).",
        subcommands = {BenchEncoderCommand.class, BenchAttentionCommand.class, BenchJudgeCommand.class,
                BenchRetrievalCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "bench needs a subcommand: encoder, attention, retrieval or judge");
    }
}
