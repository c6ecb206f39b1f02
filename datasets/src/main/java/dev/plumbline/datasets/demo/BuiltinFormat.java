package dev.plumbline.datasets.demo;

import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.RagSample;

import java.nio.file.Path;

/**
 * {@code builtin:demo} (or {@code builtin:demo?seed=N}): the generated demo benchmark of
 * {@link DemoGenerator}, with BEIR-style passages, queries and graded qrels (split {@code test})
 * and labelled RAG samples.
 */
public final class BuiltinFormat implements DatasetFormat {
    @Override
    public String prefix() {
        return "builtin";
    }

    @Override
    public String synopsis() {
        return "builtin:demo[?seed=N]";
    }

    @Override
    public String description() {
        return "generated demo: passages, qrels, RAG samples";
    }

    @Override
    public void load(String location, DatasetBuilder out) {
        long seed = seed(location);
        DemoGenerator.Demo demo = DemoGenerator.generate(seed);
        Path where = Path.of("builtin:" + location);
        out.split("test");
        long line = 0;
        for (Doc d : demo.docs()) {
            out.doc(d, where, ++line);
        }
        for (Query q : demo.queries()) {
            out.query(q, where, ++line);
        }
        for (DemoGenerator.Judgment j : demo.judgments()) {
            out.judgment(j.queryId(), j.docId(), j.relevance(), where, ++line);
        }
        for (RagSample s : demo.samples()) {
            out.sample(s, where, ++line);
        }
    }

    /** The seed of {@code demo} or {@code demo?seed=N}. */
    static long seed(String location) {
        if (location.equals("demo")) {
            return DemoGenerator.DEFAULT_SEED;
        }
        if (location.startsWith("demo?seed=")) {
            try {
                return Long.parseLong(location.substring("demo?seed=".length()));
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw new IllegalArgumentException("unknown built-in dataset \"builtin:" + location
                + "\" (expected builtin:demo or builtin:demo?seed=N with an integer N)");
    }
}
