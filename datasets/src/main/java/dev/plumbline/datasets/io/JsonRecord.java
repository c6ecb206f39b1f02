package dev.plumbline.datasets.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plumbline.datasets.Check;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object read by the streaming parser, with typed accessors whose failures are
 * {@link RecordException}s that name the field and say what was expected. String values are the
 * parser's own strings (nothing is copied); numbers keep their literal text.
 *
 * <p>Values: {@link String}, {@link Num}, {@link Boolean}, {@link #NULL}, {@code List<Object>},
 * {@link JsonRecord}.
 */
public final class JsonRecord {
    /** The JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /**
     * A JSON number.
     *
     * @param text     its literal text
     * @param integral whether it is an integer literal
     */
    public record Num(String text, boolean integral) {
    }

    private final Map<String, Object> fields;

    private JsonRecord(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Reads the object whose {@code START_OBJECT} is the parser's current token. */
    public static JsonRecord read(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, value(p));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token " + t + " in object");
        }
        return new JsonRecord(m);
    }

    /** Reads the value at the parser's current token. */
    static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> new Num(p.getText(), true);
            case VALUE_NUMBER_FLOAT -> new Num(p.getText(), false);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            case START_OBJECT -> read(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            default -> throw new IOException("unexpected token " + t);
        };
    }

    /** Field names in file order. */
    public Set<String> names() {
        return fields.keySet();
    }

    /** Whether the field is present (possibly {@code null}). */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The raw value, or Java {@code null} when absent. */
    public Object get(String name) {
        return fields.get(name);
    }

    /** The fields as a map (read-only). */
    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /**
     * A required string.
     *
     * @param expected the format's description of a record, for the message, e.g.
     *                 {@code "_id" and "text" on every query}
     */
    public String requireString(String name, String expected) {
        Object v = fields.get(name);
        if (v == null) {
            throw missing(name, expected);
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, v, "a string");
    }

    /** A required id: a string, or an integer written as a JSON number (kept as its text). */
    public String requireId(String name, String expected) {
        Object v = fields.get(name);
        if (v == null) {
            throw missing(name, expected);
        }
        if (v instanceof String s) {
            if (s.isEmpty()) {
                throw new RecordException(Check.BAD_VALUE, "field \"" + name + "\" is empty (expected a non-empty id)");
            }
            return s;
        }
        if (v instanceof Num n && n.integral()) {
            return n.text();
        }
        throw wrongType(name, v, "a string id");
    }

    /** An optional string: {@code null} when absent or JSON {@code null}. */
    public String optString(String name) {
        Object v = fields.get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(name, v, "a string");
    }

    /** An optional list of strings: {@code null} when absent or JSON {@code null}. */
    public List<String> optStringList(String name) {
        Object v = fields.get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(name, v, "a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new RecordException(Check.WRONG_TYPE, "field \"" + name + "\" has " + typeName(list.get(i))
                        + " at index " + i + " (expected a list of strings)");
            }
            out.add(s);
        }
        return out;
    }

    /** An optional object field as compact JSON, or {@code null} when absent, {@code null} or empty. */
    public String optObjectJson(String name) {
        Object v = fields.get(name);
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof JsonRecord r)) {
            throw wrongType(name, v, "an object");
        }
        return r.fields.isEmpty() ? null : toJson(r);
    }

    /** The missing-field error. */
    public static RecordException missing(String name, String expected) {
        return new RecordException(Check.MISSING_FIELD, "missing required field \"" + name + "\" (expected " + expected + ")");
    }

    /** The wrong-type error. */
    public static RecordException wrongType(String name, Object v, String expected) {
        return new RecordException(Check.WRONG_TYPE, "field \"" + name + "\" is " + typeName(v) + " (expected " + expected + ")");
    }

    /** {@code a string}, {@code a number}, {@code an array}, … for messages. */
    public static String typeName(Object v) {
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Num) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof JsonRecord) {
            return "an object";
        }
        return "null";
    }

    /** A value as compact JSON (numbers keep their literal text; key order is kept). */
    public static String toJson(Object value) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes a value with the generator. */
    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Num n) {
            g.writeNumber(n.text());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof JsonRecord r) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : r.fields.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeNull();
        }
    }
}
