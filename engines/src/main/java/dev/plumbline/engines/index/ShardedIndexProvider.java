package dev.plumbline.engines.index;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code sharded} ({@link ShardedIndex}): options {@code parts} (default 2), {@code index} (the
 * index of each part, default {@code flat}) and that index's own options.
 */
public final class ShardedIndexProvider implements VectorIndexProvider {
    /** The most parts: more than this is a configuration mistake, not a corpus split. */
    static final int MAX_PARTS = 4096;

    @Override
    public String name() {
        return "sharded";
    }

    @Override
    public String describe() {
        return "the corpus in parts, one index each (default flat), top-k per part merged: exact over flat";
    }

    @Override
    public Set<String> optionNames() {
        // The inner index is known only at build time, so every other index's options pass here
        // and are checked against the inner index's own names in build.
        Set<String> names = new TreeSet<>(Set.of("parts", "index"));
        for (VectorIndexProvider p : VectorIndexes.providers()) {
            if (!p.name().equals(name())) {
                names.addAll(p.optionNames());
            }
        }
        return names;
    }

    @Override
    public VectorIndex build(float[][] vectors, IndexOptions options, int threads) {
        int parts = options.intValue("parts", 2);
        if (parts < 1 || parts > MAX_PARTS) {
            throw new IllegalArgumentException(options.keyPath("parts") + ": must be from 1 to " + MAX_PARTS
                    + ", got " + parts);
        }
        String inner = options.stringValue("index", "flat");
        if (inner.equals(name())) {
            throw new IllegalArgumentException(options.keyPath("index") + ": a part cannot be sharded again;"
                    + " give flat or another index");
        }
        Map<String, String> rest = new HashMap<>(options.asMap());
        rest.remove("parts");
        rest.remove("index");
        return ShardedIndex.build(vectors, parts, inner, new IndexOptions(options.keyPath(), rest), threads);
    }
}
