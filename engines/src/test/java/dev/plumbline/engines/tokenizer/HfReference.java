package dev.plumbline.engines.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Hugging Face tokenizer (Rust {@code tokenizers}, through DJL's JNI binding whose native
 * library ships inside the jar) as the reference for {@link WordPieceTokenizer}. Test-only.
 */
final class HfReference implements AutoCloseable {
    static {
        // DJL otherwise "calls home": it probes the EC2 metadata address and posts telemetry.
        // Tests must touch no network, so offline mode is forced before any DJL class loads.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
        }
    }

    private final HuggingFaceTokenizer tokenizer;

    /** A reference without truncation or padding, adding [CLS]/[SEP]. */
    HfReference(byte[] tokenizerJson) {
        this(tokenizerJson, -1);
    }

    /** A reference truncating to {@code maxLength} tokens (including specials), or none if negative. */
    HfReference(byte[] tokenizerJson, int maxLength) {
        try {
            Path file = Files.createTempFile("tokenizer", ".json");
            Files.write(file, tokenizerJson);
            var builder = HuggingFaceTokenizer.builder().optTokenizerPath(file).optPadding(false).optAddSpecialTokens(true);
            if (maxLength > 0) {
                builder.optTruncation(true).optMaxLength(maxLength);
            } else {
                builder.optTruncation(false);
            }
            tokenizer = builder.build();
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids of each text, in order. */
    int[][] encode(List<String> texts) {
        Encoding[] enc = tokenizer.batchEncode(texts);
        int[][] out = new int[enc.length][];
        for (int i = 0; i < enc.length; i++) {
            long[] ids = enc[i].getIds();
            out[i] = new int[ids.length];
            for (int j = 0; j < ids.length; j++) {
                out[i][j] = Math.toIntExact(ids[j]);
            }
        }
        return out;
    }

    /** Ids and token types of a pair, {@code [0]} and {@code [1]}. */
    int[][] encodePair(String a, String b) {
        Encoding e = tokenizer.encode(a, b);
        long[] ids = e.getIds();
        long[] types = e.getTypeIds();
        int[][] out = new int[2][ids.length];
        for (int j = 0; j < ids.length; j++) {
            out[0][j] = Math.toIntExact(ids[j]);
            out[1][j] = Math.toIntExact(types[j]);
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
