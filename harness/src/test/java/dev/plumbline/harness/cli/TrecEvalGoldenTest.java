package dev.plumbline.harness.cli;

import dev.plumbline.harness.CliRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plumbline trec-eval} stdout must equal trec_eval 10.0's byte for byte on every golden
 * case in {@code ../shared/golden/trec_eval}: the generated cases in all option variants (the
 * non-{@code -c} ones against the outputs on qrels cut to the run's topics, since Plumbline skips
 * missing topics where 10.0 aborts) and trec_eval's own upstream test files.
 */
@Tag("real-data")
class TrecEvalGoldenTest {
    private static final Path GOLDEN = Path.of(System.getProperty("plumbline.shared", "../../shared"))
            .resolve("golden/trec_eval");

    @TestFactory
    Stream<DynamicTest> generatedCases() throws IOException {
        assertTrue(Files.isDirectory(GOLDEN), "golden files not found at " + GOLDEN.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : List.of("case1", "case2")) {
            Path dir = GOLDEN.resolve(c);
            try (Stream<Path> cmds = Files.list(dir.resolve("out/v10"))) {
                for (Path cmd : cmds.filter(p -> p.toString().endsWith(".cmd")).sorted().toList()) {
                    String name = cmd.getFileName().toString().replace(".cmd", "");
                    List<String> args = commandArgs(Files.readString(cmd), dir);
                    boolean complete = args.contains("-c");
                    Path expected = complete ? dir.resolve("out/v10/" + name + ".out")
                            : dir.resolve("out/v10_qrels_run_topics_only/" + name + ".out");
                    tests.add(DynamicTest.dynamicTest(c + "/" + name, () -> assertSameOutput(args, expected)));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> upstreamCases() {
        Path up = GOLDEN.resolve("upstream");
        String q = up.resolve("qrels.test").toString();
        String r = up.resolve("results.test").toString();
        String t = up.resolve("results.trunc").toString();
        List<Object[]> cases = List.of(
                new Object[] {"out.test", List.of(q, r)},
                new Object[] {"out.test.a", List.of("-m", "all_trec", q, r)},
                new Object[] {"out.test.aq", List.of("-m", "all_trec", "-q", q, r)},
                new Object[] {"out.test.aqc", List.of("-m", "all_trec", "-q", "-c", q, t)},
                new Object[] {"out.test.aqcM", List.of("-m", "all_trec", "-q", "-c", "-M100", q, t)},
                new Object[] {"out.test.meas_params", List.of("-q", "-miprec_at_recall..10,.20,.25,.75,.50",
                        "-m", "P.5,7,3", "-m", "recall.20,2000", "-m", "Rprec_mult.5.0,0.2,0.35",
                        "-mutility.2,-1,0,0", "-m", "11pt_avg..25,.5,.75", "-mndcg.1=3,2=9,4=4.5",
                        "-mndcg_cut.10,20,23.4", "-msuccess.2,5,20", q, r)});
        return cases.stream().map(c -> {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) c[1];
            return DynamicTest.dynamicTest("upstream/" + c[0], () -> assertSameOutput(args, up.resolve((String) c[0])));
        });
    }

    /** The arguments of a recorded {@code trec_eval ...} command, with file names resolved in the case folder. */
    private static List<String> commandArgs(String cmd, Path dir) {
        List<String> words = new ArrayList<>(Arrays.asList(cmd.trim().split("\\s+")));
        words.remove(0);
        int n = words.size();
        words.set(n - 2, dir.resolve(words.get(n - 2)).toString());
        words.set(n - 1, dir.resolve(words.get(n - 1)).toString());
        return words;
    }

    private static void assertSameOutput(List<String> args, Path expected) throws IOException {
        List<String> full = new ArrayList<>();
        full.add("trec-eval");
        full.addAll(args);
        CliRunner.Result result = CliRunner.run(full.toArray(String[]::new));
        assertEquals(0, result.exitCode(), () -> "exit code; stderr: " + result.stderr());
        assertEquals(Files.readString(expected), result.stdout(), "stdout differs from " + expected);
    }
}
