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
        assertEquals("retrieval.index.oversample: index 'flat' has no option 'oversample'; it knows none", e.getMessage());
    }

    @Test
    void typedGettersNameTheKeyPath() {
        IndexOptions options = new IndexOptions("retrievers.dense.index", Map.of("m", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.intValue("m", 16));
        assertEquals("retrievers.dense.index.m: expected an integer, got 'x'", e.getMessage());
        assertEquals(16, IndexOptions.none().intValue("m", 16));
    }
}
