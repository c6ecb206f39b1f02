package dev.plumbline.engines.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * The Chunker stage: splits document texts into {@link Chunk}s that keep their document and
 * character offsets. Deterministic: the same texts and options give the same chunks on every
 * machine. Built by a {@link ChunkerProvider}, found by name through {@link Chunkers}.
 */
public interface Chunker {

    /** The provider's name: {@code fixed}, {@code sentence}, {@code paragraph}, … */
    String type();

    /** Everything that changes its chunks in one line, e.g. {@code fixed size=128 overlap=16 tokenizer=minilm-l6}. */
    String describe();

    /**
     * The chunks of one document, in text order, none empty; a document with no text other than
     * white space gives none.
     *
     * @param doc  the document's ordinal, copied into each chunk
     * @param text the document's text
     */
    List<Chunk> chunk(int doc, String text);

    /**
     * The chunks of every document, document by document; ordinal i is {@code texts.get(i)}.
     * Chunkers that encode (semantic) override it to encode the whole corpus in bulk.
     */
    default List<Chunk> chunkAll(List<String> texts) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.addAll(chunk(i, texts.get(i)));
        }
        return out;
    }
}
