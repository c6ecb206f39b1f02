package dev.plumbline.harness.cli;

import dev.plumbline.engines.index.FlatIndex;
import dev.plumbline.engines.index.SyntheticVectors;
import dev.plumbline.harness.CliRunner;
import dev.plumbline.reports.provenance.Hardware;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retrieval bench's table, targets and page on tiny corpora (figures are not asserted, shapes are). */
class BenchRetrievalCommandTest {
    @TempDir
    Path dir;

    private static final String[] FAST = {"--threads", "1", "--seconds", "0.02", "--rounds", "1", "--peak-gflops", "100"};

    private static CliRunner.Result run(String... args) {
        String[] all = Arrays.copyOf(new String[] {"bench", "retrieval"}, 2 + args.length + FAST.length);
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(FAST, 0, all, 2 + args.length, FAST.length);
        return CliRunner.run(all);
    }

    private static List<String> rows(String stdout, String corpus) {
        List<String> lines = List.of(stdout.split("\n"));
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(corpus + ",")) {
                header = i + 1;
            }
        }
        assertTrue(header > 0, "no table for " + corpus + " in:\n" + stdout);
        List<String> out = new java.util.ArrayList<>();
        for (int i = header + 1; i < lines.size() && !lines.get(i).startsWith("exact flat"); i++) {
            out.add(lines.get(i));
        }
        return out;
    }

    @Test
    void syntheticSweepPrintsEveryPointTheFrontierTargetsAndAPage() throws Exception {
        Path html = dir.resolve("frontier.html");
        CliRunner.Result r = run("--synthetic", "3000x24", "--clusters", "30", "--queries", "40",
                "--indexes", "flat;int8 oversample=1,4;binary oversample=4,32;lucene-hnsw efSearch=10,50",
                "--html", html.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String out = r.stdout();
        assertTrue(out.startsWith("on " + Hardware.current().describe() + "; FP32 peak 100 GFLOPS per core (--peak-gflops)"),
                out);
        List<String> rows = rows(out, "synthetic 3000x24");
        assertEquals(7, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("flat "), rows.get(0));
        // The exact index against itself: recall 1 at 10 and 100.
        assertTrue(rows.get(0).contains(" 1.0000 1.0000 "), rows.get(0));
        assertTrue(rows.get(1).startsWith("int8 rescore=true oversample=1 "), rows.get(1));
        assertTrue(rows.get(4).startsWith("binary rescore=true oversample=32 "), rows.get(4));
        assertTrue(rows.get(6).startsWith("lucene-hnsw m=16 beamWidth=100 efSearch=50 "), rows.get(6));
        assertTrue(rows.stream().anyMatch(l -> l.endsWith(" *")), "some point is on the frontier");
        assertTrue(out.contains("exact flat, 1 thread: batched "), out);
        assertTrue(out.contains("% of FP32 peak (100 GFLOPS); one query at a time "), out);
        assertTrue(out.contains("target binary ≥ 8.0× exact at recall@10 ≥ 0.95"), out);
        assertTrue(out.contains("target int8 ≥ 2.5× exact at recall@10 ≥ 0.99"), out);
        // 24 dimensions: 96 B of FP32 (plus panel padding of the last block, under 1 B), int8 padded to its 64-element kernel group, 1 long of bits.
        assertTrue(out.contains("memory per vector (codes, without the FP32 copy kept for rescoring): flat 96 B"
                + " → int8 64 B → int4 (not run) → binary 8 B"), out);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!doctype html>") && page.contains("<svg") && page.contains("<polyline"), page);
        assertTrue(page.contains("recall@10") && page.contains("lucene-hnsw"), page);
    }

    @Test
    void annBenchmarksFileIsBenchmarkedAgainstExactSearch() {
        SyntheticVectors set = new SyntheticVectors(16, 10, 1.0, 5);
        float[][] train = set.rows(0, 0, 800, 1);
        float[][] test = set.rows(1, 0, 12, 1);
        int[][] neighbors = FlatIndex.reference(train, test, 10).ids();
        Path file = dir.resolve("tiny-16-angular.hdf5");
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("train", train);
            w.putDataset("test", test);
            w.putDataset("neighbors", neighbors);
            w.putAttribute("distance", "angular");
        }
        CliRunner.Result r = run("--hdf5", file.toString(), "--indexes", "flat;binary oversample=8");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> rows = rows(r.stdout(), "tiny-16-angular.hdf5");
        assertEquals(2, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).contains(" 1.0000 1.0000 "), rows.get(0));
    }

    @Test
    void badArgumentsNameTheFix() {
        CliRunner.Result r = run("--synthetic", "10x");
        assertTrue(r.exitCode() != 0);
        assertTrue(r.stderr().contains("--synthetic expects NxD with positive N and D, e.g. 1000000x384; got '10x'"),
                r.stderr());
        r = run("--synthetic", "100x4", "--indexes", "int8 nbits=3");
        assertTrue(r.exitCode() != 0);
        assertTrue(r.stderr().contains("--indexes 'int8 nbits=3': index 'int8' has no option 'nbits'; it knows clip,"
                + " oversample, rescore"), r.stderr());
        r = run();
        assertTrue(r.stderr().contains("give a corpus: --synthetic NxD, --dataset beir:DIR or --hdf5 FILE"), r.stderr());
    }
}
