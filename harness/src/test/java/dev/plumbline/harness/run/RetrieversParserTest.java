package dev.plumbline.harness.run;

import dev.plumbline.engines.retrieval.RetrieverConfig;
import dev.plumbline.harness.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code retrievers:} in experiment files, the models × engines shorthand, and BEIR's identical-ids switch. */
class RetrieversParserTest {
    private static final Path FILE = Path.of("x.yaml");

    private static String error(String yaml) {
        return assertThrows(UsageException.class, () -> ExperimentParser.parse(yaml, FILE)).getMessage();
    }

    @Test
    void namedRetrieversKeepFileOrderAndFlattenTheIndex() {
        Experiment x = ExperimentParser.parse("""
                datasets: [builtin:demo]
                retrievers:
                  bm25: {type: bm25}
                  minilm: {type: dense, model: minilm-l6, engine: simd, threads: 1, index: {name: flat}}
                  hyb: {type: hybrid, of: [bm25, minilm], method: wsum, norm: zmuv, weights: [0.3, 0.7]}
                """, FILE);
        assertEquals(List.of("bm25", "minilm", "hyb"), x.retrievers().stream().map(RetrieverConfig::name).toList());
        RetrieverConfig dense = x.retrievers().get(1);
        assertEquals(Map.of("model", "minilm-l6", "engine", "simd", "threads", "1", "index", "flat"), dense.options());
        RetrieverConfig hyb = x.retrievers().get(2);
        assertEquals("0.3,0.7", hyb.options().get("weights"));
        assertEquals(List.of("bm25", "minilm"), hyb.parts().stream().map(RetrieverConfig::name).toList());
        assertEquals(dense.options(), hyb.parts().get(1).options());
        assertNull(x.ignoreIdenticalIds());
        assertTrue(x.dropsIdenticalIds("beir:../x"));
        assertTrue(!x.dropsIdenticalIds("builtin:demo"));
    }

    @Test
    void theShorthandIsDenseOverTheConfiguredIndex() {
        Experiment x = ExperimentParser.parse("""
                datasets: [builtin:demo]
                models: [minilm-l6]
                engines: [{name: simd, threads: 1, batch_size: 8}]
                retrieval: {index: {name: flat}, ignore_identical_ids: false}
                retrievers: {lex: {type: bm25, k1: 1.2}}
                """, FILE);
        assertEquals(List.of("simd/minilm-l6", "lex"), x.retrievers().stream().map(RetrieverConfig::name).toList());
        RetrieverConfig d = x.retrievers().get(0);
        assertEquals("dense", d.type());
        assertEquals("flat", d.indexName());
        assertEquals("8", d.options().get("batch_size"));
        assertEquals(false, x.ignoreIdenticalIds());
        assertTrue(!x.dropsIdenticalIds("beir:../x"));
    }

    @Test
    void badRetrieversNameTheKeyPath() {
        assertEquals("x.yaml: retrievers.a: missing key 'type' (allowed: bm25, dense, hybrid, hyde, multi-query)",
                error("datasets: [builtin:demo]\nretrievers: {a: {k1: 1}}\n"));
        assertEquals("x.yaml: retrievers.a.type: unknown retriever type 'sparse'; known: bm25, dense, hybrid, hyde, multi-query",
                error("datasets: [builtin:demo]\nretrievers: {a: {type: sparse}}\n"));
        assertTrue(error("datasets: [builtin:demo]\nretrievers: {a: {type: bm25, k3: 1}}\n")
                .startsWith("x.yaml: retrievers.a.k3: a bm25 retriever has no option 'k3'; it knows b, k1, threads"));
        assertTrue(error("datasets: [builtin:demo]\nretrievers: {a: {type: dense, model: bert}}\n")
                .startsWith("x.yaml: retrievers.a.model: unknown model 'bert'"));
        assertTrue(error("datasets: [builtin:demo]\nretrievers: {a: {type: dense, index: {name: flat, m: 16}}}\n")
                .startsWith("x.yaml: retrievers.a.index.m: index 'flat' has no option 'm'"));
        assertEquals("x.yaml: retrievers.h.of[1]: no retriever named 'nope' in retrievers; defined: a, h",
                error("datasets: [builtin:demo]\nretrievers: {a: {type: bm25}, h: {type: hybrid, of: [a, nope]}}\n"));
        assertEquals("x.yaml: retrievers.h.of: fuses itself through h -> h; a hybrid cannot contain itself",
                error("datasets: [builtin:demo]\nretrievers: {a: {type: bm25}, h: {type: hybrid, of: [a, h]}}\n"));
        assertEquals("x.yaml: retrievers.h.of: a hybrid fuses two or more retrievers, got 1",
                error("datasets: [builtin:demo]\nretrievers: {a: {type: bm25}, h: {type: hybrid, of: [a]}}\n"));
        assertTrue(error("datasets: [builtin:demo]\nretrievers: {a: {type: bm25}, b: {type: bm25},"
                + " h: {type: hybrid, of: [a, b], method: rrf, norm: max}}\n")
                .startsWith("x.yaml: retrievers.h.norm: rrf reads ranks, not scores"));
        assertTrue(error("datasets: [builtin:demo]\nretrievers: {a/b: {type: bm25}}\n")
                .startsWith("x.yaml: retrievers.a/b: a retriever's name labels results"));
        assertEquals("x.yaml: retrieval.ignore_identical_ids: must be true or false, got 'yes'",
                error("datasets: [builtin:demo]\nretrieval: {ignore_identical_ids: 'yes'}\n"));
    }
}
