package dev.plumbline.engines.chunking;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What a chunker may use from its caller: the model's tokenizer (token counts, for {@code fixed})
 * and an encoder (sentence vectors, for {@code semantic}), both the engine under test's, so a
 * chunk fits the model that reads it.
 *
 * @param tokenizerName the tokenizer's model name, for {@link Chunker#describe()}
 * @param tokenCount    tokens of a text without special tokens, or {@code null} when there is no tokenizer
 * @param encoder       unit vectors of passage texts, in order, or {@code null} when there is no encoder
 */
public record ChunkerContext(String tokenizerName, ToIntFunction<String> tokenCount,
                             Function<List<String>, float[][]> encoder) {
    /** No tokenizer and no encoder: the text-only chunkers work. */
    public static final ChunkerContext TEXT_ONLY = new ChunkerContext("", null, null);
}
