package dev.plumbline.harness.cli;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TrecQrelsReader;
import dev.plumbline.datasets.trec.TrecRunReader;
import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.IrEvaluator;
import dev.plumbline.metrics.ir.IrMeasure;
import dev.plumbline.metrics.ir.IrMeasures;
import dev.plumbline.metrics.ir.IrResults;
import dev.plumbline.metrics.ir.MeasureSelection;
import dev.plumbline.metrics.ir.TrecEvalFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code plumbline trec-eval}: trec_eval 10.0's command line and output. Options are parsed by
 * {@link TrecEvalArgs} rather than picocli so trec_eval's getopt forms keep working.
 */
@Command(name = "trec-eval",
        description = "Score a TREC run against qrels; output identical to trec_eval 10.0 (see --help).",
        helpCommand = false)
public final class TrecEvalCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "trec_eval arguments; see plumbline trec-eval --help")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        TrecEvalArgs a = TrecEvalArgs.parse(args);
        // Large buffer, flushed once: per-topic output of a big run is hundreds of thousands of lines.
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        if (a.help()) {
            out.write(TrecEvalArgs.USAGE);
        }
        if (a.listMeasures()) {
            for (IrMeasure m : IrMeasures.all()) {
                out.write(String.format("%-22s %s%n", m.name(), m.description()));
            }
            out.write("sets: " + String.join(", ", IrMeasures.nicknames()) + "\n");
        }
        if (a.help() || a.listMeasures()) {
            out.flush();
            return 0;
        }
        List<BoundMeasure> measures = MeasureSelection.parse(a.measures());
        // Qrels are small; read them while the (large) run is parsed on this thread.
        CompletableFuture<Qrels> qrels = CompletableFuture.supplyAsync(() -> TrecQrelsReader.read(Path.of(a.qrels())));
        Run run = TrecRunReader.read(Path.of(a.run()));
        IrResults results = new IrEvaluator(join(qrels), measures, a.params()).evaluate(run);
        TrecEvalFormat.write(results, a.perTopic(), a.summary(), out);
        out.flush();
        return 0;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
