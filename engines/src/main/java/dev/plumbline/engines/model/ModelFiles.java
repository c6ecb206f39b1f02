package dev.plumbline.engines.model;

import dev.plumbline.engines.tokenizer.WordPieceTokenizer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model's files in memory with their SHA-256 digests (recorded in provenance).
 *
 * @param origin          where they were read from
 * @param onnx            the {@code .onnx} bytes; owned by this record, not to be modified
 * @param tokenizerJson   the {@code tokenizer.json} bytes
 * @param onnxSha256      lowercase hex SHA-256 of {@code onnx}
 * @param tokenizerSha256 lowercase hex SHA-256 of {@code tokenizerJson}
 */
public record ModelFiles(String origin, byte[] onnx, byte[] tokenizerJson, String onnxSha256, String tokenizerSha256) {

    /** Hashes the two files. */
    public ModelFiles(String origin, byte[] onnx, byte[] tokenizerJson) {
        this(origin, onnx, tokenizerJson, sha256(onnx), sha256(tokenizerJson));
    }

    /** Parses the tokenizer. */
    public WordPieceTokenizer tokenizer() {
        return WordPieceTokenizer.fromJson(tokenizerJson, origin + " tokenizer.json");
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
