package dev.plumbline.datasets.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * The shared Jackson factory: strict JSON (no comments, NaN or trailing commas), and nesting
 * bounded well below what the record reader's recursion or any dataset needs.
 */
public final class Json {
    /**
     * Deepest nesting of arrays and objects accepted (a record is one level, the array around the
     * records of a JSON array file another).
     * Dataset records nest two or three levels (spans, metadata); a deeper document is an error
     * rather than a deep recursion.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Parser and generator factory; strings may be as long as the longest accepted line. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(constraints(Integer.MAX_VALUE))
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private Json() {
    }

    /** The read constraints: strings up to {@code maxStringLength}, nesting up to {@link #MAX_NESTING_DEPTH}. */
    public static StreamReadConstraints constraints(int maxStringLength) {
        return StreamReadConstraints.builder()
                .maxStringLength(maxStringLength)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build();
    }

    /** A parser over {@code b[from, to)}. */
    public static JsonParser parser(byte[] b, int from, int to) throws java.io.IOException {
        return FACTORY.createParser(b, from, to - from);
    }
}
