package dev.plumbline.engines.index;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The options of one index, as strings from an experiment file or the command line, read through
 * typed getters whose errors name the option's key path (e.g. {@code retrieval.index.oversample}).
 */
public final class IndexOptions {
    private final String keyPath;
    private final Map<String, String> values;

    /**
     * @param keyPath where the options came from, used in error messages
     * @param values  option name → value
     */
    public IndexOptions(String keyPath, Map<String, String> values) {
        this.keyPath = keyPath;
        this.values = new TreeMap<>(values);
    }

    /** No options. */
    public static IndexOptions none() {
        return new IndexOptions("index", Map.of());
    }

    /** The options as given, sorted by key. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** Throws naming the first key that is not in {@code known}. */
    public void checkKnown(String indexName, Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(keyPath + "." + key + ": index '" + indexName
                        + "' has no option '" + key + "'; it knows "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** An integer option, or {@code fallback} when absent. */
    public int intValue(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(keyPath + "." + key + ": expected an integer, got '" + v + "'");
        }
    }

    /** A number option, or {@code fallback} when absent. */
    public double doubleValue(String key, double fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(keyPath + "." + key + ": expected a number, got '" + v + "'");
        }
    }

    /** A boolean option ({@code true}/{@code false}), or {@code fallback} when absent. */
    public boolean booleanValue(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(keyPath + "." + key + ": expected true or false, got '" + v + "'");
        };
    }

    /** A string option, or {@code fallback} when absent. */
    public String stringValue(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** Where the options came from ({@code retrieval.index}), for messages. */
    public String keyPath() {
        return keyPath;
    }

    /** The key path of one option, for messages. */
    public String keyPath(String key) {
        return keyPath + "." + key;
    }
}
