package dev.plumbline.engines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configured stage of a chunker, reranker or generator kind: its label, provider name, where
 * it was configured (for messages) and its options as written. Typed getters name the key path in
 * their errors ({@code chunking[1].size}), as {@code RetrieverConfig}'s do for retrievers.
 *
 * @param stage   what kind of stage it is, for messages: {@code chunker}, {@code reranker}, {@code generator}
 * @param name    label in results ({@code fixed-128})
 * @param type    provider name ({@code fixed}, {@code maxsim}, {@code extractive}, …)
 * @param keyPath where it was configured ({@code chunking[0]}, {@code --chunker})
 * @param options option → value as written
 */
public record StageConfig(String stage, String name, String type, String keyPath, Map<String, String> options) {

    /** Copies the options. */
    public StageConfig {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The key path of one option. */
    public String keyPath(String key) {
        return keyPath + "." + key;
    }

    /** Throws naming the first option not in {@code known}. */
    public void checkKnown(Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(keyPath(key) + ": a " + type + " " + stage + " has no option '" + key
                        + "'; it knows " + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** A string option, or {@code fallback} when absent. */
    public String stringValue(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** An integer option from {@code min} to {@code max}, or {@code fallback} when absent. */
    public int intValue(String key, int fallback, int min, int max) {
        return OptionValues.intValue(options.get(key), keyPath(key), fallback, min, max);
    }

    /** A finite number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public double doubleValue(String key, double fallback, double min, double max) {
        return OptionValues.doubleValue(options.get(key), keyPath(key), fallback, min, max);
    }
}
