package dev.plumbline.harness.run;

import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.Engines;
import dev.plumbline.engines.model.ModelRegistry;
import dev.plumbline.engines.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The regression that filed the cache-key fix: a run at {@code max_seq_length: 12} after one at
 * 256 was served the 256-token vectors from the cache. Now it must encode again, and a rerun that
 * changes only the thread count must be served from the cache.
 */
class CachedEncoderTest {
    @TempDir
    Path cache;

    private static final List<String> TEXTS = List.of(
            "The cache must be keyed on everything that changes a vector, and on nothing that does not.",
            "A truncation length of twelve tokens keeps only the first few words of this long passage.");
    private static final CachedEncoder.Listener QUIET = (texts, nanos, done, pending) -> { };

    @Test
    void aShorterMaxSeqLengthIsEncodedAgainAndAThreadChangeIsServedFromTheCache() throws Exception {
        ModelSpec model = ModelRegistry.get("minilm-l6");
        CachedEncoder.Result full;
        try (Engine e = Engines.provider("simd").open(model, new EngineOptions(1, 8))) {
            full = CachedEncoder.encode(e, TEXTS, false, cache, QUIET);
        }
        assertEquals(0, full.cached());
        CachedEncoder.Result truncated;
        try (Engine e = Engines.provider("simd").open(model.withMaxTokens(12), new EngineOptions(1, 8))) {
            truncated = CachedEncoder.encode(e, TEXTS, false, cache, QUIET);
        }
        assertEquals(0, truncated.cached(), "12-token run must not read the 256-token vectors");
        for (int i = 0; i < TEXTS.size(); i++) {
            assertFalse(java.util.Arrays.equals(full.vectors()[i], truncated.vectors()[i]), "text " + i);
        }
        try (Engine e = Engines.provider("simd").open(model, new EngineOptions(2, 8))) {
            CachedEncoder.Result again = CachedEncoder.encode(e, TEXTS, false, cache, QUIET);
            assertEquals(TEXTS.size(), again.cached(), "a thread change cannot change a vector");
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(full.vectors()[i], again.vectors()[i]);
            }
        }
    }
}
