package dev.plumbline.engines.chunking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configured chunker: its label, provider name, where it was configured (for messages) and
 * its options as written. Besides the chunker's own options, {@link #RETRIEVAL_KEYS} say how
 * chunk scores become document scores; typed getters name the key path in their errors
 * ({@code chunking[1].size}).
 *
 * @param name    label in results ({@code fixed-128}); {@value #NONE} is the unchunked baseline
 * @param type    provider name ({@code fixed}, {@code sentence}, …, or {@value #NONE})
 * @param keyPath where it was configured ({@code chunking[0]}, {@code --chunker})
 * @param options option → value as written
 */
public record ChunkerConfig(String name, String type, String keyPath, Map<String, String> options) {
    /** The type of the unchunked baseline: documents are retrieved whole, as before chunking existed. */
    public static final String NONE = "none";
    /**
     * Keys every chunking entry takes besides its chunker's: {@code aggregate} (maxp, firstp,
     * sump) and {@code depth} (chunks retrieved per query before aggregating).
     */
    public static final Set<String> RETRIEVAL_KEYS = Set.of("aggregate", "depth");

    /** Copies the options. */
    public ChunkerConfig {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Whether this is the unchunked baseline. */
    public boolean none() {
        return NONE.equals(type);
    }

    /** The key path of one option. */
    public String keyPath(String key) {
        return keyPath + "." + key;
    }

    /** Throws naming the first option that is neither in {@code known} nor a {@link #RETRIEVAL_KEYS} key. */
    public void checkKnown(Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key) && !RETRIEVAL_KEYS.contains(key)) {
                TreeSet<String> all = new TreeSet<>(known);
                all.addAll(RETRIEVAL_KEYS);
                throw new IllegalArgumentException(keyPath(key) + ": a " + type + " chunker has no option '" + key
                        + "'; it knows " + String.join(", ", all));
            }
        }
    }

    /** A string option, or {@code fallback} when absent. */
    public String stringValue(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** An integer option from {@code min} to {@code max}, or {@code fallback} when absent. */
    public int intValue(String key, int fallback, int min, int max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(keyPath(key) + ": must be an integer from " + min + " to " + max
                + ", got '" + v + "'");
    }

    /** A finite number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public double doubleValue(String key, double fallback, double min, double max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(keyPath(key) + ": must be a number from " + min + " to " + max
                + ", got '" + v + "'");
    }
}
