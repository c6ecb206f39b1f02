package dev.plumbline.reports.gate;

import dev.plumbline.reports.results.ResultsFormatException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateRulesParserTest {
    static final Path FILE = Path.of("gates.yaml");

    @Test
    void shortAndMappingForms() {
        GateRules rules = GateRulesParser.parse(FILE, """
                # quality
                ndcg_cut.10: max_drop 0.01
                faithfulness: min 0.85
                latency.p99: max_increase 10%
                failed_items: max 0
                recall.100:
                  max_drop: 0.02
                  significant: true
                  alpha: 0.01
                """);
        List<GateRule> r = rules.rules();
        assertEquals(5, r.size());
        assertEquals(new GateRule("ndcg_cut.10", Constraint.MAX_DROP, 0.01, false, false, 0.05, 2, "0.01"), r.get(0));
        assertEquals(Constraint.MIN, r.get(1).constraint());
        assertEquals(0.10, r.get(2).limit(), 1e-15);
        assertTrue(r.get(2).relative());
        assertEquals("latency.p99: max_increase 10%", r.get(2).text());
        assertEquals(0, r.get(3).limit());
        GateRule sig = r.get(4);
        assertTrue(sig.significant());
        assertEquals(0.01, sig.alpha());
        assertEquals(7, sig.line());
        assertEquals("recall.100: max_drop 0.02 (significant)", sig.text());
        assertTrue(rules.needBaseline());
    }

    @Test
    void errorsNameTheLineAndTheFix() {
        assertError("ndcg: max_dorp 0.01\n", "gates.yaml:1: ndcg: unknown constraint 'max_dorp'; use one of min, max, max_drop, max_increase");
        assertError("a: min 0.5\nb: min 85%\n", "gates.yaml:2: b: min takes an absolute value, not a percentage");
        assertError("a: max_drop 0,01\n", "gates.yaml:1: a: max_drop must be a number with a decimal point");
        assertError("a: max_drop\n", "gates.yaml:1: a: 'max_drop' is not '<constraint> <limit>'");
        assertError("a:\n  significant: true\n", "gates.yaml:1: a: no constraint");
        assertError("a:\n  min: 0.5\n  significant: true\n", "gates.yaml:2: a: significant: true applies to max_drop and max_increase only");
        assertError("failed_items:\n  max_increase: 1\n  significant: true\n", "gates.yaml:2: failed_items is a count");
        assertError("a: min 1\na: max 2\n", "gates.yaml:2: a has rules twice");
        assertError("", "gates.yaml:1: no rules");
        assertError("- a\n- b\n", "gates.yaml:1: expected a mapping of subject: rule");
        assertError("a: [1, 2]\n", "gates.yaml:1: a: expected a rule such as 'max_drop 0.01'");
        assertError("a: min 1\nb: \"open\n", "gates.yaml:2: not valid YAML: while scanning a quoted scalar found unexpected end of stream");
        assertError("a: max_drop -0.1\n", "gates.yaml:1: a: max_drop must not be negative");
    }

    private static void assertError(String yaml, String expectedStart) {
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> GateRulesParser.parse(FILE, yaml));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
