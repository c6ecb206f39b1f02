package dev.plumbline.reports.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared JSON plumbing for Plumbline's documents: a pretty printer with fixed indentation and
 * {@code \n} line ends (so files are byte-identical on every OS), NaN written as {@code null},
 * and field readers whose errors name the file and JSON path.
 */
public final class JsonSupport {
    /** One mapper for reading trees; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonSupport() {
    }

    /** A generator that pretty-prints with two-space indentation and {@code "key": value}. */
    public static JsonGenerator pretty(Writer out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        pp.indentArraysWith(indenter);
        pp.indentObjectsWith(indenter);
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setPrettyPrinter(pp);
        return g;
    }

    /** A generator that writes one compact line (JSONL). */
    public static JsonGenerator compact(Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    /** Writes a double, or {@code null} for NaN (JSON has no NaN). */
    public static void number(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        number(g, v);
    }

    /** Writes a double value, or {@code null} for NaN. */
    public static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    /** Writes a JSON-like value (evidence): maps, lists, strings, numbers, booleans, null. */
    public static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Number n -> number(g, n.doubleValue());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object o : list) {
                    value(g, o);
                }
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }

    /** Reads a tree node into maps, lists, strings, numbers, booleans and nulls. */
    public static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(plain(e)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.doubleValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    /** Field readers that name the file and JSON path in their errors. */
    public record Reader(Path file) {
        /** A required object or array field. */
        public JsonNode node(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                throw new ResultsFormatException(file, path, "missing field \"" + field + "\"");
            }
            return n;
        }

        /** A required array field. */
        public JsonNode array(JsonNode parent, String field, String path) {
            JsonNode n = node(parent, field, path);
            if (!n.isArray()) {
                throw new ResultsFormatException(file, path + "." + field, "expected an array");
            }
            return n;
        }

        /** A required object field. */
        public JsonNode object(JsonNode parent, String field, String path) {
            JsonNode n = node(parent, field, path);
            if (!n.isObject()) {
                throw new ResultsFormatException(file, path + "." + field, "expected an object");
            }
            return n;
        }

        /** A required string field. */
        public String text(JsonNode parent, String field, String path) {
            JsonNode n = node(parent, field, path);
            if (!n.isTextual()) {
                throw new ResultsFormatException(file, path + "." + field, "expected a string, got " + n);
            }
            return n.textValue();
        }

        /** An optional string field; {@code dflt} when absent or null. */
        public String text(JsonNode parent, String field, String path, String dflt) {
            JsonNode n = parent.get(field);
            return n == null || n.isNull() ? dflt : text(parent, field, path);
        }

        /** A required integer field. */
        public long integer(JsonNode parent, String field, String path) {
            JsonNode n = node(parent, field, path);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new ResultsFormatException(file, path + "." + field, "expected an integer, got " + n);
            }
            return n.longValue();
        }

        /** A required number field; {@code null} reads as NaN. */
        public double number(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null) {
                throw new ResultsFormatException(file, path, "missing field \"" + field + "\"");
            }
            return number(n, path + "." + field);
        }

        /** A number node; {@code null} reads as NaN. */
        public double number(JsonNode n, String path) {
            if (n.isNull()) {
                return Double.NaN;
            }
            if (!n.isNumber()) {
                throw new ResultsFormatException(file, path, "expected a number or null, got " + n);
            }
            return n.doubleValue();
        }

        /** An optional boolean field. */
        public boolean bool(JsonNode parent, String field, String path, boolean dflt) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isBoolean()) {
                throw new ResultsFormatException(file, path + "." + field, "expected true or false, got " + n);
            }
            return n.booleanValue();
        }

        /** An optional array of strings. */
        public List<String> strings(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            List<String> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                throw new ResultsFormatException(file, path + "." + field, "expected an array of strings");
            }
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw new ResultsFormatException(file, path + "." + field + "[" + i + "]", "expected a string");
                }
                out.add(n.get(i).textValue());
            }
            return out;
        }

        /** An optional object of string values. */
        public Map<String, String> stringMap(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw new ResultsFormatException(file, path + "." + field, "expected an object of strings");
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new ResultsFormatException(file, path + "." + field + "." + e.getKey(), "expected a string");
                }
                out.put(e.getKey(), e.getValue().textValue());
            }
            return out;
        }

        /** An optional object of integer values. */
        public Map<String, Long> longMap(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            Map<String, Long> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw new ResultsFormatException(file, path + "." + field, "expected an object of integers");
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getValue().isIntegralNumber()) {
                    throw new ResultsFormatException(file, path + "." + field + "." + e.getKey(), "expected an integer");
                }
                out.put(e.getKey(), e.getValue().longValue());
            }
            return out;
        }
    }
}
