package dev.plumbline.reports;

import dev.plumbline.reports.compare.Comparison;
import dev.plumbline.reports.compare.Comparisons;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRules;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.results.Results;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seals every machine-readable format (JSON, JSONL, CSV, Markdown, JUnit XML) with golden files
 * written from the deterministic {@link Fixtures}, under several default locales and time zones:
 * a decimal comma (de_DE, fr_FR), a dotless i (tr_TR), non-Latin digits (ar_EG, hi_IN) must never
 * leak into them. Regenerate after an intended change with
 * {@code ./run-tests -pl reports -am -Dplumbline.golden.update=true} and review the diff.
 */
class GoldenFilesTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final String RULES = """
            ndcg_cut.10: max_drop 0.01
            faithfulness: min 0.85
            latency.p99: max_increase 10%
            failed_items: max 0
            recall.100:
              max_drop: 0.02
              significant: true
            """;

    private final Locale savedLocale = Locale.getDefault();
    private final TimeZone savedZone = TimeZone.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(savedLocale);
        TimeZone.setDefault(savedZone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "fr-FR", "tr-TR", "ar-EG", "hi-IN-u-nu-deva"})
    void formatsMatchGoldenFilesUnderEveryLocale(String tag, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Locale.setDefault(Locale.forLanguageTag(tag));
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        Results baseline = Fixtures.baseline();
        Results current = Fixtures.current();

        Path report = tmp.resolve("report");
        for (String f : List.of("json", "csv", "md", "junit")) {
            ReportWriters.get(f).write(Report.of(current, null), report);
        }
        Comparison comparison = Comparisons.compare(baseline, current, "baseline.json", "current.json", 0.05);
        Path compare = tmp.resolve("compare");
        for (String f : List.of("json", "csv", "md")) {
            ReportWriters.get(f).write(new Report(current, null, comparison, null), compare);
        }
        GateRules rules = GateRulesParser.parse(Path.of("gates.yaml"), RULES);
        GateOutcome gate = Gate.evaluate(rules, baseline, "baseline.json", current, "current.json");
        Path gateDir = tmp.resolve("gate");
        for (String f : List.of("json", "md", "junit")) {
            ReportWriters.get(f).write(new Report(current, null, null, gate), gateDir);
        }

        Path texts = tmp.resolve("texts");
        for (String f : List.of("json", "csv", "md", "parquet")) {
            ReportWriters.get(f).write(Report.of(Fixtures.withTexts(), null), texts);
        }

        assertGolden(report, "report", List.of("results.json", "results.items.jsonl", "summary.csv", "items.csv",
                "items-wide.csv", "summary.md", "junit.xml"));
        assertGolden(texts, "texts", List.of("results.items.jsonl", "items.csv", "items-wide.csv", "summary.md"));
        assertGoldenBytes(texts, "texts", "items.parquet");
        assertGolden(compare, "compare", List.of("compare.json", "compare.csv", "compare.md"));
        assertGolden(gateDir, "gate", List.of("gate.json", "gate.md", "junit.xml"));
    }

    /** A binary format: the same bytes (ParquetTableTest checks that Apache Parquet reads them). */
    private static void assertGoldenBytes(Path dir, String name, String file) throws IOException {
        byte[] actual = Files.readAllBytes(dir.resolve(file));
        Path golden = GOLDEN.resolve(name).resolve(file);
        if (Boolean.getBoolean("plumbline.golden.update") && Locale.getDefault().toLanguageTag().equals("en-US")) {
            Files.createDirectories(golden.getParent());
            Files.write(golden, actual);
        }
        assertTrue(Files.exists(golden), "missing golden file " + golden + "; run with -Dplumbline.golden.update=true");
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(golden), actual,
                name + "/" + file + " under " + Locale.getDefault());
    }

    private static void assertGolden(Path dir, String name, List<String> files) throws IOException {
        boolean update = Boolean.getBoolean("plumbline.golden.update");
        for (String f : files) {
            String actual = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
            Path golden = GOLDEN.resolve(name).resolve(f);
            if (update && Locale.getDefault().toLanguageTag().equals("en-US")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertTrue(Files.exists(golden), "missing golden file " + golden + "; run with -Dplumbline.golden.update=true");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name + "/" + f + " under "
                    + Locale.getDefault());
            assertFalse(actual.contains("\r"), f + " must use \\n line ends");
        }
    }
}
