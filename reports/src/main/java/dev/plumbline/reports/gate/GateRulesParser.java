package dev.plumbline.reports.gate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plumbline.reports.results.ResultsFormatException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a gate rules file (YAML). Each top-level key is a subject; its value is either one
 * constraint in short form or a mapping of constraints and options:
 *
 * <pre>
 * ndcg_cut.10: max_drop 0.01
 * faithfulness: min 0.85
 * latency.p99: max_increase 10%
 * failed_items: max 0
 * recall.100:
 *   max_drop: 0.02
 *   significant: true      # fail only when the drop is significant
 *   alpha: 0.05            # default 0.05
 * </pre>
 *
 * The file is read with Jackson's streaming YAML parser so every error names its line.
 */
public final class GateRulesParser {
    /** Default significance level of {@code significant: true}. */
    public static final double DEFAULT_ALPHA = 0.05;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final String EXAMPLE = " (e.g. ndcg_cut.10: max_drop 0.01, latency.p99: max_increase 10%)";

    private final Path file;

    private GateRulesParser(Path file) {
        this.file = file;
    }

    /** Reads a rules file. */
    public static GateRules read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such rules file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses rules text; {@code file} is used in messages only. */
    public static GateRules parse(Path file, String text) {
        try (Reader r = new StringReader(text); JsonParser p = YAML.createParser(r)) {
            return new GateRulesParser(file).parse(p);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // SnakeYAML quotes the line with a caret under it; the location is already in front.
            String why = e.getOriginalMessage().replaceAll("(?s)\\s*in '[^']*', line \\d+, column \\d+:.*?\\^", "")
                    .replaceAll("\\s+", " ").strip();
            throw new ResultsFormatException(file, line, "not valid YAML: " + why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GateRules parse(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw error(1, "no rules; write one per line" + EXAMPLE);
        }
        if (t != JsonToken.START_OBJECT) {
            throw error(line(p), "expected a mapping of subject: rule" + EXAMPLE);
        }
        List<GateRule> rules = new ArrayList<>();
        Set<String> subjects = new HashSet<>();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String subject = p.currentName().strip();
            int line = line(p);
            if (subject.isEmpty()) {
                throw error(line, "empty subject; name a metric, a statistic such as latency.p99, or failed_items");
            }
            if (!subjects.add(subject)) {
                throw error(line, subject + " has rules twice; put all its constraints in one mapping, e.g. "
                        + subject + ": {min: 0.3, max_drop: 0.01}");
            }
            t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                rules.addAll(mapping(p, subject, line));
            } else if (t != null && t.isScalarValue()) {
                rules.add(shortForm(subject, p.getText(), line));
            } else {
                throw error(line, subject + ": expected a rule such as 'max_drop 0.01' or a mapping of constraints");
            }
        }
        if (rules.isEmpty()) {
            throw error(1, "no rules; write one per line" + EXAMPLE);
        }
        return new GateRules(file.toString(), rules);
    }

    private GateRule shortForm(String subject, String text, int line) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw error(line, subject + ": '" + text + "' is not '<constraint> <limit>'" + EXAMPLE
                    + "; for significant: true use the mapping form");
        }
        Constraint c = constraint(parts[0], subject, line);
        Limit limit = limit(parts[1], c, subject, line);
        return check(new GateRule(subject, c, limit.value, limit.relative, false, DEFAULT_ALPHA, line, limit.text));
    }

    private List<GateRule> mapping(JsonParser p, String subject, int subjectLine) throws IOException {
        record Pending(Constraint c, Limit limit, int line) {
        }
        List<Pending> pending = new ArrayList<>();
        boolean significant = false;
        double alpha = DEFAULT_ALPHA;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int line = line(p);
            t = p.nextToken();
            if (t == null || !t.isScalarValue()) {
                throw error(line, subject + "." + key + ": expected a single value");
            }
            String value = p.getText().strip();
            switch (key) {
                case "significant" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw error(line, subject + ": significant must be true or false, got '" + value + "'");
                    }
                    significant = value.equals("true");
                }
                case "alpha" -> {
                    alpha = number(value, line, subject + ": alpha");
                    if (!(alpha > 0 && alpha < 1)) {
                        throw error(line, subject + ": alpha must be between 0 and 1, got " + value);
                    }
                }
                default -> {
                    Constraint c = constraint(key, subject, line);
                    pending.add(new Pending(c, limit(value, c, subject, line), line));
                }
            }
        }
        if (pending.isEmpty()) {
            throw error(subjectLine, subject + ": no constraint; add one of " + Constraint.keywords());
        }
        List<GateRule> out = new ArrayList<>();
        for (Pending pd : pending) {
            out.add(check(new GateRule(subject, pd.c(), pd.limit().value, pd.limit().relative, significant, alpha,
                    pd.line(), pd.limit().text)));
        }
        return out;
    }

    private GateRule check(GateRule r) {
        if (r.significant() && !r.constraint().needsBaseline()) {
            throw error(r.line(), r.subject() + ": significant: true applies to max_drop and max_increase only;"
                    + " " + r.constraint().keyword() + " bounds the current value itself");
        }
        if (r.significant() && r.subject().equals(GateRule.FAILED_ITEMS)) {
            throw error(r.line(), "failed_items is a count, not a sample; remove significant: true");
        }
        return r;
    }

    private record Limit(double value, boolean relative, String text) {
    }

    private Limit limit(String text, Constraint c, String subject, int line) {
        boolean relative = text.endsWith("%");
        String num = relative ? text.substring(0, text.length() - 1).strip() : text;
        double v = number(num, line, subject + ": " + c.keyword());
        if (relative && !c.needsBaseline()) {
            throw error(line, subject + ": " + c.keyword() + " takes an absolute value, not a percentage ('"
                    + text + "'); percentages are relative to the baseline and apply to max_drop and max_increase");
        }
        if (c.needsBaseline() && v < 0) {
            throw error(line, subject + ": " + c.keyword() + " must not be negative, got " + text);
        }
        return new Limit(relative ? v / 100.0 : v, relative, relative ? num + "%" : num);
    }

    private double number(String text, int line, String what) {
        // Decimal point only: a locale's decimal comma in a rules file would otherwise change a
        // threshold by orders of magnitude.
        if (!text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw error(line, what + " must be a number with a decimal point (e.g. 0.01 or 10%), got '" + text + "'");
        }
        return Double.parseDouble(text);
    }

    private Constraint constraint(String keyword, String subject, int line) {
        Constraint c = Constraint.fromKeyword(keyword);
        if (c == null) {
            throw error(line, subject + ": unknown constraint '" + keyword + "'; use one of " + Constraint.keywords()
                    + (keyword.equals("significant") ? "" : ", plus significant: true / alpha: 0.05 in the mapping form"));
        }
        return c;
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private ResultsFormatException error(long line, String problem) {
        return new ResultsFormatException(file, line, problem);
    }
}
