package dev.plumbline.engines.chunking;

/**
 * One piece of a document: which document it came from and where in that document's text it
 * sits, so an answer span in the document maps to the chunks that contain it.
 *
 * @param doc   the document's ordinal in the corpus
 * @param index the chunk's position within its document, from 0
 * @param start first character (UTF-16 index) in the document text, inclusive
 * @param end   last character, exclusive; {@code text} is {@code documentText.substring(start, end)}
 * @param text  the chunk's text
 */
public record Chunk(int doc, int index, int start, int end, String text) {
    /** Checks the offsets against the text. */
    public Chunk {
        if (start < 0 || end < start || text.length() != end - start) {
            throw new IllegalArgumentException("chunk [" + start + ", " + end + ") does not match its "
                    + text.length() + " characters");
        }
    }

    /** Whether the chunk covers the whole span {@code [spanStart, spanEnd)} of its document. */
    public boolean contains(int spanStart, int spanEnd) {
        return start <= spanStart && spanEnd <= end;
    }
}
