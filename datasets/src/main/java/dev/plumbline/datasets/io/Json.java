package dev.plumbline.datasets.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** The shared Jackson factory: strict JSON (no comments, NaN or trailing commas). */
public final class Json {
    /** Parser and generator factory; strings may be as long as the longest accepted line. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private Json() {
    }

    /** A parser over {@code b[from, to)}. */
    public static JsonParser parser(byte[] b, int from, int to) throws java.io.IOException {
        return FACTORY.createParser(b, from, to - from);
    }
}
