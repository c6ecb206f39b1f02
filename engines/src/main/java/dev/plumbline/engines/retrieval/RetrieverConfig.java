package dev.plumbline.engines.retrieval;

import dev.plumbline.engines.OptionValues;
import dev.plumbline.engines.index.IndexOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configured retriever as an experiment file or the command line gives it: the name results
 * label it by, its type (the {@link RetrieverProvider} that builds it), its options as strings
 * (a nested {@code index:} mapping flattened to {@code index} = its name and {@code index.KEY}
 * = its options) and, for a hybrid, the retrievers it fuses. Typed getters check values and
 * name the key path in their errors ({@code retrievers.minilm.threads}).
 */
public final class RetrieverConfig {
    private final String name;
    private final String type;
    private final String keyPath;
    private final Map<String, String> options;
    private final List<RetrieverConfig> parts;

    /**
     * @param name    label of this retriever in results and reports
     * @param type    provider name: {@code dense}, {@code bm25}, {@code hybrid}, …
     * @param keyPath where it was configured, for messages ({@code retrievers.hyb}, {@code --retriever})
     * @param options option name → value as written
     * @param parts   the retrievers a hybrid fuses, in order; empty for the others
     */
    public RetrieverConfig(String name, String type, String keyPath, Map<String, String> options,
                           List<RetrieverConfig> parts) {
        this.name = name;
        this.type = type;
        this.keyPath = keyPath;
        this.options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.parts = List.copyOf(parts);
    }

    /** Label in results and reports. */
    public String name() {
        return name;
    }

    /** Provider name. */
    public String type() {
        return type;
    }

    /** Where it was configured. */
    public String keyPath() {
        return keyPath;
    }

    /** The options as given. */
    public Map<String, String> options() {
        return options;
    }

    /** The retrievers a hybrid fuses. */
    public List<RetrieverConfig> parts() {
        return parts;
    }

    /** The key path of one option. */
    public String keyPath(String key) {
        return keyPath + "." + key;
    }

    /**
     * Throws naming the first option not in {@code known}; {@code index.*} keys are allowed
     * whenever {@code index} is known (the index checks its own).
     */
    public void checkKnown(Set<String> known) {
        for (String key : options.keySet()) {
            boolean ok = known.contains(key) || key.startsWith("index.") && known.contains("index");
            if (!ok) {
                throw new IllegalArgumentException(keyPath(key) + ": a " + type + " retriever has no option '" + key
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

    /** A boolean option, or {@code fallback} when absent. */
    public boolean booleanValue(String key, boolean fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(keyPath(key) + ": must be true or false, got '" + v + "'");
        };
    }

    /** The index's name ({@code index}, default {@code flat}). */
    public String indexName() {
        return options.getOrDefault("index", "flat");
    }

    /** The index's own options ({@code index.KEY}), with key paths under {@code KEYPATH.index}. */
    public IndexOptions indexOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith("index.")) {
                out.put(k.substring("index.".length()), v);
            }
        });
        return new IndexOptions(keyPath("index"), out);
    }

    @Override
    public String toString() {
        return name + " (" + type + " " + options + (parts.isEmpty() ? "" : " of " + parts.stream().map(
                RetrieverConfig::name).toList()) + ")";
    }
}
