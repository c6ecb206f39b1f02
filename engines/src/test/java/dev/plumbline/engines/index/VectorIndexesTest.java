package dev.plumbline.engines.index;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorIndexesTest {

    @Test
    void flatIsFoundByNameAndSearchesExactly() {
        float[][] docs = {{1, 0}, {0, 1}, {0.6f, 0.8f}};
        VectorIndex index = VectorIndexes.build("flat", docs, IndexOptions.none(), 1);
        assertEquals("flat", index.name());
        assertTrue(index.exact());
        assertEquals(3 * 2 * Float.BYTES, index.bytes());
        SearchResults r = index.search(new float[][] {{0.8f, 0.6f}}, 2, 1);
        assertArrayEquals(new int[] {2, 0}, r.ids()[0]);
    }

    @Test
    void unknownIndexNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorIndexes.provider("flatt"));
        assertTrue(e.getMessage().contains("flat"), e.getMessage());
    }

    @Test
    void unknownOptionNamesItsKeyPath() {
        IndexOptions options = new IndexOptions("retrieval.index", Map.of("oversample", "4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorIndexes.build("flat", new float[][] {{1}}, options, 1));
        assertEquals("retrieval.index.oversample: index 'flat' has no option 'oversample'; it knows backend", e.getMessage());
    }

    @Test
    void everyIndexIsRegistered() {
        assertEquals(java.util.List.of("binary", "flat", "int4", "int8", "lucene-hnsw", "sharded"),
                VectorIndexes.providers().stream().map(VectorIndexProvider::name).toList());
    }

    @Test
    void badOptionValuesNameTheKeyPathAndTheFix() {
        float[][] docs = {{1, 0}, {0, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("int8",
                docs, new IndexOptions("retrieval.index", Map.of("oversample", "0")), 1));
        assertEquals("retrieval.index.oversample: must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("binary",
                docs, new IndexOptions("retrieval.index", Map.of("rescore", "yes")), 1));
        assertEquals("retrieval.index.rescore: expected true or false, got 'yes'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("int4",
                docs, new IndexOptions("retrieval.index", Map.of("clip", "0.7")), 1));
        assertEquals("retrieval.index.clip: a fraction in [0, 0.5), got 0.7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("flat",
                docs, new IndexOptions("retrieval.index", Map.of("backend", "cuda")), 1));
        assertTrue(e.getMessage().startsWith("retrieval.index.backend: unknown kernel backend 'cuda'; known: "),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("lucene-hnsw",
                docs, new IndexOptions("retrieval.index", Map.of("quantization", "int3")), 1));
        assertEquals("retrieval.index.quantization: expected one of none, int7, int8, int4, binary; got 'int3'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("lucene-hnsw",
                docs, new IndexOptions("retrieval.index", Map.of("rescore", "true")), 1));
        assertTrue(e.getMessage().startsWith("retrieval.index.rescore: only quantized formats rescore"), e.getMessage());
        VectorIndex built = VectorIndexes.build("binary", docs, IndexOptions.none(), 1);
        e = assertThrows(IllegalArgumentException.class, () -> built.withSearchOptions(
                new IndexOptions("bench.binary", Map.of("center", "false"))));
        assertEquals("bench.binary.center: index 'binary' has no option 'center'; it knows oversample", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VectorIndexes.build("int8",
                new float[][] {{1, 0}, {1}}, IndexOptions.none(), 1));
        assertEquals("vector 1 has 1 dimensions, vector 0 has 2", e.getMessage());
    }

    @Test
    void typedGettersNameTheKeyPath() {
        IndexOptions options = new IndexOptions("retrievers.dense.index", Map.of("m", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.intValue("m", 16));
        assertEquals("retrievers.dense.index.m: expected an integer, got 'x'", e.getMessage());
        assertEquals(16, IndexOptions.none().intValue("m", 16));
    }
}
