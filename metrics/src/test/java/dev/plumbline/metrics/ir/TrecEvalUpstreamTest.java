package dev.plumbline.metrics.ir;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TrecQrelsReader;
import dev.plumbline.datasets.trec.TrecRunReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trec_eval's own test files, bundled in {@code src/test/resources/trec_eval/upstream} (NIST
 * notice and provenance in its README): every output trec_eval 10.0 printed for them must come
 * out of the evaluator byte for byte, and together the cases exercise all 37 measures, so the
 * default test command checks each one (the real-data suite also runs the CLI on
 * {@code ../shared}).
 */
class TrecEvalUpstreamTest {
    private static final Path DIR = resource("trec_eval/upstream");

    private static Path resource(String name) {
        try {
            return Path.of(TrecEvalUpstreamTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One trec_eval command: its expected output, run file, measures, -q, -c and -M. */
    private record Case(String expected, String run, List<String> measures, boolean perTopic, boolean complete,
                        long maxDocs) {
    }

    private static final List<Case> CASES = List.of(
            new Case("out.test", "results.test", List.of(), false, false, Long.MAX_VALUE),
            new Case("out.test.a", "results.test", List.of("all_trec"), false, false, Long.MAX_VALUE),
            new Case("out.test.aq", "results.test", List.of("all_trec"), true, false, Long.MAX_VALUE),
            new Case("out.test.aqc", "results.trunc", List.of("all_trec"), true, true, Long.MAX_VALUE),
            new Case("out.test.aqcM", "results.trunc", List.of("all_trec"), true, true, 100),
            new Case("out.test.meas_params", "results.test", List.of("iprec_at_recall..10,.20,.25,.75,.50",
                    "P.5,7,3", "recall.20,2000", "Rprec_mult.5.0,0.2,0.35", "utility.2,-1,0,0", "11pt_avg..25,.5,.75",
                    "ndcg.1=3,2=9,4=4.5", "ndcg_cut.10,20,23.4", "success.2,5,20"), true, false, Long.MAX_VALUE));

    private static String evaluate(Case c) {
        Qrels qrels = TrecQrelsReader.read(DIR.resolve("qrels.test"));
        Run run = TrecRunReader.read(DIR.resolve(c.run()));
        EvalParams params = EvalParams.DEFAULTS.withAverageComplete(c.complete()).withMaxDocsPerTopic(c.maxDocs());
        IrResults results = new IrEvaluator(qrels, MeasureSelection.parse(c.measures()), params).evaluate(run);
        StringBuilder out = new StringBuilder();
        TrecEvalFormat.write(results, c.perTopic(), true, out);
        return out.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyUpstreamOutputIsReproducedByteForByte() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.expected(), () -> assertEquals(
                Files.readString(DIR.resolve(c.expected()), StandardCharsets.UTF_8), evaluate(c),
                "output differs from trec_eval's " + c.expected())));
    }

    @Test
    void theCasesCoverEveryMeasure() throws IOException {
        assertEquals(37, IrMeasures.all().size());
        // Every value name printed by any case, e.g. P_5, ndcg_cut_10, relstring.
        Set<String> printed = new TreeSet<>();
        for (Case c : CASES) {
            for (String line : Files.readAllLines(DIR.resolve(c.expected()), StandardCharsets.UTF_8)) {
                printed.add(line.substring(0, line.indexOf('\t')).strip());
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (IrMeasure m : IrMeasures.all()) {
            List<String> names = MeasureSelection.parse(List.of(m.name())).getFirst().names();
            if (!printed.containsAll(names)) {
                missing.add(m.name() + " " + names);
            }
        }
        assertTrue(missing.isEmpty(), "measures no upstream output checks: " + missing);
    }
}
