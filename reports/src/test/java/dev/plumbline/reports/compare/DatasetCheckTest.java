package dev.plumbline.reports.compare;

import dev.plumbline.reports.Fixtures;
import dev.plumbline.reports.gate.Gate;
import dev.plumbline.reports.gate.GateOutcome;
import dev.plumbline.reports.gate.GateRulesParser;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.results.Results;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCheckTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private static DatasetFingerprint fp(String name, String sha) {
        return new DatasetFingerprint(name, name, sha, Map.of());
    }

    @Test
    void sameFingerprintMatchesWhateverItsNameAndRunsAreNotData() {
        Results base = Fixtures.withDatasets(Fixtures.baseline(), fp("scifact", A), fp("run:bm25", B));
        Results cur = Fixtures.withDatasets(Fixtures.current(), fp("scifact-copy", A), fp("run:bm25", A));
        DatasetCheck c = DatasetCheck.of(base, cur);
        assertNull(c.mismatch());
        assertEquals(List.of(), c.notes());
    }

    @Test
    void sameNameOtherFingerprintOrNothingInCommonIsAMismatch() {
        Results base = Fixtures.withDatasets(Fixtures.baseline(), fp("scifact", A));
        DatasetCheck c = DatasetCheck.of(base, Fixtures.withDatasets(Fixtures.current(), fp("scifact", B)));
        assertEquals("dataset scifact differs: fingerprint sha256:aaaaaaaaaaaa... in the baseline, "
                + "sha256:bbbbbbbbbbbb... in the current results", c.mismatch());
        DatasetCheck none = DatasetCheck.of(base, Fixtures.withDatasets(Fixtures.current(), fp("arguana", B)));
        assertEquals("no dataset in common: the baseline was computed on scifact (sha256:aaaaaaaaaaaa...), the current "
                + "results on arguana (sha256:bbbbbbbbbbbb...)", none.mismatch());
    }

    @Test
    void anAddedDatasetOrAMissingFingerprintIsANote() {
        Results base = Fixtures.withDatasets(Fixtures.baseline(), fp("scifact", A));
        DatasetCheck added = DatasetCheck.of(base, Fixtures.withDatasets(Fixtures.current(), fp("scifact", A),
                fp("arguana", B)));
        assertNull(added.mismatch());
        assertEquals(List.of("dataset arguana is only in the current results"), added.notes());
        DatasetCheck unknown = DatasetCheck.of(Fixtures.withDatasets(Fixtures.baseline()), Fixtures.current());
        assertNull(unknown.mismatch());
        assertEquals(List.of("no dataset fingerprint in the baseline, so whether both were computed on the same "
                + "data was not checked"), unknown.notes());
    }

    @Test
    void compareAndGateRefuseUnlessAllowedAndThenSaySoFirst() {
        Results base = Fixtures.withDatasets(Fixtures.baseline(), fp("scifact", A));
        Results cur = Fixtures.withDatasets(Fixtures.current(), fp("scifact", B));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparisons.compare(base, cur, "base.json", "cur.json", 0.05));
        assertTrue(e.getMessage().startsWith("base.json and cur.json come from different data (dataset scifact differs: "),
                e.getMessage());
        Comparison c = Comparisons.compare(base, cur, "base.json", "cur.json", 0.05, true);
        assertTrue(c.notes().getFirst().startsWith("datasets differ, compared anyway (--allow-dataset-mismatch): dataset "
                + "scifact differs"), c.notes().getFirst());

        var rules = GateRulesParser.parse(Path.of("gates.yaml"), "ndcg_cut.10: max_drop 0.5\n");
        assertThrows(IllegalArgumentException.class, () -> Gate.evaluate(rules, base, "base.json", cur, "cur.json"));
        GateOutcome o = Gate.evaluate(rules, base, "base.json", cur, "cur.json", true);
        assertTrue(o.notes().getFirst().startsWith("datasets differ, compared anyway"), o.notes().toString());
        // Without a baseline there is nothing to compare the data with.
        Gate.evaluate(GateRulesParser.parse(Path.of("gates.yaml"), "failed_items: max 5\n"), null, "", cur, "cur.json");
    }
}
