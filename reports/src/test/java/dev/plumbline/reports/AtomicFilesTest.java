package dev.plumbline.reports;

import dev.plumbline.reports.results.Results;
import dev.plumbline.reports.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed write leaves the previous file as it was and no temporary file behind, whichever way
 * it fails: an exception from the code producing the text, or text UTF-8 cannot encode (a lone
 * surrogate, which once left {@code .tmp} files after a whole run). Every report writer and the
 * results writer go through {@link AtomicFiles}.
 */
class AtomicFilesTest {
    /** A run name no output can write: a lone high surrogate. */
    private static final String LONE = "run-\ud800";

    @TempDir
    Path dir;

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void failureInTheBodyKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path f = dir.resolve("results.json");
        AtomicFiles.writeString(f, "old\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, w -> {
            w.write("half of the new text");
            throw new IllegalStateException("producer failed");
        }));
        assertEquals("producer failed", e.getMessage());
        assertEquals("old\n", Files.readString(f));
        assertEquals(List.of(), leftovers());
        AtomicFiles.writeString(f, "new\n");
        assertEquals("new\n", Files.readString(f));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void textUtf8CannotEncodeIsNamedAndLeavesNothingBehind() throws IOException {
        Path f = dir.resolve("run.trec");
        AtomicFiles.writeString(f, "old\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(f, "q1 Q0 " + LONE + " 1 0.5 t\n"));
        assertTrue(e.getMessage().startsWith("text with an unpaired surrogate"), e.getMessage());
        assertEquals("old\n", Files.readString(f));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void resultsAndEveryReportFormatLeaveNoTemporaryFileOnFailure() throws IOException {
        Results good = Fixtures.current();
        Path results = dir.resolve("results.json");
        ResultsJson.write(good, results);
        String before = Files.readString(results);
        String itemsBefore = Files.readString(ResultsJson.itemsFileFor(results));

        Results bad = Fixtures.renamed(good, LONE, e -> e + "\udc00", i -> i);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ResultsJson.write(bad, results));
        assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
        assertEquals(before, Files.readString(results), "previous results intact");
        assertEquals(itemsBefore, Files.readString(ResultsJson.itemsFileFor(results)), "previous items intact");
        assertEquals(List.of(), leftovers());

        for (ReportWriter w : ReportWriters.all().values()) {
            if (w.format().equals("allure-html")) {
                continue; // runs the Allure command line on what the allure format wrote; covered by that one
            }
            Path out = dir.resolve("report-" + w.format());
            try {
                w.write(new Report(bad, null, null, null), out); // junit.xml writes it as a character reference
            } catch (IOException | UncheckedIOException expected) {
                // The format has to write the name as is and cannot; what matters is what it leaves.
            }
            assertEquals(List.of(), leftovers(), w.format());
        }
    }
}
